/**
 * How a simulated task reports its progress, as a function of how far it is in time (x, 0..1 from
 * the moment it starts running to its completion). The gateway reports two decimals.
 */
export type ProgressCurve = 'none' | 'linear' | 'slow-start' | 'steps';

export const PROGRESS_CURVES: Readonly<Record<Exclude<ProgressCurve, 'none'>, { describe: string; at(x: number): number }>> = {
  linear: { describe: 'linear', at: (x) => x },
  // Diffusion models often report slowly at first: a quadratic ease-in.
  'slow-start': { describe: 'slow start (x²)', at: (x) => x * x },
  // Servers that report coarse milestones only: tenths.
  steps: { describe: 'steps of 10 %', at: (x) => Math.floor(x * 10) / 10 },
};

export function progressAt(curve: ProgressCurve, x: number): number | undefined {
  if (curve === 'none') {
    return undefined;
  }
  const clamped = Math.min(1, Math.max(0, x));
  return Math.floor(PROGRESS_CURVES[curve].at(clamped) * 100) / 100;
}
