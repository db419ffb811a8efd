import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import type { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { MCP_KEY, schemaErrors, sdkClient, textOf, ToolResult } from './mcpHarness';

const TEMPLATE = 'flat vector illustration of {prompt}, teal and coral palette';
const CONFIG = { styles: { brand: { prompt: TEMPLATE, size: '1k-16:9' }, photo: { prompt: 'a photograph' } }, defaults: { style: 'brand' } };

interface Images {
  images: Array<{ path: string; seed: number; prompt: string }>;
  costUsd: number | null;
}

describe('spark-image mcp: count (variations), style and list_styles (against the mock)', function () {
  this.timeout(40_000);
  let mock: MockServer;
  let workspace: string;
  let client: Client | undefined;

  async function connect(args: string[] = []): Promise<Client> {
    client = await sdkClient({ workspace, baseUrl: mock.baseUrl, args });
    return client;
  }

  async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
    return (await client!.callTool({ name, arguments: args })) as ToolResult;
  }

  // Registered first, so each test's server is closed before its workspace goes.
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });
  useCliAgainstMock({ apiKey: MCP_KEY, prefix: 'spark-mcp-var-', scenario: { queuedMs: 30, durationMs: 100 } }, (fixture) => {
    mock = fixture.mock;
    workspace = fs.realpathSync(fixture.dir);
  });

  it('count: 2 returns both images: one resource_link and one thumbnail each, two items in structuredContent.images, seeds S and S+1', async () => {
    await connect();
    const result = await call('generate_image', { prompt: 'a lighthouse', seed: 10, count: 2 });
    assert.ok(!result.isError, textOf(result));
    assert.strictEqual(mock.counts.creates, 2);
    assert.deepStrictEqual(mock.tasks.map((task) => task.seed).sort(), [10, 11]);
    const links = result.content.filter((block) => block.type === 'resource_link');
    assert.strictEqual(links.length, 2);
    assert.strictEqual(result.content.filter((block) => block.type === 'image').length, 2);
    const structured = result.structuredContent as unknown as Images;
    assert.deepStrictEqual(structured.images.map((image) => image.seed).sort(), [10, 11]);
    assert.deepStrictEqual(structured.images.map((image) => image.path).sort(), ['images/a-lighthouse-10.png', 'images/a-lighthouse-11.png']);
    assert.strictEqual(structured.costUsd, 0.06);
    links.forEach((link) => assert.ok(fs.existsSync(fileURLToPath(link.uri!))));
    const { tools } = await client!.listTools();
    assert.strictEqual(schemaErrors(tools.find((tool) => tool.name === 'generate_image')!.outputSchema!, structured), undefined);

    const random = await call('generate_image', { prompt: 'an owl', count: 3 });
    assert.ok(!random.isError, textOf(random));
    assert.strictEqual(new Set(mock.tasks.slice(2).map((task) => task.seed)).size, 3, 'three distinct random seeds');
    const refused = await call('generate_image', { prompt: 'an owl', count: 5 });
    assert.strictEqual(refused.isError, true);
    assert.match(textOf(refused), /count must be a whole number from 1 to 4, not 5\. Nothing was sent\./);
    assert.strictEqual(mock.counts.creates, 5);
  });

  it('--max-images counts every variation before sending: count 2 takes 2 slots, and a call that would pass the cap sends none', async () => {
    await connect(['--max-images', '3']);
    assert.ok(!(await call('generate_image', { prompt: 'one', seed: 1, count: 2 })).isError);
    assert.strictEqual(mock.counts.creates, 2);
    const over = await call('generate_image', { prompt: 'two', seed: 5, count: 2 });
    assert.strictEqual(over.isError, true);
    assert.match(textOf(over), /at most 3 image\(s\) \(--max-images\) and has made 2; 2 more would pass it\. Nothing was sent\./);
    assert.strictEqual(mock.counts.creates, 2, 'neither variation was sent');
    assert.ok(!(await call('generate_image', { prompt: 'three', seed: 7 })).isError, 'the one slot left is still there');
    await client!.close();

    mock.reset();
    mock.setScenario({ default: { queuedMs: 30, durationMs: 100 } });
    await connect(['--max-cost', '0.10']);
    const costly = await call('generate_image', { prompt: 'big', size: '2k-1:1', count: 2 });
    assert.strictEqual(costly.isError, true);
    assert.match(textOf(costly), /These 2 images cost ≈ \$0\.12, estimated; .*limit of \$0\.10 \(--max-cost\)\. Nothing was sent\./);
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('list_styles lists the nearest file\'s styles (structuredContent matching its outputSchema); style shapes the prompt sent; an unknown style sends nothing', async () => {
    fs.writeFileSync(path.join(workspace, 'spark-image.json'), JSON.stringify(CONFIG));
    await connect();
    const { tools } = await client!.listTools();
    const tool = tools.find((candidate) => candidate.name === 'list_styles')!;
    assert.strictEqual(tool.title, 'List house styles');
    const listed = await call('list_styles', {});
    assert.ok(!listed.isError, textOf(listed));
    assert.deepStrictEqual(listed.structuredContent, {
      file: 'spark-image.json',
      defaultStyle: 'brand',
      styles: [
        { name: 'brand', prompt: TEMPLATE, size: '1k-16:9' },
        { name: 'photo', prompt: 'a photograph' },
      ],
      problems: [],
    });
    assert.strictEqual(schemaErrors(tool.outputSchema!, listed.structuredContent), undefined);
    assert.match(textOf(listed), /^brand \(default\): flat vector/m);

    const styled = await call('generate_image', { prompt: 'a red fox', seed: 3 });
    assert.ok(!styled.isError, textOf(styled));
    assert.deepStrictEqual([mock.tasks[0].prompt, mock.tasks[0].width], ['flat vector illustration of a red fox, teal and coral palette', 1664]);
    const saved = path.join(workspace, 'images/a-red-fox-3.png');
    assert.deepStrictEqual(readEmbeddedProvenance(fs.readFileSync(saved))?.style, { name: 'brand', template: TEMPLATE });
    assert.ok(!(await call('generate_image', { prompt: 'a red fox', seed: 4, style: 'none' })).isError);
    assert.strictEqual(mock.tasks[1].prompt, 'a red fox');

    const unknown = await call('generate_image', { prompt: 'a red fox', style: 'brnad' });
    assert.strictEqual(unknown.isError, true);
    assert.match(textOf(unknown), /Unknown style "brnad": spark-image\.json defines brand, photo\. Use one of them, or style "none"\. Nothing was sent\./);
    assert.strictEqual(mock.counts.creates, 2);
  });
});
