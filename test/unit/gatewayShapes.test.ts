import * as assert from 'assert';
import { apiErrorMessage, userAgentFor } from '../../src/core/api/client';
import { english } from '../../src/core/base/messages';
import { failedTaskError, rejectionError } from '../../src/core/api/rejection';
import { errorOf, parseTask } from '../../src/core/api/task';
import { SparkError } from '../../src/core/spec/errors';
import { MockServer, startMockServer } from '../mock/server';
import { apiFor, generateFrom, quickPolicy, realDeps } from './coreHarness';

/**
 * One fixture per shape the gateway's public clients show and the client once misread. Sources:
 * seacloud-cli internal/clierrors (top-level and status.error_code, 40200 vs 40201–40208, the words
 * "insufficient balance"/"insufficient credits" in a failed task), sea-sdk-go (error {code, message},
 * usage.cost as a number, "" or null), sea-sdk-js/-go READMEs (discount 1), doc.vtrix.ai (progress only
 * while in_progress; error.code a string).
 */

async function failure(promise: Promise<unknown>): Promise<SparkError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SparkError, `expected a SparkError, got ${String(error)}`);
    return error;
  }
  return assert.fail('expected the call to fail');
}

const failedTask = (error: unknown) => {
  const task = parseTask({ id: 'task_1', status: 'failed', error });
  assert.ok(task);
  return task;
};

