import * as assert from 'assert';
import { Clock } from '../../src/core/base/clock';
import { PollAnswer } from '../../src/core/api/client';
import { adaptivePolicy } from '../../src/core/polling/pollPolicy';
import { pollTask } from '../../src/core/polling/polling';
import { DEFAULT_PROGRESS_ESTIMATE, ProgressEstimator } from '../../src/core/polling/progressEstimate';
import { recordingLogger } from './coreHarness';

function virtualClock(): Clock & { sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) };
}

/** A task of `durationMs` whose progress rises linearly (or is absent); completes at durationMs. */
function progressingTask(clock: Clock, durationMs: number, reports: boolean): { getTask(): Promise<PollAnswer>; asked: number[] } {
  const asked: number[] = [];
  return {
    asked,
    getTask: async () => {
      const now = clock.now();
      asked.push(now);
      if (now >= durationMs) {
        return { kind: 'task', task: { id: 't', status: 'completed', images: [] } };
      }
      return { kind: 'task', task: { id: 't', status: 'running', images: [], ...(reports ? { progress: Math.floor((now / durationMs) * 100) / 100 } : {}) } };
    },
  };
}

describe('progress-aware polling', () => {
  const deps = (clock: Clock) => ({ clock, random: () => 0.5, logger: recordingLogger() });

  it('estimates the end from the rate of progress; goes part of the way, then straight to it once two estimates agree', () => {
    const estimator = new ProgressEstimator();
    estimator.observe(3000, 0.1);
    assert.strictEqual(estimator.nextWaitMs(3000), undefined, 'one sighting is no rate');
    estimator.observe(4000, 0.2);
    assert.strictEqual(estimator.estimatedEndMs(), 12_000);
    // A first estimate: part of the way, to look again with more data.
    assert.strictEqual(estimator.nextWaitMs(4000), DEFAULT_PROGRESS_ESTIMATE.approachFraction * 8000);
    estimator.observe(8800, 0.68);
    assert.strictEqual(Math.round(estimator.estimatedEndMs() ?? 0), 12_000);
    // The second estimate agrees with the first: ask just after the end.
    assert.strictEqual(Math.round(estimator.nextWaitMs(8800) ?? 0), 3200 + DEFAULT_PROGRESS_ESTIMATE.marginMs);
  });

  it('past the estimated end and still running: short looks, a share of the task age', () => {
    const estimator = new ProgressEstimator();
    estimator.observe(3000, 0.11);
    estimator.observe(4000, 0.21);
    estimator.observe(11_000, 0.91);
    estimator.observe(12_300, 0.99);
    const wait = estimator.nextWaitMs(12_300) ?? Infinity;
    assert.ok(wait <= Math.max(DEFAULT_PROGRESS_ESTIMATE.minWaitMs, DEFAULT_PROGRESS_ESTIMATE.stepFraction * 12_300), `waits ${wait} ms`);
  });

  it('coarse steps (the same level twice, or levels on a 5 % grid) are read over a long baseline', () => {
    const estimator = new ProgressEstimator();
    // Tenths every 1.4 s from 1 s on: a 15 s task. Seen late, at polls of our own.
    for (const [age, progress] of [[3000, 0.1], [4000, 0.2], [8800, 0.5], [10_000, 0.6]] as const) {
      estimator.observe(age, progress);
    }
    const end = estimator.estimatedEndMs() ?? 0;
    assert.ok(end > 12_000 && end < 17_000, `estimated end ${end}`);
  });

  it('hands back to the policy when progress is absent, goes backwards or is stuck', () => {
    const absent = new ProgressEstimator();
    absent.observe(3000, 0.1);
    absent.observe(4000, 0.2);
    absent.observe(5000, undefined);
    assert.strictEqual(absent.nextWaitMs(5000), undefined, 'absent');

    const backwards = new ProgressEstimator();
    backwards.observe(3000, 0.5);
    backwards.observe(4000, 0.6);
    backwards.observe(5000, 0.1);
    assert.strictEqual(backwards.nextWaitMs(5000), undefined, 'backwards');

    const stuck = new ProgressEstimator();
    stuck.observe(3000, 0.1);
    stuck.observe(4000, 0.2);
    stuck.observe(30_000, 0.2);
    assert.strictEqual(stuck.nextWaitMs(30_000), undefined, 'stuck');
  });

  it('a 60 s task with progress is seen with far fewer requests than without, within 5 % of its time', async () => {
    const withProgress = virtualClock();
    const reporting = progressingTask(withProgress, 60_000, true);
    await pollTask(reporting, 't', deps(withProgress), { createdAt: 0, policy: adaptivePolicy });
    const without = virtualClock();
    const silent = progressingTask(without, 60_000, false);
    await pollTask(silent, 't', deps(without), { createdAt: 0, policy: adaptivePolicy });
    assert.ok(reporting.asked.length <= 60 / 5 + 3, `with progress: ${reporting.asked.length} requests`);
    assert.ok(reporting.asked.length < silent.asked.length / 2, `${reporting.asked.length} vs ${silent.asked.length} without progress`);
    assert.ok(withProgress.now() - 60_000 <= 3000, `noticed ${withProgress.now() - 60_000} ms late`);
  });

  it('progressEstimate: false follows the policy alone (the baselines of the benchmark)', async () => {
    const clock = virtualClock();
    const task = progressingTask(clock, 20_000, true);
    await pollTask(task, 't', deps(clock), { createdAt: 0, policy: { name: 'fixed', jitter: 0, delay: () => 5000 }, progressEstimate: false });
    assert.deepStrictEqual(task.asked, [5000, 10_000, 15_000, 20_000]);
  });

  it('reports the progress with each phase report', async () => {
    const clock = virtualClock();
    const seen: Array<number | undefined> = [];
    await pollTask(progressingTask(clock, 10_000, true), 't', deps(clock), { createdAt: 0, policy: adaptivePolicy, onProgress: (report) => seen.push(report.progress) });
    const numbers = seen.filter((value): value is number => value !== undefined);
    assert.ok(numbers.length >= 2 && numbers[numbers.length - 1] > numbers[0], seen.join(', '));
  });
});
