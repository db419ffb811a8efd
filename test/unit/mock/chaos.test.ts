// The mock's chaos features: the lost create answer (billed, never told), the billing log, the
// numbered event stream a test can act on, and the seeded fault mix.
import * as assert from 'assert';
import { chaosScenarios, seededRandom } from '../../mock/chaos';
import { isResponse, rawRequest, type RawResponse } from '../../mock/rawHttp';
import { checkSettings } from '../../mock/scenario';
import { startMockServer, type MockEvent, type MockServer } from '../../mock/server';

describe('mock chaos: lost answers, billing, events, seeded faults', function () {
  let mock: MockServer;

  before(async () => {
    mock = await startMockServer({ defaultScenario: { queuedMs: 0, durationMs: 0 } });
  });
  after(() => mock.close());
  beforeEach(() => mock.reset());

  const auth = () => ({ Authorization: `Bearer ${mock.apiKey}` });
  const create = (prompt = 'a red fox', size = 1024) =>
    rawRequest(mock.createUrl, { method: 'POST', headers: auth(), body: { model: 'spark_image_3_1', input: [{ params: { prompt, width: size, height: size } }] } });
  const poll = (id: string) => rawRequest(mock.taskUrl(id), { headers: auth() });

  describe('lost-answer', () => {
    it('creates and bills the task, then resets the connection: the client never learns the id', async () => {
      mock.setScenario({ next: [{ create: { kind: 'lost-answer', times: 1 } }] });
      assert.deepStrictEqual(await create(), { error: 'reset' });
      assert.strictEqual(mock.tasks.length, 1, 'the task exists');
      const [billed] = mock.billing;
      assert.deepStrictEqual({ ...billed, at: 0 }, { taskId: mock.tasks[0].id, costUsd: 0.03, prompt: 'a red fox', width: 1024, height: 1024, answered: false, at: 0 });
      const answered = await create();
      assert.ok(isResponse(answered) && answered.status === 200, 'the entry is used up: the next create is answered');
      assert.deepStrictEqual(
        mock.billing.map((entry) => entry.answered),
        [false, true],
      );
    });

    it('or answers a 200 whose JSON is cut off (how: broken-json)', async () => {
      mock.setScenario({ next: [{ create: { kind: 'lost-answer', how: 'broken-json', times: 1 } }] });
      const result = await create();
      assert.ok(isResponse(result));
      assert.strictEqual(result.status, 200);
      assert.match(String(result.headers['content-type']), /application\/json/);
      assert.strictEqual(result.json, undefined, 'not JSON');
      assert.strictEqual(mock.billing.length, 1);
      assert.strictEqual(mock.billing[0].answered, false);
    });

    it('is refused with an unknown `how`', () => {
      assert.throws(() => mock.setScenario({ next: [{ create: { kind: 'lost-answer', how: 'later' as 'reset' } }] }), /bad value for "create"/);
    });

    it('still validates first: a refused request is neither created nor billed', async () => {
      mock.setScenario({ next: [{ create: { kind: 'lost-answer', times: 1 } }] });
      const refused = await create('a fox', 100);
      assert.ok(isResponse(refused) && refused.status === 400);
      assert.deepStrictEqual([mock.tasks.length, mock.billing.length], [0, 0]);
    });
  });

  describe('billing log', () => {
    it('bills each task at its creation with the cost its usage reports; a failing task is not billed', async () => {
      mock.setScenario({ next: [{}, {}, { fail: { code: 3002095 } }] });
      const small = (await create('small', 1024)) as RawResponse;
      const large = (await create('large', 2048)) as RawResponse;
      await create('fails', 1024);
      assert.deepStrictEqual(
        mock.billing.map(({ taskId, costUsd, prompt, answered }) => ({ taskId, costUsd, prompt, answered })),
        [
          { taskId: small.json.id, costUsd: 0.03, prompt: 'small', answered: true },
          { taskId: large.json.id, costUsd: 0.06, prompt: 'large', answered: true },
        ],
      );
      const done = (await poll(large.json.id)) as RawResponse;
      assert.strictEqual(Number(done.json.usage.cost), mock.billing[1].costUsd, 'the bill is what the task says it cost');
    });

    it('is served by GET /__mock/billing and cleared by reset', async () => {
      await create();
      const served = (await rawRequest(`${mock.baseUrl}/__mock/billing`)) as RawResponse;
      assert.deepStrictEqual(served.json.billing, JSON.parse(JSON.stringify(mock.billing)));
      mock.reset();
      assert.strictEqual(mock.billing.length, 0);
    });
  });

  describe('event stream', () => {
    it('numbers every create and status answer, in order, with its outcome and task', async () => {
      mock.setScenario({ next: [{ create: { kind: 'status', status: 429, retryAfter: 0, times: 1 } }, { poll: { kind: 'broken-json', times: 1 } }] });
      await create();
      const created = (await create()) as RawResponse;
      await poll(created.json.id);
      await poll(created.json.id);
      await poll('task_nope');
      const id = created.json.id as string;
      assert.deepStrictEqual(
        mock.events.map(({ seq, kind, n, outcome, taskId }) => ({ seq, kind, n, outcome, taskId })),
        [
          { seq: 1, kind: 'create', n: 1, outcome: 429, taskId: undefined },
          { seq: 2, kind: 'create', n: 2, outcome: 200, taskId: id },
          { seq: 3, kind: 'status', n: 1, outcome: 'broken-json', taskId: id },
          { seq: 4, kind: 'status', n: 2, outcome: 200, taskId: id },
          { seq: 5, kind: 'status', n: 3, outcome: 404, taskId: 'task_nope' },
        ],
      );
    });

    it('tells a listener synchronously, until it stops listening; reset renumbers from 1', async () => {
      const seen: MockEvent[] = [];
      let tasksWhenTold = -1;
      const stop = mock.onEvent((event) => {
        seen.push(event);
        tasksWhenTold = mock.tasks.length;
      });
      mock.setScenario({ next: [{ create: { kind: 'lost-answer', times: 1 } }] });
      await create();
      assert.deepStrictEqual(
        seen.map(({ kind, n, outcome }) => ({ kind, n, outcome })),
        [{ kind: 'create', n: 1, outcome: 'reset' }],
      );
      assert.strictEqual(seen[0].taskId, mock.tasks[0].id, 'a lost answer still names the task it created');
      assert.strictEqual(tasksWhenTold, 1);
      mock.reset();
      await create();
      assert.strictEqual(seen[1].n, 1, 'numbering starts again after reset');
      stop();
      await create();
      assert.strictEqual(seen.length, 2, 'no more calls once stopped');
      const served = (await rawRequest(`${mock.baseUrl}/__mock/events`)) as RawResponse;
      assert.deepStrictEqual(
        served.json.events.map((event: MockEvent) => event.n),
        [1, 2],
      );
    });
  });

  describe('seeded fault mix', () => {
    it('is the same for the same seed, different for another, and every entry is a valid scenario', () => {
      const one = chaosScenarios(42, 200);
      assert.deepStrictEqual(chaosScenarios(42, 200), one);
      assert.notDeepStrictEqual(chaosScenarios(43, 200), one);
      assert.doesNotThrow(() => checkSettings({ next: one }));
    });

    it('mixes every fault the chaos run needs, with tasks of 100..500 ms', () => {
      const entries = chaosScenarios(7, 400);
      const kinds = new Set(entries.flatMap((entry) => [entry.create ? `create:${entry.create.kind}:${'status' in entry.create ? entry.create.status : ''}` : '', entry.poll ? `poll:${entry.poll.kind}:${'status' in entry.poll ? entry.poll.status : ''}` : '']));
      for (const kind of ['create:status:429', 'create:lost-answer:', 'poll:status:500', 'poll:status:503', 'poll:status:429', 'poll:broken-json:']) {
        assert.ok(kinds.has(kind), `${kind} in ${[...kinds].join(', ')}`);
      }
      assert.ok(entries.every((entry) => entry.durationMs! >= 100 && entry.durationMs! <= 500 && entry.queuedMs! < entry.durationMs!));
      assert.ok(
        entries.filter((entry) => !entry.create && !entry.poll).length > 100,
        'most tasks go well',
      );
    });

    it('seededRandom replays its sequence', () => {
      const a = seededRandom(2026);
      const b = seededRandom(2026);
      const drawn = Array.from({ length: 5 }, () => a());
      assert.deepStrictEqual(
        Array.from({ length: 5 }, () => b()),
        drawn,
      );
      assert.ok(drawn.every((x) => x >= 0 && x < 1));
    });
  });
});