describe('gateway shapes the official clients show', function () {
  this.timeout(20_000);

  describe('balance, by every route', () => {
    const balanceBodies: Array<[string, number, unknown, string]> = [
      ['a top-level error_code beside message', 402, { error_code: 40201, message: 'Insufficient credits' }, '40201'],
      ['a top-level error_code beside an error string', 400, { error_code: 40203, error: 'account overdue' }, '40203'],
      ['a top-level error_code beside a coarse code', 403, { code: 403, error_code: 40208, message: 'denied' }, '40208'],
      ['status.error_code (seacloud-cli\'s test body)', 402, { status: { code: 402, message: 'Insufficient credits', error_code: 40201 }, data: null }, '40201'],
      ['status without error_code, the code at the top', 402, { status: { code: 402, message: 'Insufficient credits' }, error_code: 40202 }, '40202'],
    ];
    for (const [name, status, body, code] of balanceBodies) {
      it(`${name}: HTTP ${status} ${JSON.stringify(body)} is balance [${code}]`, () => {
        const error = errorOf(body);
        assert.strictEqual(error?.code, code);
        const rejected = rejectionError(status, error, english);
        assert.strictEqual(rejected?.kind, 'balance');
        assert.match(rejected.message, new RegExp(`Insufficient balance .*\\[${code}\\].*vtrix\\.ai`));
      });
    }

    it('a failed task whose error says "insufficient balance" or "insufficient credits", or carries 40201..40208, is balance', () => {
      for (const error of ['insufficient balance', { code: 'QUOTA', message: 'Insufficient credits for this model' }, { code: 40204, message: 'denied' }, { message: 'insufficient_balance' }]) {
        const made = failedTaskError(failedTask(error), english, 'task_1');
        assert.strictEqual(made.kind, 'balance', JSON.stringify(error));
        assert.strictEqual(made.taskId, 'task_1');
        assert.match(made.message, /^Insufficient balance on the account: the task failed \(.+\)\. Add balance at vtrix\.ai/);
      }
      const other = failedTaskError(failedTask({ code: 110001, message: 'input image may contain sensitive information' }), english, 'task_1');
      assert.strictEqual(other.kind, 'api');
      assert.match(other.message, /110001: input image may contain sensitive information/);
    });
  });

  describe('payment required is not balance', () => {
    it('a 402 with error_code 40200 (seacloud-cli\'s own fixture) is "payment required", not balance, even beside balance words', () => {
      for (const body of [{ status: { code: 402, message: 'payment required', error_code: 40200 } }, { error_code: 40200, message: 'insufficient balance' }]) {
        const rejected = rejectionError(402, errorOf(body), english);
        assert.strictEqual(rejected?.kind, 'permission', JSON.stringify(body));
        assert.match(rejected.message, /^Payment required \(HTTP 402\) \[40200\]: .*vtrix\.ai/);
        assert.doesNotMatch(rejected.message, /Insufficient balance/);
      }
      assert.strictEqual(failedTaskError(failedTask({ code: 40200, message: 'insufficient balance' }), english, 't').kind, 'api', 'a task failing with 40200 is not balance either');
    });

    it('a 402 with neither a balance code nor balance words is payment required too', () => {
      const rejected = rejectionError(402, undefined, english);
      assert.strictEqual(rejected?.kind, 'permission');
      assert.match(rejected.message, /^Payment required \(HTTP 402\):/);
    });
  });

  describe('task and usage shapes', () => {
    it('a task error with message instead of error_message, and an integer code (sea-sdk-go)', () => {
      assert.deepStrictEqual(failedTask({ code: 110001, message: 'input image may contain sensitive information' }).error, { code: '110001', message: 'input image may contain sensitive information' });
    });

    it('a string code such as "SYNC_TIMEOUT" is kept and shown as it came', () => {
      const task = failedTask({ code: 'SYNC_TIMEOUT', message: 'the provider did not answer in time' });
      assert.deepStrictEqual(task.error, { code: 'SYNC_TIMEOUT', message: 'the provider did not answer in time' });
      assert.strictEqual(apiErrorMessage(task.error?.code, task.error?.message, undefined, english), 'The service reported SYNC_TIMEOUT: the provider did not answer in time');
    });

    it('usage.cost as a string or a number is the bill; "" and null are no bill (not quantity × unit_price)', () => {
      const usage = (cost: unknown) => parseTask({ id: 't', status: 'completed', usage: { cost, quantity: 1, unit_price: '0.0300' } })?.usage;
      assert.strictEqual(usage('0.0300')?.costUsd, 0.03);
      assert.strictEqual(usage(0.03)?.costUsd, 0.03);
      assert.strictEqual(usage('')?.costUsd, undefined);
      assert.strictEqual(usage(null)?.costUsd, undefined);
      assert.strictEqual(parseTask({ id: 't', status: 'failed', error: { code: 190000, message: 'download input audio failed' }, usage: { cost: '' } })?.usage?.costUsd, undefined);
    });

    it('discount 1 is read as 1', () => {
      assert.strictEqual(parseTask({ id: 't', status: 'completed', usage: { cost: '0.2', discount: 1 } })?.usage?.discount, 1);
    });

    it('a completed task without progress is complete, with no made-up progress', () => {
      const task = parseTask({ id: 't', status: 'completed', created_at: 1767225600, output: [{ content: [{ type: 'image', url: 'https://a/1.png' }] }] });
      assert.strictEqual(task?.status, 'completed');
      assert.ok(!('progress' in task), 'no progress key');
      assert.strictEqual(task.images.length, 1);
    });
  });

  describe('against the mock serving each shape', () => {
    let mock: MockServer;
    const userAgent = userAgentFor('9.8.7', 'cli');
    const api = () => apiFor(mock, { userAgent });
    before(async () => {
      mock = await startMockServer({ defaultScenario: { queuedMs: 0, durationMs: 0 } });
    });
    beforeEach(() => mock.reset());
    after(() => mock.close());

    it('completes with progress absent once done, cost as a number and discount 1; every API request names the product and front end', async () => {
      mock.setScenario({ next: [{ durationMs: 120, endedProgress: 'absent', cost: 'number', discount: 1 }] });
      const result = await generateFrom({ prompt: 'shapes' }, api(), realDeps(), { policy: quickPolicy });
      assert.strictEqual(result.provenance.costUsd, 0.03);
      const apiRequests = mock.log.filter((request) => request.origin === 'api');
      assert.ok(apiRequests.length >= 2, 'a create and at least one poll');
      assert.deepStrictEqual([...new Set(apiRequests.map((request) => request.userAgent))], ['spark-image/9.8.7 (cli)']);
      // Downloads go through the same transport: never node-fetch's own name.
      const downloads = mock.log.filter((request) => request.origin === 'images');
      assert.ok(downloads.length >= 1 && downloads.every((request) => request.userAgent?.startsWith('spark-image')), JSON.stringify(downloads.map((request) => request.userAgent)));
    });

    it('a cost of "" or null bills nothing known', async () => {
      for (const cost of ['empty', 'null'] as const) {
        mock.setScenario({ next: [{ cost }] });
        const result = await generateFrom({ prompt: cost }, api(), realDeps(), { policy: quickPolicy });
        assert.strictEqual(result.provenance.costUsd, undefined, cost);
      }
    });

    it('a task failing with {code: "SYNC_TIMEOUT", message} shows both', async () => {
      mock.setScenario({ next: [{ taskError: 'message', fail: { code: 'SYNC_TIMEOUT', message: 'the provider did not answer in time' } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, api(), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'api');
      assert.strictEqual(error.code, 'SYNC_TIMEOUT');
      assert.match(error.message, /SYNC_TIMEOUT: the provider did not answer in time/);
    });

    it('a task failing with "Insufficient credits" is a balance failure, with its task id, and polling stops', async () => {
      mock.setScenario({ next: [{ durationMs: 60, taskError: 'message', fail: { code: 'TASK_FAILED', message: 'Insufficient credits' } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, api(), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'balance');
      assert.strictEqual(error.taskId, mock.tasks[0].id);
      const polls = mock.counts.polls;
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.strictEqual(mock.counts.polls, polls, 'no poll after the failure');
    });

    it('a create that answers the task already failed with "insufficient balance" is a balance failure too', async () => {
      mock.setScenario({ next: [{ immediate: true, fail: { message: 'insufficient balance' } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, api(), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'balance');
      assert.strictEqual(error.taskId, mock.tasks[0].id);
      assert.strictEqual(mock.counts.polls, 0);
    });

    it('a create answered 402 {status: {error_code: 40200}} is payment required, sent once', async () => {
      mock.setScenario({ next: [{ create: { kind: 'status', status: 402, body: { status: { code: 402, message: 'payment required', error_code: 40200 }, data: null } } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, api(), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'permission');
      assert.strictEqual(error.code, '40200');
      assert.match(error.message, /^Payment required \(HTTP 402\) \[40200\]/);
      assert.strictEqual(mock.counts.creates, 1);
    });

    it('a create answered with a top-level error_code 40205 is balance, whatever the HTTP status', async () => {
      mock.setScenario({ next: [{ create: { kind: 'status', status: 400, body: { error_code: 40205, message: 'balance frozen' } } }] });
      const error = await failure(generateFrom({ prompt: 'x' }, api(), realDeps(), { policy: quickPolicy }));
      assert.strictEqual(error.kind, 'balance');
      assert.strictEqual(error.code, '40205');
    });
  });
});
