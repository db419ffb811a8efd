// Pins the mock to the Vtrix gateway's public contract (docs.vtrix.ai's model reference,
// VtrixAI/vtrix-cli internal/generation/client.go, SeaCloudAI/seacloud-cli, SeaArt-Infra/sea-sdk-js):
// the client's tests can only be as true as this. The seed's flat wire: server.test.ts.
import * as assert from 'assert';
import { isResponse, rawRequest, type RawOptions, type RawResponse } from '../../mock/rawHttp';
import { startMockServer, type MockServer } from '../../mock/server';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(url: string, options: RawOptions = {}): Promise<RawResponse> {
  const result = await rawRequest(url, options);
  assert.ok(isResponse(result), `expected a response from ${url}, got ${JSON.stringify(result)}`);
  return result;
}

const PARAMS = { prompt: 'a red fox', seed: 3, width: 1024, height: 1024 };

describe('mock API server: the gateway wire (the default)', function () {
  this.timeout(10_000);
  let mock: MockServer;
  before(async () => {
    mock = await startMockServer();
  });
  after(() => mock.close());
  beforeEach(() => mock.reset());

  const auth = () => ({ Authorization: `Bearer ${mock.apiKey}` });
  const create = (body: unknown) => call(mock.createUrl, { method: 'POST', body, headers: auth() });
  const poll = (id: string) => call(mock.taskUrl(id), { headers: auth() });
  const gatewayBody = (params: Record<string, unknown> = PARAMS) => ({ model: 'spark_image_3_1', input: [{ params }] });

  it('serves POST /model/v1/generation and GET /model/v1/generation/task/{id}', () => {
    assert.strictEqual(mock.createUrl, `${mock.baseUrl}/model/v1/generation`);
    assert.strictEqual(mock.taskUrl('task_1'), `${mock.baseUrl}/model/v1/generation/task/task_1`);
  });

  it('answers a create with the task itself: in_progress, progress 0, created_at in unix seconds, the model', async () => {
    mock.setScenario({ default: { queuedMs: 100, durationMs: 400 } });
    const before = Math.floor(Date.now() / 1000);
    const res = await create(gatewayBody());
    assert.strictEqual(res.status, 200, JSON.stringify(res.json));
    const task = res.json as Record<string, unknown>;
    assert.match(String(task.id), /^task_[0-9a-f]{24}$/);
    assert.strictEqual(task.status, 'in_progress');
    assert.strictEqual(task.progress, 0);
    assert.strictEqual(task.model, 'spark_image_3_1');
    assert.ok(Number.isInteger(task.created_at) && (task.created_at as number) >= before && (task.created_at as number) <= before + 1, String(task.created_at));
    assert.deepStrictEqual(mock.tasks[0].prompt, 'a red fox');
    assert.deepStrictEqual([mock.tasks[0].width, mock.tasks[0].seed], [1024, 3]);
  });

  it('reports progress 0..1 while running, then completed with output, usage quantity and unit_price', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 400 } });
    const id = (await create(gatewayBody())).json.id as string;
    await sleep(150);
    const running = (await poll(id)).json as Record<string, unknown>;
    assert.strictEqual(running.status, 'in_progress');
    assert.ok((running.progress as number) > 0 && (running.progress as number) < 1, String(running.progress));
    await sleep(300);
    const done = (await poll(id)).json as { status: string; progress: number; output: Array<{ content: Array<Record<string, unknown>> }>; usage: Record<string, unknown> };
    assert.strictEqual(done.status, 'completed');
    assert.strictEqual(done.progress, 1);
    assert.strictEqual(done.output[0].content[0].type, 'image');
    assert.match(String(done.output[0].content[0].url), /^http:\/\/localhost:\d+\/images\/task_/);
    assert.deepStrictEqual([done.usage.cost, done.usage.quantity, done.usage.unit_price], ['0.0300', 1, '0.0300']);
  });

  it('refuses a flat body (400): the gateway finds no input[0].params', async () => {
    const res = await create({ model: 'spark_image_3_1', ...PARAMS });
    assert.strictEqual(res.status, 400);
    assert.match(JSON.stringify(res.json), /input must be a non-empty array/);
    const bad = await create({ model: 'spark_image_3_1', input: [{ params: 'x' }] });
    assert.strictEqual(bad.status, 400);
    assert.strictEqual(mock.counts.tasks, 0);
  });

  it('validates the params with the seed codes', async () => {
    const res = await create(gatewayBody({ prompt: 'x', width: 3000, height: 500 }));
    assert.strictEqual(res.status, 400);
    assert.deepStrictEqual((res.json as { error: unknown }).error, { code: 3002006, error_message: 'aspect ratio 6:1 (3000×500) outside 1:3..3:1' });
  });

  it('progress as percent, or none at all', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 400 }, next: [{ progress: 'percent' }, { progress: 'none' }] });
    const percent = (await create(gatewayBody())).json.id as string;
    const none = (await create(gatewayBody())).json.id as string;
    await sleep(150);
    const p = (await poll(percent)).json.progress as number;
    assert.ok(Number.isInteger(p) && p > 1 && p < 100, String(p));
    assert.ok(!('progress' in (await poll(none)).json), 'no progress field');
  });

  it('immediate: the create answers the finished task with its output', async () => {
    mock.setScenario({ next: [{ immediate: true }] });
    const res = await create(gatewayBody());
    const task = res.json as { status: string; output: Array<{ content: Array<{ url: string }> }> };
    assert.strictEqual(task.status, 'completed');
    assert.ok(task.output[0].content[0].url);
    assert.strictEqual((await call(task.output[0].content[0].url)).status, 200, 'the image is served at once');
  });

  it('content typed image_url or untyped; a failed task with a string error', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 0 }, next: [{ contentType: 'image_url' }, { contentType: 'none' }, { fail: { message: 'nope' }, taskError: 'string' }] });
    const imageUrl = (await create(gatewayBody())).json as { output: Array<{ content: Array<Record<string, unknown>> }> };
    assert.strictEqual(imageUrl.output[0].content[0].type, 'image_url');
    const untyped = (await create(gatewayBody())).json as { output: Array<{ content: Array<Record<string, unknown>> }> };
    assert.ok(!('type' in untyped.output[0].content[0]));
    const failed = (await create(gatewayBody())).json as Record<string, unknown>;
    assert.deepStrictEqual([failed.status, failed.error], ['failed', 'nope']);
  });

  it('the other shapes of the official clients: error {code, message} with a string code, progress absent once ended, usage.cost as a number, "" or null, discount 1', async () => {
    mock.setScenario({
      default: { queuedMs: 0, durationMs: 0 },
      next: [
        { taskError: 'message', fail: { code: 'SYNC_TIMEOUT', message: 'timed out' }, endedProgress: 'absent' },
        { cost: 'number', discount: 1, endedProgress: 'absent' },
        { cost: 'empty' },
        { cost: 'null' },
        { fail: { code: 40201, message: 'Insufficient credits' }, taskError: 'message' },
      ],
    });
    const failed = (await create(gatewayBody())).json as Record<string, unknown>;
    assert.deepStrictEqual([failed.status, failed.error, 'progress' in failed], ['failed', { code: 'SYNC_TIMEOUT', message: 'timed out' }, false]);
    const numeric = (await create(gatewayBody())).json as { usage: Record<string, unknown> };
    assert.deepStrictEqual([numeric.usage.cost, numeric.usage.discount, 'progress' in numeric], [0.03, 1, false]);
    assert.strictEqual(((await create(gatewayBody())).json as { usage: Record<string, unknown> }).usage.cost, '');
    assert.strictEqual(((await create(gatewayBody())).json as { usage: Record<string, unknown> }).usage.cost, null);
    assert.deepStrictEqual(((await create(gatewayBody())).json as Record<string, unknown>).error, { code: 40201, message: 'Insufficient credits' });
  });

  it('logs the User-Agent of every request, on the API and the image server (null when none was sent)', async () => {
    mock.setScenario({ default: { queuedMs: 0, durationMs: 0 } });
    const task = (await call(mock.createUrl, { method: 'POST', body: gatewayBody(), headers: { ...auth(), 'User-Agent': 'spark-image/1.0.0 (cli)' } })).json as { output: Array<{ content: Array<{ url: string }> }> };
    await call(task.output[0].content[0].url, { headers: { 'User-Agent': 'spark-image/1.0.0 (cli)' } });
    await call(mock.taskUrl('task_x'), { headers: auth() });
    assert.deepStrictEqual(
      mock.log.map((request) => [request.origin, request.userAgent]),
      [
        ['api', 'spark-image/1.0.0 (cli)'],
        ['images', 'spark-image/1.0.0 (cli)'],
        ['api', null],
      ],
    );
  });

  it('a status fault may carry any JSON body, for the gateway\'s many error shapes', async () => {
    const balance = { status: { code: 403, message: 'insufficient balance', error_code: 40201 } };
    const payment = { status: { code: 402, message: 'payment required', error_code: 40200 }, data: null };
    const topLevel = { error_code: 40201, message: 'Insufficient credits' };
    mock.setScenario({ next: [{ create: { kind: 'status', status: 403, body: balance, times: 1 } }, { create: { kind: 'status', status: 402, body: payment, times: 1 } }, { create: { kind: 'status', status: 402, body: topLevel, times: 1 } }] });
    for (const [status, body] of [[403, balance], [402, payment], [402, topLevel]] as const) {
      const res = await create(gatewayBody());
      assert.strictEqual(res.status, status);
      assert.deepStrictEqual(res.json, body);
    }
  });
});
