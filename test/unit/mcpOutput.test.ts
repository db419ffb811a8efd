import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { mockControlAt } from '../mock/controlClient';
import type { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { MCP_KEY, schemaErrors, sdkClient, textOf, ToolResult } from './mcpHarness';

interface Images {
  images: Array<{ path: string; seed: number }>;
}

describe('spark-image mcp: generate_image\'s format, maxWidth and encodeQuality (against the mock)', function () {
  this.timeout(60_000);
  let mock: MockServer;
  let workspace: string;
  let client: Client | undefined;

  async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
    client ??= await sdkClient({ workspace, baseUrl: mock.baseUrl, env: { SPARK_IMAGE_CACHE_DIR: path.join(workspace, '.cache') } });
    return (await client.callTool({ name, arguments: args })) as ToolResult;
  }

  // Registered first, so each test's server is closed before its workspace goes.
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });
  useCliAgainstMock({ apiKey: MCP_KEY, prefix: 'spark-mcp-output-', scenario: { queuedMs: 30, durationMs: 100 } }, (fixture) => {
    mock = fixture.mock;
    workspace = fs.realpathSync(fixture.dir);
  });

  it('tools/list: generate_image takes format, maxWidth and encodeQuality; no description says "ending in .png"', async () => {
    await call('list_sizes', {});
    const { tools } = await client!.listTools();
    const generate = tools.find((tool) => tool.name === 'generate_image')!;
    const properties = generate.inputSchema.properties as Record<string, { type: string; enum?: string[]; description: string }>;
    assert.deepStrictEqual([properties.format.enum, properties.maxWidth.type, properties.encodeQuality.type], [['png', 'webp', 'jpeg'], 'integer', 'integer']);
    assert.doesNotMatch(JSON.stringify(tools), /ending in \.png/);
    const manifest = fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8');
    assert.doesNotMatch(manifest, /ending in \.png/, 'the LM tool says the same');
  });

  it('format webp with maxWidth 640 saves a 640-px .webp (the path\'s extension follows) with its provenance; spark-image.json\'s output applies when no argument says', async () => {
    const made = await call('generate_image', { prompt: 'a red fox', seed: 3, size: '1328x1328', format: 'webp', maxWidth: 640, encodeQuality: 70, path: 'img/fox.png' });
    assert.ok(!made.isError, textOf(made));
    const structured = made.structuredContent as unknown as Images;
    assert.deepStrictEqual(structured.images.map((image) => image.path), ['img/fox.webp']);
    const { tools } = await client!.listTools();
    assert.strictEqual(schemaErrors(tools.find((tool) => tool.name === 'generate_image')!.outputSchema!, structured), undefined);
    const bytes = fs.readFileSync(path.join(workspace, 'img/fox.webp'));
    assert.deepStrictEqual([sniffImage(bytes)?.format, sniffImage(bytes)?.width], ['webp', 640]);
    assert.deepStrictEqual(readEmbeddedProvenance(bytes)?.output, { format: 'webp', width: 640, height: 640, quality: 70, originalWidth: 1328, originalHeight: 1328 });

    fs.writeFileSync(path.join(workspace, 'spark-image.json'), JSON.stringify({ output: { format: 'jpeg', maxWidth: 500 } }));
    const fromFile = await call('generate_image', { prompt: 'an owl', seed: 4, size: '1328x1328' });
    assert.ok(!fromFile.isError, textOf(fromFile));
    const saved = path.join(workspace, (fromFile.structuredContent as unknown as Images).images[0].path);
    assert.match(saved, /\.jpg$/);
    assert.deepStrictEqual([sniffImage(fs.readFileSync(saved))?.format, sniffImage(fs.readFileSync(saved))?.width], ['jpeg', 500]);
    const argumentWins = await call('generate_image', { prompt: 'an owl', seed: 5, size: '1328x1328', format: 'png' });
    const png = path.join(workspace, (argumentWins.structuredContent as unknown as Images).images[0].path);
    assert.deepStrictEqual([sniffImage(fs.readFileSync(png))?.format, sniffImage(fs.readFileSync(png))?.width], ['png', 500]);
  });

  it('a task kept after a timeout is resumed by a new server with its output: resume_task saves the .webp at maxWidth', async () => {
    mock.setScenario({ default: { never: true } });
    const env = { SPARK_IMAGE_CACHE_DIR: path.join(workspace, '.cache') };
    const first = await sdkClient({ workspace, baseUrl: mock.baseUrl, args: ['--timeout', '1'], env });
    const timedOut = (await first.callTool({ name: 'generate_image', arguments: { prompt: 'a heron', seed: 8, size: '1328x1328', format: 'webp', maxWidth: 600, path: 'art/heron.png' } })) as ToolResult;
    await first.close();
    assert.strictEqual(timedOut.isError, true, textOf(timedOut));
    await mockControlAt(() => mock.baseUrl).finish(mock.tasks[0].id);
    const resumed = await call('resume_task', { task_id: mock.tasks[0].id });
    assert.ok(!resumed.isError, textOf(resumed));
    const bytes = fs.readFileSync(path.join(workspace, 'art/heron.webp'));
    assert.deepStrictEqual([sniffImage(bytes)?.format, sniffImage(bytes)?.width], ['webp', 600]);
    assert.strictEqual(mock.counts.creates, 1);
  });

  it('a bad format, maxWidth or encodeQuality is an isError naming the argument, the rule and the value; nothing sent', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ format: 'gif' }, /format must be one of png, webp, jpeg, not "gif"\. Nothing was sent/],
      [{ maxWidth: 0 }, /maxWidth must be a whole number from 16 to 8192, not 0\. Nothing was sent/],
      [{ maxWidth: '800' }, /maxWidth must be a whole number from 16 to 8192, not "800"/],
      [{ encodeQuality: 101 }, /encodeQuality must be a whole number from 1 to 100, not 101/],
    ];
    for (const [args, message] of cases) {
      const refused = await call('generate_image', { prompt: 'a red fox', ...args });
      assert.strictEqual(refused.isError, true, JSON.stringify(args));
      assert.match(textOf(refused), message);
    }
    assert.strictEqual(mock.counts.creates, 0);
    assert.deepStrictEqual(mock.log, [], 'no request reached the mock');
  });
});
