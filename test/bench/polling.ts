import { silentLogger } from '../../src/core/base/logger';
import { pollTask } from '../../src/core/polling/polling';
import { PollPolicy } from '../../src/core/polling/pollPolicy';
import { ProgressCurve } from './progressCurves';
import { seededRandom } from './seededRandom';
import { simulatedClient } from './simulatedTask';
import { max, mean, percentile } from './stats';
import { BenchTargets, WITHOUT_PROGRESS } from './targets';
import { VirtualClock } from './virtualClock';

export interface PollingBenchOptions {
  durationsMs: readonly number[];
  trials: number;
  latencyMs: number;
  /** How long a task stays queued before it runs (the policies ignore it; the phases show it). */
  queuedMs: number;
  /**
   * 0 runs every task for exactly T. Above 0, each task's duration is drawn from T·(1 ± spread), so
   * a policy without jitter is not judged on where its fixed schedule happens to fall against T.
   */
  durationSpread: number;
  /** The first trial's seed; trial i uses firstSeed + i. */
  firstSeed: number;
  /** How the simulated tasks report progress. */
  curve: ProgressCurve;
  /** Whether the client may use the progress it is told (ours does; the baselines do not). */
  useProgress: boolean;
  targets: BenchTargets;
}

export const DEFAULT_POLLING_BENCH: PollingBenchOptions = {
  durationsMs: [5_000, 15_000, 30_000, 60_000],
  trials: 200,
  latencyMs: 80,
  queuedMs: 1_000,
  durationSpread: 0,
  firstSeed: 1,
  curve: 'none',
  useProgress: true,
  targets: WITHOUT_PROGRESS,
};

export interface TrialResult {
  /** From the task completing on the server to the client holding the answer. */
  overheadMs: number;
  statusRequests: number;
}

export interface PollingRow {
  durationMs: number;
  meanOverheadMs: number;
  p95OverheadMs: number;
  meanRequests: number;
  maxRequests: number;
  overheadOk: boolean;
  requestsOk: boolean;
}

/**
 * One task under the real pollTask. The client stamps createdAt before sending the create (as
 * generateImage does); the server makes the task half a round trip later, and polling starts when
 * the create's answer is back.
 */
export async function simulateTrial(
  policy: PollPolicy,
  durationMs: number,
  options: Pick<PollingBenchOptions, 'latencyMs' | 'queuedMs'> & Partial<Pick<PollingBenchOptions, 'curve' | 'useProgress'>>,
  random: () => number,
): Promise<TrialResult> {
  const clock = new VirtualClock(0);
  const createdOnServer = options.latencyMs / 2;
  const task = { startsAt: createdOnServer + options.queuedMs, completesAt: createdOnServer + durationMs, latencyMs: options.latencyMs, curve: options.curve };
  clock.advance(options.latencyMs);
  const stats = { statusRequests: 0 };
  const deadlineMs = Math.max(5 * 60_000, 3 * durationMs);
  await pollTask(simulatedClient(task, clock), 'bench-task', { clock, random, logger: silentLogger }, { createdAt: 0, policy, deadlineMs, progressEstimate: options.useProgress === false ? false : undefined }, stats);
  return { overheadMs: clock.now() - task.completesAt, statusRequests: stats.statusRequests };
}

export async function benchPolicy(policy: PollPolicy, options: PollingBenchOptions = DEFAULT_POLLING_BENCH): Promise<PollingRow[]> {
  const rows: PollingRow[] = [];
  for (const nominalMs of options.durationsMs) {
    const trials: TrialResult[] = [];
    for (let trial = 0; trial < options.trials; trial++) {
      const seed = options.firstSeed + trial;
      // A separate stream for the duration, so changing the spread does not change the jitter draws.
      const durationRandom = seededRandom(seed ^ 0x5bd1e995);
      const durationMs = nominalMs * (1 + options.durationSpread * (2 * durationRandom() - 1));
      trials.push(await simulateTrial(policy, durationMs, options, seededRandom(seed)));
    }
    const overheads = trials.map((t) => t.overheadMs);
    const requests = trials.map((t) => t.statusRequests);
    const row = {
      durationMs: nominalMs,
      meanOverheadMs: mean(overheads),
      p95OverheadMs: percentile(overheads, 95),
      meanRequests: mean(requests),
      maxRequests: max(requests),
    };
    const overheadLimit = options.targets.overheadMs(nominalMs);
    rows.push({
      ...row,
      overheadOk: row.meanOverheadMs <= overheadLimit && row.p95OverheadMs <= overheadLimit,
      requestsOk: row.maxRequests <= options.targets.requests(nominalMs),
    });
  }
  return rows;
}
