import * as assert from 'assert';
import { apiErrorMessage, SparkClient } from '../../src/core/api/client';
import { SparkError } from '../../src/core/spec/errors';
import { english } from '../../src/core/base/messages';
import { rejectionError } from '../../src/core/api/rejection';
import { DEFAULT_BASE_URL, DEFAULT_CREATE_PATH, DEFAULT_TASK_PATH } from '../../src/core/spec/spec';
import { errorOf, parseTask, progressOf, timestampOf } from '../../src/core/api/task';
import { createBody } from '../../src/core/api/wire';
import { MockServer, startMockServer } from '../mock/server';
import { apiFor, generateFrom, quickPolicy, realDeps } from './coreHarness';

async function failure(promise: Promise<unknown>): Promise<SparkError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SparkError, `expected a SparkError, got ${String(error)}`);
    return error;
  }
  return assert.fail('expected the call to fail');
}

const REQUEST = { model: 'spark_image_3_1', prompt: 'a kite', use_pre_llm: false, seed: 7, width: 1328, height: 1328 };

describe('the Vtrix gateway contract (docs.vtrix.ai, vtrix-cli, seacloud-cli, sea-sdk-js)', function () {
  this.timeout(20_000);

  describe('defaults and the request body', () => {
    it('defaults to the gateway: base URL, create and task paths', () => {
      assert.strictEqual(DEFAULT_BASE_URL, 'https://cloud.vtrix.ai');
      assert.strictEqual(DEFAULT_CREATE_PATH, '/model/v1/generation');
      assert.strictEqual(DEFAULT_TASK_PATH, '/model/v1/generation/task/{id}');
      const client = new SparkClient({ baseUrl: DEFAULT_BASE_URL, createPath: DEFAULT_CREATE_PATH, taskPath: DEFAULT_TASK_PATH, apiKey: 'k' }, realDeps());
      assert.strictEqual(client.taskUrl('task/1'), 'https://cloud.vtrix.ai/model/v1/generation/task/task%2F1');
    });

    it('wraps the parameters as {model, input: [{params}]} for the gateway, flat for a proxy', () => {
      assert.deepStrictEqual(createBody(REQUEST, 'gateway'), { model: 'spark_image_3_1', input: [{ params: { prompt: 'a kite', use_pre_llm: false, seed: 7, width: 1328, height: 1328 } }] });
      assert.deepStrictEqual(createBody(REQUEST, 'flat'), REQUEST);
    });

    it('refuses an unknown request format by name before sending', () => {
      assert.throws(
        () => new SparkClient({ baseUrl: DEFAULT_BASE_URL, createPath: DEFAULT_CREATE_PATH, taskPath: DEFAULT_TASK_PATH, apiKey: 'k', requestFormat: 'wrapped' as never }, realDeps()),
        (error: SparkError) => error.kind === 'config' && /gateway, flat/.test(error.message) && /"wrapped"/.test(error.message) && error.input === 'requestFormat',
      );
    });
  });

  describe('what the gateway answers', () => {
    it('reads in_progress with progress 0..1, 0..100 and "45%", and an integer created_at', () => {
      const task = parseTask({ id: 't', status: 'in_progress', progress: 0.45, created_at: 1767225600 });
      assert.strictEqual(task?.status, 'running');
      assert.strictEqual(task?.progress, 0.45);
      assert.strictEqual(task?.createdAtMs, 1767225600_000);
      assert.strictEqual(parseTask({ id: 't', status: 'in_progress', progress: 45 })?.progress, 0.45);
      assert.strictEqual(progressOf('45%'), 0.45);
      assert.strictEqual(progressOf('0.5'), 0.5);
      for (const nonsense of [-1, 101, 'soon', null, {}, Number.NaN]) {
        assert.strictEqual(progressOf(nonsense), undefined, JSON.stringify(nonsense));
      }
      assert.strictEqual(timestampOf('2026-01-01T00:00:00Z'), Date.parse('2026-01-01T00:00:00Z'));
      assert.strictEqual(timestampOf(1767225600123), 1767225600123, 'epoch ms stay ms');
    });

    it('a status word that names an Object property is unknown, not the prototype (found by the property tests)', () => {
      for (const word of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        assert.strictEqual(parseTask({ id: 't', task_status: word })?.status, 'unknown', word);
      }
    });

    it('takes content typed image, image_url or untyped, and skips other media', () => {
      const task = parseTask({
        id: 't',
        status: 'completed',
        output: [
          {
            content: [
              { type: 'image', url: 'https://a/1.png' },
              { type: 'image_url', url: 'https://a/2.png' },
              { type: 'image_url', image_url: { url: 'https://a/3.png' } },
              { url: 'https://a/4.png' },
              { type: 'video', url: 'https://a/5.mp4' },
            ],
          },
        ],
      });
      assert.deepStrictEqual(
        task?.images.map((image) => image.url),
        ['https://a/1.png', 'https://a/2.png', 'https://a/3.png', 'https://a/4.png'],
      );
    });

    it('reads usage.quantity and unit_price, and derives the cost from them when cost is absent', () => {
      assert.deepStrictEqual(parseTask({ id: 't', status: 'completed', usage: { cost: '0.06', quantity: 2, unit_price: '0.03' } })?.usage, {
        costUsd: 0.06,
        discount: undefined,
        generatedImages: undefined,
        totalTokens: undefined,
        quantity: 2,
        unitPriceUsd: 0.03,
      });
      assert.strictEqual(parseTask({ id: 't', status: 'completed', usage: { quantity: 3, unit_price: '0.03' } })?.usage?.costUsd, 0.09);
    });

    it('reads a task error as a string, or an object with a string or integer code', () => {
      assert.deepStrictEqual(parseTask({ id: 't', status: 'failed', error: 'content policy' })?.error, { message: 'content policy' });
      assert.deepStrictEqual(parseTask({ id: 't', status: 'failed', error: { code: 3002095, message: 'boom' } })?.error, { code: '003002095', message: 'boom' });
      assert.deepStrictEqual(parseTask({ id: 't', status: 'failed', error: { code: 'E_GPU', message: 'boom' } })?.error, { code: 'E_GPU', message: 'boom' });
    });
  });

  describe('every error body shape', () => {
    const shapes: Array<[string, unknown, { code?: string; message?: string }]> = [
      ['the seed', { error: { code: 3002005, error_message: 'bad size' } }, { code: '003002005', message: 'bad size' }],
      ['code and message', { error: { code: 'invalid_request', message: 'bad size' } }, { code: 'invalid_request', message: 'bad size' }],
      ['a string error', { error: 'model not found' }, { message: 'model not found' }],
      ['a bare message', { message: 'unauthorized' }, { message: 'unauthorized' }],
      ['a status object', { status: { code: 403, message: 'insufficient balance', error_code: 40201 } }, { code: '40201', message: 'insufficient balance' }],
    ];
    for (const [name, body, expected] of shapes) {
      it(`reads ${name}: ${JSON.stringify(body)}`, () => {
        assert.deepStrictEqual(errorOf(body), expected);
      });
    }

    it('shows an unknown shape as the HTTP status and the body, shortened and without control characters', () => {
      const body = `{"weird":"${'x'.repeat(400)}\u0007"}`;
      const message = apiErrorMessage(undefined, undefined, 418, english, body);
      assert.match(message, /^The service answered HTTP 418 \[003002097 HTTP error response\]: \{"weird":"x+…$/);
      assert.ok(message.length < 300, `shortened: ${message.length}`);
      assert.ok(!message.includes('\u0007'));
    });

    it('tells insufficient balance (a 403 or 402 by code or words) from permission denied, payment required and 401', () => {
      const balanceByCode = rejectionError(403, { code: '40205', message: 'denied' }, english);
      const balanceByWords = rejectionError(403, { message: 'Insufficient balance, please recharge' }, english);
      const payment = rejectionError(402, { message: 'Insufficient credits' }, english);
      for (const error of [balanceByCode, balanceByWords, payment]) {
        assert.strictEqual(error?.kind, 'balance');
        assert.match(error.message, /Insufficient balance/);
        assert.match(error.message, /vtrix\.ai/);
        assert.doesNotMatch(error.message, /key was rejected/i);
      }
      assert.match(balanceByCode?.message ?? '', /\[40205\]/);
      const denied = rejectionError(403, { code: '40301', message: 'model not enabled for this key' }, english);
      assert.strictEqual(denied?.kind, 'permission');
      assert.match(denied.message, /Permission denied \(HTTP 403\).*model not enabled for this key/);
      assert.strictEqual(rejectionError(401, { message: 'bad key' }, english)?.kind, 'auth');
      assert.strictEqual(rejectionError(400, undefined, english), undefined);
      // A code outside 40201..40208 is not a balance code.
      assert.strictEqual(rejectionError(403, { code: '40209' }, english)?.kind, 'permission');
    });
  });

  describe('against the mock, which speaks the gateway by default', () => {
    let mock: MockServer;
    before(async () => {
      mock = await startMockServer({ defaultScenario: { queuedMs: 0, durationMs: 150 } });
    });
    beforeEach(() => mock.reset());
    after(() => mock.close());

    it('sends the wrapped body to /model/v1/generation and polls /model/v1/generation/task/{id}; progress rises', async () => {
      const progress: number[] = [];
      const result = await generateFrom({ prompt: 'a lighthouse', seed: 11, usePreLlm: false }, apiFor(mock), realDeps(), {
        policy: quickPolicy,
        progressEstimate: false,
        onProgress: (report) => report.progress !== undefined && progress.push(report.progress),
      });
      const [create, poll] = mock.log;
      assert.strictEqual(create.path, '/model/v1/generation');
      assert.deepStrictEqual(create.body, { model: 'spark_image_3_1', input: [{ params: { prompt: 'a lighthouse', use_pre_llm: false, seed: 11, width: 1328, height: 1328 } }] });
      assert.strictEqual(poll.path, `/model/v1/generation/task/${result.provenance.taskId}`);
      assert.ok(progress.length >= 2, `progress reported: ${progress.join(', ')}`);
      assert.ok(progress[progress.length - 1] > progress[0], `progress rises: ${progress.join(', ')}`);
      assert.strictEqual(result.provenance.costUsd, 0.03);
    });

    it('the flat format reaches a flat proxy with the parameters at the top level', async () => {
      mock.setScenario({ default: { wire: 'flat', queuedMs: 0, durationMs: 0 } });
      const result = await generateFrom({ prompt: 'flat', seed: 3 }, apiFor(mock, { requestFormat: 'flat' }), realDeps(), { policy: quickPolicy });
      assert.deepStrictEqual(mock.log[0].body, { model: 'spark_image_3_1', prompt: 'flat', use_pre_llm: true, seed: 3, width: 1328, height: 1328 });
      assert.strictEqual(result.provenance.seed, 3);
    });

    it('a flat body sent to the gateway is refused (400), so the format matters', async () => {
      const error = await failure(generateFrom({ prompt: 'flat' }, apiFor(mock, { requestFormat: 'flat' }), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.httpStatus, 400);
      assert.match(error.message, /input/);
      assert.strictEqual(mock.counts.tasks, 0);
    });

    it('delivers a create that already answers completed without a single poll', async () => {
      mock.setScenario({ next: [{ immediate: true }] });
      const result = await generateFrom({ prompt: 'at once' }, apiFor(mock), realDeps(), { policy: quickPolicy });
      assert.strictEqual(mock.counts.polls, 0);
      assert.strictEqual(result.statusRequests, 0);
      assert.strictEqual(result.images[0].info.format, 'png');
      assert.strictEqual(mock.counts.downloads, 1);
    });

    it('downloads content typed image_url or untyped', async () => {
      for (const contentType of ['image_url', 'none'] as const) {
        mock.reset();
        mock.setScenario({ next: [{ contentType, durationMs: 0 }] });
        const result = await generateFrom({ prompt: contentType }, apiFor(mock), realDeps(), { policy: quickPolicy });
        assert.strictEqual(result.images[0].info.format, 'png', contentType);
      }
    });

    it('a task that fails with a string error shows that string', async () => {
      mock.setScenario({ next: [{ durationMs: 0, fail: { message: 'blocked by the content filter' }, taskError: 'string' }] });
      const error = await failure(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'api');
      assert.match(error.message, /blocked by the content filter/);
    });

    it('403 with a balance code: "insufficient balance", sent once, no key prompt', async () => {
      mock.setScenario({ next: [{ create: { kind: 'status', status: 403, body: { status: { code: 403, message: 'insufficient balance', error_code: 40201 } } } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'balance');
      assert.strictEqual(error.code, '40201');
      assert.match(error.message, /Insufficient balance .*\[40201\].*vtrix\.ai/);
      assert.strictEqual(mock.counts.creates, 1, 'never retried');
    });

    it('any other 403 is permission denied, with the server message', async () => {
      mock.setScenario({ next: [{ create: { kind: 'status', status: 403, body: { error: { code: 'forbidden', message: 'this key may not use spark_image_3_1' } } } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'permission');
      assert.match(error.message, /Permission denied.*this key may not use spark_image_3_1/);
    });

    it('a 4xx of an unknown shape shows its status and body', async () => {
      mock.setScenario({ next: [{ create: { kind: 'status', status: 422, body: { detail: [{ loc: ['body'], msg: 'field required' }] } } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'api');
      assert.match(error.message, /HTTP 422 .*\{"detail":\[\{"loc":\["body"\],"msg":"field required"\}\]\}/);
    });

    it('a 403 while polling is an account failure too, not a transient one', async () => {
      mock.setScenario({ next: [{ durationMs: 1000, poll: { kind: 'status', status: 403, body: { message: 'Insufficient balance' } } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'balance');
      assert.ok(error.taskId, 'the task id is kept');
      assert.strictEqual(mock.counts.polls, 1);
    });
  });
});
