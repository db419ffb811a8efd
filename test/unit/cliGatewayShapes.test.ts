import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { MockServer, startMockServer } from '../mock/server';
import { LoggedRequest } from '../mock/state';
import { cleanEnv } from '../helpers/env';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-gateway-shapes-7d41c09e';
const VERSION = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
const PAYMENT_REQUIRED = { status: { code: 402, message: 'payment required', error_code: 40200 }, data: null };

/** Every request, to the API and for the image, carries the product, its version and the front end. */
function assertUserAgents(log: LoggedRequest[], frontEnd: 'cli' | 'mcp'): void {
  const api = log.filter((request) => request.origin === 'api');
  assert.ok(api.some((request) => request.method === 'POST') && api.some((request) => request.method === 'GET'), 'a create and a poll');
  assert.deepStrictEqual([...new Set(api.map((request) => request.userAgent))], [`spark-image/${VERSION} (${frontEnd})`]);
  const images = log.filter((request) => request.origin === 'images');
  assert.ok(images.length > 0, 'an image request');
  assert.deepStrictEqual([...new Set(images.map((request) => request.userAgent))], [`spark-image/${VERSION} (${frontEnd})`]);
}

describe('spark-image reads the gateway right (the built command against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl } });
  }

  function fiveDirectives(): void {
    fs.mkdirSync(path.join(dir, 'docs'));
    const directives = Array.from({ length: 5 }, (_, n) => `<!-- spark-image: picture number ${n} {seed=${n + 1}} -->\n`).join('\n');
    fs.writeFileSync(path.join(dir, 'docs/many.md'), `# Many\n\n${directives}`);
  }

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: KEY });
  });
  after(() => mock.close());
  beforeEach(() => {
    mock.reset();
    mock.setScenario({ default: { queuedMs: 0, durationMs: 100 } });
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'spark-shapes-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('generate sends User-Agent spark-image/<version> (cli) on every API request', async () => {
    const result = await run(['generate', 'a kite', '--seed', '3']);
    assert.strictEqual(result.code, 0, result.stderr);
    assertUserAgents(mock.log, 'cli');
  });

  it('the MCP server sends User-Agent spark-image/<version> (mcp) on every API request', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'mcp'],
      cwd: dir,
      env: cleanEnv({ SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl }),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'spark-image-test', version: '0.0.0' });
    await client.connect(transport);
    try {
      const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'a kite', seed: 3 } })) as { isError?: boolean; content: Array<{ type: string; text?: string }> };
      assert.ok(!result.isError, JSON.stringify(result.content));
    } finally {
      await client.close();
    }
    assertUserAgents(mock.log, 'mcp');
  });

  it('a 402 with error_code 40200 is "payment required" (exit 3), not balance; sent once', async () => {
    mock.setScenario({ next: [{ create: { kind: 'status', status: 402, body: PAYMENT_REQUIRED } }] });
    const result = await run(['generate', 'x']);
    assert.strictEqual(result.code, 3, result.stderr);
    assert.match(result.stderr, /Payment required \(HTTP 402\) \[40200\]/);
    assert.doesNotMatch(result.stderr, /Insufficient balance/);
    assert.strictEqual(mock.counts.creates, 1);
  });

  it('docs stops sending after a task that failed with "insufficient balance"', async () => {
    fiveDirectives();
    mock.setScenario({ default: { queuedMs: 0, durationMs: 0 }, next: [{}, { durationMs: 50, taskError: 'message', fail: { code: 'TASK_FAILED', message: 'insufficient balance' } }] });
    const result = await run(['docs', '--concurrency', '1']);
    assert.strictEqual(result.code, 3, result.stderr);
    assert.strictEqual(mock.counts.creates, 2, 'nothing sent after the failed task');
    assert.match(result.stderr, /stopped: 3 image\(s\) not sent, because every one would fail the same way: Insufficient balance on the account: the task failed/);
  });

  it('docs stops sending after a 402 "payment required" too', async () => {
    fiveDirectives();
    mock.setScenario({ default: { queuedMs: 0, durationMs: 0 }, next: [{ create: { kind: 'status', status: 402, body: PAYMENT_REQUIRED } }] });
    const result = await run(['docs', '--concurrency', '1']);
    assert.strictEqual(result.code, 3, result.stderr);
    assert.strictEqual(mock.counts.creates, 1, 'nothing sent after it');
    assert.match(result.stderr, /stopped: 4 image\(s\) not sent, because every one would fail the same way: Payment required/);
  });
});
