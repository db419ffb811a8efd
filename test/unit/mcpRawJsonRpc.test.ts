import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MockServer, startMockServer } from '../mock/server';
import { pngFileSize } from '../helpers/png';
import { EXPECTED_ANNOTATIONS, MCP_KEY, RawClient, RawMessage, schemaErrors, textOf, timesSaid, ToolResult } from './mcpHarness';

type Listed = { name: string; title: string; annotations: Record<string, unknown>; inputSchema: { additionalProperties?: boolean }; outputSchema?: object };

/**
 * The same points as mcpSpec.test.ts, on the wire alone: newline-delimited JSON-RPC written to the
 * server's stdin, no SDK on the client side. A 2025-06-18 client is answered as one.
 */
describe('spark-image mcp over raw JSON-RPC (stdio, protocol 2025-06-18, against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let workspace: string;
  let client: RawClient | undefined;

  async function connect(): Promise<RawClient> {
    client = new RawClient({ workspace, baseUrl: mock.baseUrl });
    const init = await client.initialize('2025-06-18');
    assert.strictEqual(init.result?.protocolVersion, '2025-06-18');
    return client;
  }

  async function call(name: string, args: Record<string, unknown>, progressToken?: string): Promise<ToolResult> {
    const answer = await client!.request('tools/call', { name, arguments: args, ...(progressToken ? { _meta: { progressToken } } : {}) });
    assert.strictEqual(answer.error, undefined, JSON.stringify(answer.error));
    return answer.result as unknown as ToolResult;
  }

  async function listed(): Promise<Listed[]> {
    return ((await client!.request('tools/list')).result as { tools: Listed[] }).tools;
  }

  before(async () => {
    mock = await startMockServer({ apiKey: MCP_KEY });
  });

  after(() => mock.close());

  beforeEach(() => {
    mock.reset();
    mock.setScenario({ default: { queuedMs: 50, durationMs: 200 } });
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'spark-mcp-raw-')));
  });

  afterEach(async () => {
    await client?.close();
    client = undefined;
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('tools/list carries each title and the annotations of issue 19', async () => {
    await connect();
    const tools = await listed();
    for (const tool of tools) {
      assert.ok(tool.title, tool.name);
      const { title, ...hints } = tool.annotations;
      assert.strictEqual(title, tool.title);
      assert.deepStrictEqual(hints, EXPECTED_ANNOTATIONS[tool.name], tool.name);
      assert.strictEqual(tool.inputSchema.additionalProperties, false, tool.name);
    }
    assert.deepStrictEqual(tools.map((tool) => tool.name).sort(), Object.keys(EXPECTED_ANNOTATIONS).sort());
  });

  it('width + height are honoured, and structuredContent validates against the listed outputSchema (Ajv)', async () => {
    await connect();
    const schema = (await listed()).find((tool) => tool.name === 'generate_image')!.outputSchema!;
    const result = await call('generate_image', { prompt: 'a tall tower', width: 768, height: 1024, seed: 4 });
    assert.ok(!result.isError, textOf(result));
    assert.strictEqual(schemaErrors(schema, result.structuredContent), undefined);
    const [image] = (result.structuredContent as { images: Array<{ path: string; width: number; height: number; seed: number }> }).images;
    assert.deepStrictEqual([image.path, image.width, image.height, image.seed], ['images/a-tall-tower-4.png', 768, 1024, 4]);
    assert.deepStrictEqual(pngFileSize(path.join(workspace, image.path)), { width: 768, height: 1024 });
  });

  it('an unknown argument and a width/height mismatch are refused (code once), nothing sent', async () => {
    await connect();
    const bogus = await call('generate_image', { prompt: 'x', bogus: 1 });
    assert.strictEqual(bogus.isError, true);
    assert.match(textOf(bogus), /Unknown argument "bogus": generate_image accepts only prompt, size, width, height,/);
    assert.strictEqual(bogus.structuredContent, undefined);
    const oneSide = await call('generate_image', { prompt: 'x', width: 3000 });
    assert.strictEqual(oneSide.isError, true);
    assert.strictEqual(timesSaid(textOf(oneSide), '003002007'), 1, textOf(oneSide));
    const both = await call('generate_image', { prompt: 'x', size: '1k-16:9', width: 3000, height: 500 });
    assert.strictEqual(both.isError, true);
    assert.strictEqual(timesSaid(textOf(both), '003002005'), 1, textOf(both));
    const wide = await call('generate_image', { prompt: 'x', width: 3000, height: 500 });
    assert.strictEqual(timesSaid(textOf(wide), '003002006'), 1, textOf(wide));
    assert.strictEqual(mock.counts.creates, 0);
    assert.deepStrictEqual(mock.log.filter((request) => request.method === 'POST'), []);
  });

  it('an unknown tool answers a JSON-RPC error -32602', async () => {
    await connect();
    const answer: RawMessage = await client!.request('tools/call', { name: 'nope', arguments: {} });
    assert.strictEqual(answer.result, undefined);
    assert.strictEqual(answer.error?.code, -32602);
    assert.match(answer.error.message, /Unknown tool "nope"/);
  });

  it('notifications/progress: total 100, strictly increasing, ending at 100', async () => {
    mock.setScenario({ default: { queuedMs: 300, durationMs: 4000 } });
    await connect();
    const result = await call('generate_image', { prompt: 'a fox', seed: 8 }, 'p-1');
    assert.ok(!result.isError, textOf(result));
    const notices = client!.notifications.filter((message) => message.method === 'notifications/progress').map((message) => message.params as { progressToken: string; progress: number; total?: number });
    assert.ok(notices.length >= 3, JSON.stringify(notices));
    assert.ok(notices.every((notice) => notice.progressToken === 'p-1' && notice.total === 100), JSON.stringify(notices));
    for (let i = 1; i < notices.length; i++) {
      assert.ok(notices[i].progress > notices[i - 1].progress, JSON.stringify(notices));
    }
    assert.strictEqual(notices[notices.length - 1].progress, 100);
  });
});
