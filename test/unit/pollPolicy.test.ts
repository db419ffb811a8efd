import * as assert from 'assert';
import { Clock } from '../../src/core/clock';
import { PollAnswer } from '../../src/core/client';
import { adaptivePolicy } from '../../src/core/pollPolicy';
import { pollTask } from '../../src/core/polling';
import { TaskSnapshot } from '../../src/core/task';
import { recordingLogger } from './coreHarness';

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
  it('first looks 3 s after creation, then waits 9 % of the task\'s age, between 0.9 s and 8 s', () => {
    assert.strictEqual(adaptivePolicy.delay(0, 0), 3000);
    assert.strictEqual(adaptivePolicy.delay(400, 0), 3000);
    assert.strictEqual(adaptivePolicy.delay(3000, 1), 900);
    assert.strictEqual(adaptivePolicy.delay(20_000, 2), 1800);
    assert.strictEqual(adaptivePolicy.delay(200_000, 9), 8000);
  });

  it('a resumed task older than 3 s is asked about at once: it may have finished while nobody asked', async () => {
    const createdAt = 1_000_000;
    const clock = virtualClock(createdAt + 25_000);
    const client = taskDoneAt(clock, createdAt + 12_000);
    const task = await pollTask(client, 't1', { clock, random: () => 0.5, logger: recordingLogger() }, { createdAt, policy: adaptivePolicy });
    assert.strictEqual(task.status, 'completed');
    assert.deepStrictEqual(clock.sleeps, [0], 'one status request, with no wait before it');
    assert.deepStrictEqual(client.asked, [createdAt + 25_000]);
  });

  it('a new task is first asked about 3 s after creation, and noticed within a poll of finishing', async () => {
    const createdAt = 2_000_000;
    const clock = virtualClock(createdAt);
    const client = taskDoneAt(clock, createdAt + 7_000);
    await pollTask(client, 't1', { clock, random: () => 0.5, logger: recordingLogger() }, { createdAt, policy: adaptivePolicy });
    assert.strictEqual(client.asked[0] - createdAt, 3000);
    const noticedAt = client.asked[client.asked.length - 1] - createdAt;
    assert.ok(noticedAt >= 7000 && noticedAt <= 7000 + 900, `noticed at ${noticedAt} ms`);
  });
});
