/** The bar a polling policy must clear, per task duration T (all in ms). */
export function overheadTargetMs(durationMs: number): number {
  return Math.max(1000, 0.1 * durationMs);
}

/** Requests allowed for a task of T: one per 2.5 s, plus three. */
export function requestTarget(durationMs: number): number {
  return durationMs / 2500 + 3;
}
