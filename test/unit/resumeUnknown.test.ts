import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PollAnswer } from '../../src/core/api/client';
import { silentLogger } from '../../src/core/base/logger';
import { SparkError } from '../../src/core/spec/errors';
import { isResumable } from '../../src/core/job/generationJob';
import { NOT_FOUND_GRACE_MS, pollTask } from '../../src/core/polling/polling';
import { TaskSnapshot } from '../../src/core/api/task';
import { VirtualClock } from '../bench/virtualClock';
import { MockServer, startMockServer } from '../mock/server';
import { CLI, runProcess } from './cliProcess';

const KEY = 'sk-resume-test-51c0e2';
const DONE = { status: 'completed', images: [{ url: 'https://img.example/a.png' }] } as unknown as TaskSnapshot;

/** A status endpoint that answers from a script, one answer (or thrown error) per request. */
function scripted(answers: Array<PollAnswer | SparkError>) {
  const asked: number[] = [];
  return {
    asked,
    client: {
      getTask: async (): Promise<PollAnswer> => {
        asked.push(asked.length);
        const next = answers.shift() ?? assert.fail('asked once too often');
        if (next instanceof SparkError) {
          throw next;
        }
        return next;
      },
    },
  };
}

const notFound: PollAnswer = { kind: 'transient', reason: 'HTTP 404', notFound: true };

async function failureOf(promise: Promise<unknown>): Promise<SparkError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SparkError, String(error));
    return error;
  }
  return assert.fail('expected a failure');
}

describe('resume keeps its word: a task the service does not know', () => {
  it('is final at the first 404 once older than the grace: "no such task", no made-up code, not resumable', async () => {
    const clock = new VirtualClock();
    const status = scripted([notFound, notFound, notFound]);
    const error = await failureOf(pollTask(status.client, 'task_nope', { clock, random: () => 0.5, logger: silentLogger }, { createdAt: clock.now() - NOT_FOUND_GRACE_MS - 1, lookAtOnce: true }));
    assert.strictEqual(status.asked.length, 1, 'one status request');
    assert.match(error.message, /^No such task: the service does not know the task task_nope \(HTTP 404\)/);
    assert.doesNotMatch(error.message, /003002098|resume/i);
    assert.strictEqual(error.code, undefined, 'the service sent no code, so none is shown');
    assert.strictEqual(isResumable(error), false, 'no front end keeps it to resume again');
  });

  it('a "not found" body counts as the 404 it means', async () => {
    const clock = new VirtualClock();
    const status = scripted([new SparkError('api', 'The service answered HTTP 400: task not found', { httpStatus: 400, serverMessage: 'task not found', code: '003002098' })]);
    const error = await failureOf(pollTask(status.client, 'task_gone', { clock, random: () => 0.5, logger: silentLogger }, { createdAt: clock.now() - 60_000, lookAtOnce: true }));
    assert.match(error.message, /^No such task: .* task_gone \(HTTP 400\)/);
    assert.strictEqual(error.code, undefined);
  });

  it('other client errors are not taken for "not found"', async () => {
    const clock = new VirtualClock();
    const refused = new SparkError('api', 'The service answered HTTP 400: bad id format', { httpStatus: 400 });
    const error = await failureOf(pollTask(scripted([refused]).client, 'task_x', { clock, random: () => 0.5, logger: silentLogger }, { createdAt: clock.now() - 60_000, lookAtOnce: true }));
    assert.strictEqual(error, refused);
  });

  it('a task created moments ago keeps its grace: a 404 then is a task not yet visible', async () => {
    const clock = new VirtualClock();
    const status = scripted([notFound, notFound, { kind: 'task', task: DONE }]);
    const task = await pollTask(status.client, 'task_new', { clock, random: () => 0.5, logger: silentLogger }, { createdAt: clock.now() });
    assert.strictEqual(task.status, 'completed');
    assert.strictEqual(status.asked.length, 3);
  });

  describe('spark-image resume <unknown id> (dist/cli.js against the mock)', function () {
    this.timeout(20_000);
    let mock: MockServer;
    let dir: string;
    before(async () => (mock = await startMockServer({ apiKey: KEY })));
    after(() => mock.close());
    beforeEach(() => {
      mock.reset();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-resume-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('exits 3 ("no such task") within 2 s, after at most 2 status requests, with no resume hint', async () => {
      const started = Date.now();
      const result = await runProcess(process.execPath, [CLI, 'resume', 'task_nope', '--prompt', 'a kite'], {
        cwd: dir,
        env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: path.join(dir, 'state') },
      });
      const took = Date.now() - started;
      assert.strictEqual(result.code, 3, result.stderr);
      assert.ok(took < 2000, `took ${took} ms`);
      assert.ok(mock.counts.polls >= 1 && mock.counts.polls <= 2, `${mock.counts.polls} status requests`);
      assert.match(result.stderr, /No such task/);
      assert.doesNotMatch(result.stderr, /spark-image resume|resume it|003002098/, result.stderr);
      assert.deepStrictEqual(fs.readdirSync(dir).filter((name) => name !== 'state'), [], 'nothing saved');
    });
  });
});
