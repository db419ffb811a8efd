import * as assert from 'assert';
import { resumeTask } from '../../src/core/job/generate';
import { SparkError } from '../../src/core/spec/errors';
import { ErrorCodes } from '../../src/core/spec/spec';
import { SparkClient } from '../../src/core/api/client';
import { MockServer, startMockServer } from '../mock/server';
import { apiFor, generateFrom, quickPolicy, realDeps } from './coreHarness';

async function expectSparkError(promise: Promise<unknown>, check: Partial<Pick<SparkError, 'kind' | 'code' | 'taskId' | 'httpStatus'>>): Promise<SparkError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SparkError, `expected a SparkError, got ${String(error)}`);
    for (const [key, value] of Object.entries(check)) {
      assert.strictEqual((error as unknown as Record<string, unknown>)[key], value, `${key} of ${error.message}`);
    }
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('client against the mock API over loopback', function () {
  this.timeout(20_000);
  let mock: MockServer;

  before(async () => {
    mock = await startMockServer({ defaultScenario: { queuedMs: 60, durationMs: 200 } });
  });
  beforeEach(() => mock.reset());
  after(() => mock.close());

  it('generates: concrete client-side seed sent, real PNG of the requested size, provenance with cost', async () => {
    const deps = realDeps();
    const phases: string[] = [];
    const created: string[] = [];
    const result = await generateFrom({ prompt: 'a lighthouse at dawn', width: 1664, height: 936 }, apiFor(mock), deps, {
      policy: quickPolicy,
      onProgress: (report) => phases.push(report.phase),
      onTaskCreated: (task) => void created.push(task.taskId),
    });
    assert.strictEqual(mock.counts.creates, 1);
    const sent = mock.tasks[0];
    assert.ok(sent.seed > 0, 'a random seed was chosen on the client and sent');
    assert.strictEqual(result.provenance.seed, sent.seed);
    assert.strictEqual(result.images[0].info.format, 'png');
    assert.strictEqual(result.images[0].info.width, 1664);
    assert.strictEqual(result.images[0].info.height, 936);
    assert.deepStrictEqual(created, [result.provenance.taskId]);
    assert.strictEqual(result.provenance.costUsd, 0.03);
    assert.ok(result.provenance.jobId, 'job id kept');
    assert.strictEqual(result.provenance.usePreLlm, true, 'auto expansion is on for a short prompt');
    // The gateway says in_progress from the start: it has no queued phase.
    assert.deepStrictEqual([...new Set(phases)], ['submitting', 'running', 'downloading']);
    assert.strictEqual(JSON.parse(JSON.stringify(result.provenance)).prompt, 'a lighthouse at dawn', 'provenance is serialisable');
  });

  it('sends nothing for input that breaks a rule', async () => {
    for (const input of [{ prompt: '' }, { prompt: 'x'.repeat(801) }, { prompt: 'x', seed: -5 }, { prompt: 'x', width: 3000, height: 500 }]) {
      await expectSparkError(generateFrom(input, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'validation' });
    }
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('the mock itself rejects each rule with the seed\'s code, and the client shows it in 9-digit form', async () => {
    const client = new SparkClient(apiFor(mock), realDeps());
    const bad = { model: 'spark_image_3_1', prompt: 'x', use_pre_llm: true, seed: 1, width: 1800, height: 500 };
    for (const codeStyle of ['integer', 'string'] as const) {
      mock.setScenario({ default: { codeStyle } });
      const error = await expectSparkError(client.createTask(bad), { kind: 'api', code: ErrorCodes.aspectRatio, httpStatus: 400 });
      assert.match(error.message, /003002006 Invalid aspect ratio/);
    }
  });

  for (const codeStyle of ['integer', 'string'] as const) {
    it(`reports every documented failure code (${codeStyle} form) with its meaning and the task id`, async () => {
      const codes = [3002095, 3002096, 3002097, 3002098, 3002099];
      mock.setScenario({ next: codes.map((code) => ({ codeStyle, fail: { code, message: `boom ${code}` } })) });
      for (const code of codes) {
        const error = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'api', code: `00${code}` });
        assert.ok(error.taskId, 'task id kept');
        assert.match(error.message, new RegExp(`00${code} \\w+`));
        assert.match(error.message, new RegExp(`boom ${code}`));
      }
    });
  }

  it('shows an unknown code verbatim with the server\'s message, sanitized; and a failure with no message', async () => {
    mock.setScenario({ next: [{ fail: { code: 'E_QUOTA', message: 'quota\u0000 exceeded\n<b>now</b>' } }, { fail: { code: 3002099, message: null } }] });
    const unknown = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'api', code: 'E_QUOTA' });
    assert.match(unknown.message, /E_QUOTA: quota exceeded <b>now<\/b>/);
    const bare = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'api', code: '003002099' });
    assert.match(bare.message, /003002099 Service unavailable/);
  });

  it('401: a distinct auth error, never retried', async () => {
    await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock, { apiKey: 'wrong-key' }), realDeps(), { policy: quickPolicy }), { kind: 'auth', httpStatus: 401 });
    assert.strictEqual(mock.counts.creates, 1);
  });

  it('429 with Retry-After on create: waits as told, then succeeds with one task', async () => {
    mock.setScenario({ next: [{ create: { kind: 'status', status: 429, retryAfter: 1, times: 1 } }] });
    const started = Date.now();
    await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    const creates = mock.log.filter((r) => r.method === 'POST');
    assert.strictEqual(creates.length, 2);
    assert.ok(creates[1].at - creates[0].at >= 950, `waited ${creates[1].at - creates[0].at} ms`);
    assert.strictEqual(mock.counts.tasks, 1);
    assert.ok(Date.now() - started < 10_000);
  });

  it('503 with an HTTP-date Retry-After is honoured too; a huge Retry-After is not waited for', async () => {
    mock.setScenario({ next: [{ create: { kind: 'status', status: 503, retryAfter: 1, retryAfterFormat: 'date', times: 1 } }] });
    await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    assert.strictEqual(mock.counts.tasks, 1);
    mock.reset();
    mock.setScenario({ next: [{ create: { kind: 'status', status: 429, retryAfter: 3600 } }] });
    const started = Date.now();
    const error = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'rateLimited', httpStatus: 429 });
    assert.ok(Date.now() - started < 2000, 'did not wait an hour');
    assert.strictEqual(error.retryAfterMs, 3_600_000);
    assert.strictEqual(mock.counts.creates, 1);
  });

  for (const fault of [{ kind: 'reset' as const }, { kind: 'status' as const, status: 502 }, { kind: 'status' as const, status: 504 }, { kind: 'html' as const, status: 502 }]) {
    it(`after the create was sent (${fault.kind}${'status' in fault ? ` ${fault.status}` : ''}): outcome unknown, not retried`, async () => {
      mock.setScenario({ next: [{ create: fault }] });
      const error = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'outcomeUnknown' });
      assert.match(error.message, /may have been created/);
      assert.strictEqual(mock.counts.creates, 1, 'the mock counts exactly one create');
    });
  }

  it('a create that never answers times out as outcome unknown, without retry', async () => {
    mock.setScenario({ next: [{ create: { kind: 'hang' } }] });
    const client = new SparkClient(apiFor(mock), realDeps(), { maxAttempts: 4, baseDelayMs: 10, maxRetryAfterMs: 1000, requestTimeoutMs: 300 });
    await expectSparkError(client.createTask({ model: 'spark_image_3_1', prompt: 'x', use_pre_llm: true, seed: 1, width: 1328, height: 1328 }), { kind: 'outcomeUnknown' });
    assert.strictEqual(mock.counts.creates, 1);
  });

  it('connection refused on create: retried with backoff, then reported as unreachable (nothing sent)', async () => {
    const deps = realDeps();
    const client = new SparkClient(apiFor(mock, { baseUrl: 'http://127.0.0.1:9' }), deps, { maxAttempts: 3, baseDelayMs: 20, maxRetryAfterMs: 1000, requestTimeoutMs: 2000 });
    const error = await expectSparkError(client.createTask({ model: 'spark_image_3_1', prompt: 'x', use_pre_llm: true, seed: 1, width: 1328, height: 1328 }), { kind: 'unreachable' });
    assert.match(error.message, /ECONNREFUSED/);
    assert.strictEqual(deps.logger.lines.filter((line) => line.includes('POST ')).length, 3, 'three attempts');
  });

  it('create answers that are not a task: empty or no id (accepted, so maybe billed: outcome unknown), or 200 with an error body — no polling of an undefined id', async () => {
    mock.setScenario({ next: [{ create: { kind: 'empty', times: 1 } }, { create: { kind: 'no-id', times: 1 } }, { create: { kind: 'error-body', code: 3002099, message: 'overloaded', times: 1 } }] });
    await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'outcomeUnknown', code: ErrorCodes.resultParsing });
    await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'outcomeUnknown', code: ErrorCodes.resultParsing });
    const body = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'api', code: ErrorCodes.unavailable });
    assert.match(body.message, /overloaded/);
    assert.strictEqual(mock.counts.polls, 0);
  });

  it('tolerates the wrapped envelope, other id fields and status words', async () => {
    mock.setScenario({ next: [{ envelope: 'wrapped', idField: 'task_id', statusWords: 'alt' }, { idField: 'taskId' }] });
    const wrapped = await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    const camel = await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    assert.strictEqual(wrapped.images.length, 1);
    assert.strictEqual(camel.images.length, 1);
  });

  it('keeps polling through 5xx, resets and broken JSON, honouring Retry-After on polls', async () => {
    mock.setScenario({ next: [{ poll: { kind: 'status', status: 500, times: 2 } }, { poll: { kind: 'broken-json', times: 3 } }, { poll: { kind: 'status', status: 429, retryAfter: 1, times: 1 } }] });
    await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    const before = mock.log.length;
    await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    const polls = mock.log.slice(before).filter((r) => r.method === 'GET' && r.origin === 'api');
    assert.ok(polls[1].at - polls[0].at >= 950, 'the 429 Retry-After was honoured while polling');
    assert.strictEqual(mock.counts.tasks, 3);
  });

  it('gives up after too many failed status checks with 003002098 and the task id', async () => {
    mock.setScenario({ next: [{ poll: { kind: 'status', status: 500 } }] });
    const error = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'api', code: ErrorCodes.statusCheck });
    assert.ok(error.taskId && error.message.includes(error.taskId));
    assert.strictEqual(mock.counts.polls, 8);
  });

  it('a task that never finishes stops at the deadline with its id, so it can be resumed', async () => {
    mock.setScenario({ next: [{ never: true }] });
    const started = Date.now();
    const error = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy, deadlineMs: 700 }), { kind: 'timeout' });
    assert.ok(error.taskId);
    assert.ok(error.message.includes(error.taskId));
    assert.ok(Date.now() - started < 2500);
  });

  it('an unknown status keeps polling (and is logged) until the task completes', async () => {
    // No progress: the estimate would rightly skip ahead to the end and might never ask while running.
    mock.setScenario({ next: [{ statusWord: { running: 'warming_up' }, progress: 'none' }] });
    const deps = realDeps();
    await generateFrom({ prompt: 'x' }, apiFor(mock), deps, { policy: quickPolicy });
    assert.ok(deps.logger.lines.some((line) => line.includes('unknown status "warming_up"')));
  });

  it('completed with no images is a clear error, nothing downloaded', async () => {
    for (const emptyOutput of ['empty-content', 'empty-output', 'no-output'] as const) {
      mock.setScenario({ next: [{ emptyOutput }] });
      await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'api', code: ErrorCodes.resultParsing });
    }
    assert.strictEqual(mock.counts.downloads, 0);
  });

  it('cancellation stops every request within 100 ms and leaves nothing running', async () => {
    mock.setScenario({ next: [{ never: true }] });
    const controller = new AbortController();
    const pending = generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: { name: 'slow', jitter: 0, delay: () => 300 }, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const requestsAtCancel = mock.log.length;
    const cancelledAt = Date.now();
    controller.abort();
    await expectSparkError(pending, { kind: 'cancelled' });
    assert.ok(Date.now() - cancelledAt < 100, `took ${Date.now() - cancelledAt} ms`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.strictEqual(mock.log.length, requestsAtCancel, 'no request after cancel');
  });

  it('cancellation during a hanging status request aborts it at once', async () => {
    mock.setScenario({ next: [{ poll: { kind: 'hang' } }] });
    const controller = new AbortController();
    const pending = generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cancelledAt = Date.now();
    controller.abort();
    await expectSparkError(pending, { kind: 'cancelled' });
    assert.ok(Date.now() - cancelledAt < 100);
  });

  it('never sends the API key to the image origin', async () => {
    mock.setScenario({ next: [{ image: { kind: 'redirect', hops: 2 } }] });
    await generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy });
    const downloads = mock.log.filter((r) => r.origin === 'images');
    assert.strictEqual(downloads.length, 3);
    assert.ok(downloads.every((r) => r.authorization === null));
    assert.ok(mock.log.filter((r) => r.origin === 'api').every((r) => r.authorization === `Bearer ${mock.apiKey}`));
  });

  it('downloads JPEG and several images per task, each with its provenance', async () => {
    mock.setScenario({ next: [{ format: 'jpeg', images: 2 }] });
    const result = await generateFrom({ prompt: 'x', width: 1472, height: 1104 }, apiFor(mock), realDeps(), { policy: quickPolicy });
    assert.strictEqual(result.images.length, 2);
    assert.deepStrictEqual(result.images.map((i) => [i.info.format, i.info.width, i.info.height, i.provenance.imageIndex]), [
      ['jpeg', 1472, 1104, 0],
      ['jpeg', 1472, 1104, 1],
    ]);
  });

  it('a task the service does not know (expired, mistyped): a clear error soon, not a long wait', async () => {
    const started = Date.now();
    const error = await expectSparkError(
      resumeTask({ taskId: 'task_does_not_exist', request: { model: 'spark_image_3_1', prompt: 'x', use_pre_llm: true, seed: 1, width: 1328, height: 1328 }, createdAt: Date.now() - 60_000 }, apiFor(mock), realDeps(), { policy: quickPolicy, deadlineMs: 120_000 }),
      { kind: 'api', httpStatus: 404, taskId: 'task_does_not_exist' },
    );
    assert.match(error.message, /does not know the task task_does_not_exist/);
    assert.ok(Date.now() - started < 1000);
  });

  it('says the documented description once when the server repeats it', async () => {
    mock.setScenario({ next: [{ fail: { code: 3002095, message: 'Internal generation error' } }] });
    const error = await expectSparkError(generateFrom({ prompt: 'x' }, apiFor(mock), realDeps(), { policy: quickPolicy }), { kind: 'api' });
    assert.strictEqual(error.message.split('Internal generation error').length, 2, error.message);
  });

  it('the key never reaches the log, whatever fails', async () => {
    const deps = realDeps();
    mock.setScenario({ next: [{ fail: { code: 3002095 } }, { create: { kind: 'reset', times: 1 } }, { image: { kind: 'svg' } }] });
    for (let i = 0; i < 3; i++) {
      await generateFrom({ prompt: 'x' }, apiFor(mock), deps, { policy: quickPolicy }).catch(() => undefined);
    }
    await generateFrom({ prompt: 'x' }, apiFor(mock, { apiKey: 'wrong-key-123' }), deps, { policy: quickPolicy }).catch(() => undefined);
    const all = deps.logger.lines.join('\n');
    assert.ok(deps.logger.lines.length > 10);
    assert.ok(!all.includes(mock.apiKey) && !all.includes('wrong-key-123') && !/Bearer\s+\w/.test(all));
  });
});
