import * as assert from 'assert';
import { Clock, systemClock } from '../../src/core/base/clock';
import { PollAnswer } from '../../src/core/api/client';
import { CreatedTask, resumeTask } from '../../src/core/job/generate';
import { adaptivePolicy } from '../../src/core/polling/pollPolicy';
import { pollTask } from '../../src/core/polling/polling';
import { TaskSnapshot } from '../../src/core/api/task';
import { startMockServer } from '../mock/server';
import { apiFor, generateFrom, realDeps, recordingLogger } from './coreHarness';

/** A clock that only moves when the poller sleeps, and remembers each sleep. */
function virtualClock(start: number): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A client whose task completes at the given virtual time. */
function taskDoneAt(clock: Clock, doneAt: number): { getTask(): Promise<PollAnswer>; asked: number[] } {
  const asked: number[] = [];
  const task = (status: TaskSnapshot['status']): PollAnswer => ({ kind: 'task', task: { id: 't1', status, images: [] } });
  return {
    asked,
    getTask: async () => {
      asked.push(clock.now());
      return task(clock.now() >= doneAt ? 'completed' : 'running');
    },
  };
}

describe('the adaptive polling policy', () => {
  const quiet = (clock: Clock) => ({ clock, random: () => 0.5, logger: recordingLogger() });

  it('first looks after 3 s, then waits 9 % of the task\'s age, between 0.9 s and 8 s', () => {
    assert.strictEqual(adaptivePolicy.delay(0, 0), 3000);
    assert.strictEqual(adaptivePolicy.delay(3000, 1), 900);
    assert.strictEqual(adaptivePolicy.delay(20_000, 2), 1800);
    assert.strictEqual(adaptivePolicy.delay(200_000, 9), 8000);
  });

  it('a new task is first asked about after 3 s, and noticed within a poll of finishing', async () => {
    const createdAt = 2_000_000;
    const clock = virtualClock(createdAt);
    const client = taskDoneAt(clock, createdAt + 7_000);
    await pollTask(client, 't1', quiet(clock), { createdAt, policy: adaptivePolicy });
    assert.strictEqual(client.asked[0] - createdAt, 3000);
    const noticedAt = client.asked[client.asked.length - 1] - createdAt;
    assert.ok(noticedAt >= 7000 && noticedAt <= 7000 + 900, `noticed at ${noticedAt} ms`);
  });

  it('lookAtOnce: the first status request goes out with no wait, the policy goes on from there', async () => {
    const createdAt = 1_000_000;
    const clock = virtualClock(createdAt + 25_000);
    const client = taskDoneAt(clock, createdAt + 27_000);
    await pollTask(client, 't1', quiet(clock), { createdAt, policy: adaptivePolicy, lookAtOnce: true });
    assert.deepStrictEqual(clock.sleeps, [0, 2250], 'at once, then 9 % of 25 s');
  });

  it('resumeTask asks at once (the task may have finished meanwhile); generateImage waits the first 3 s', async () => {
    const mock = await startMockServer();
    try {
      // 5 ms: not finished in the create's own answer (that would need no poll at all), finished by
      // the first poll, since each recorded wait also lets 20 ms of real time pass.
      mock.setScenario({ default: { queuedMs: 0, durationMs: 5 } });
      // Real time for the network, recorded waits for the poller.
      const sleeps: number[] = [];
      const clock: Clock = { now: systemClock.now, sleep: (ms) => (sleeps.push(ms), new Promise((resolve) => setTimeout(resolve, 20))) };
      const deps = { ...realDeps(), clock, random: () => 0.5 };
      let created: CreatedTask | undefined;
      await generateFrom({ prompt: 'a red fox', seed: 5 }, apiFor(mock), deps, { policy: adaptivePolicy, onTaskCreated: (task) => void (created = task) });
      assert.deepStrictEqual(sleeps, [3000]);
      assert.ok(created);
      sleeps.length = 0;
      const resumed = await resumeTask({ ...created, createdAt: Date.now() - 60_000 }, apiFor(mock), deps, { policy: adaptivePolicy });
      assert.deepStrictEqual(sleeps, [0]);
      assert.strictEqual(resumed.provenance.taskId, created.taskId);
    } finally {
      await mock.close();
    }
  });
});
