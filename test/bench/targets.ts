/** The bar a polling policy must clear, per task duration T (all in ms). */
export interface BenchTargets {
  describe: string;
  overheadMs(durationMs: number): number;
  requests(durationMs: number): number;
}

/** Without progress: overhead ≤ max(1 s, 10 % of T); one request per 2.5 s, plus three. */
export const WITHOUT_PROGRESS: BenchTargets = {
  describe: 'overhead ≤ max(1 s, 10 % of T) on the mean and p95; requests ≤ T/2.5 s + 3 on the max',
  overheadMs: (durationMs) => Math.max(1000, 0.1 * durationMs),
  requests: (durationMs) => durationMs / 2500 + 3,
};

/** With progress reported, the end can be foreseen: overhead ≤ max(0.5 s, 5 % of T); requests ≤ T/5 s + 3. */
export const WITH_PROGRESS: BenchTargets = {
  describe: 'overhead ≤ max(0.5 s, 5 % of T) on the mean and p95; requests ≤ T/5 s + 3 on the max',
  overheadMs: (durationMs) => Math.max(500, 0.05 * durationMs),
  requests: (durationMs) => durationMs / 5000 + 3,
};

/** The targets without progress (the lower bound is computed for these). */
export function overheadTargetMs(durationMs: number): number {
  return WITHOUT_PROGRESS.overheadMs(durationMs);
}

export function requestTarget(durationMs: number): number {
  return WITHOUT_PROGRESS.requests(durationMs);
}
