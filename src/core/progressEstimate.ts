/**
 * Progress-aware waits. When the server reports how far a task is, the rate at which that number
 * rises tells roughly when the task will end, so we can ask just after that instead of on a fixed
 * schedule. The estimate is used only while it is trustworthy: progress absent, stuck or going
 * backwards hands the decision back to the time-based policy.
 */
export interface ProgressEstimateOptions {
  /** A wait never exceeds this (the time-based policy's cap). */
  maxWaitMs: number;
  /** Asked this much after the estimated end: a little late beats a wasted request. */
  marginMs: number;
  /** While the end is far, ask after this fraction of the estimated remaining time, then estimate again. */
  approachFraction: number;
  /** The end is "near" when closer than this: then ask just after it. */
  nearMs: number;
  /** Past the estimated end and still running: ask every this fraction of the task's age, ... */
  overdueFraction: number;
  /** ... but not more often than this. */
  minWaitMs: number;
  /** Progress that has not risen for this many times the last rise's interval (and 5 s) is stuck. */
  stuckFactor: number;
}

export const DEFAULT_PROGRESS_ESTIMATE: ProgressEstimateOptions = {
  maxWaitMs: 8000,
  marginMs: 120,
  approachFraction: 0.6,
  nearMs: 2500,
  overdueFraction: 0.04,
  minWaitMs: 250,
  stuckFactor: 3,
};

interface Sample {
  /** Task age when this level was first seen, ms. */
  atMs: number;
  progress: number;
}

const STUCK_FLOOR_MS = 5000;

export class ProgressEstimator {
  /** The first sighting of each distinct level, oldest first (only the last two are used). */
  private rises: Sample[] = [];
  private lastSeenMs = 0;

  constructor(private readonly options: ProgressEstimateOptions = DEFAULT_PROGRESS_ESTIMATE) {}

  /** Records what a status answer said; `progress` undefined means the server said nothing. */
  observe(ageMs: number, progress: number | undefined): void {
    this.lastSeenMs = ageMs;
    if (progress === undefined) {
      this.rises = [];
      return;
    }
    const last = this.rises[this.rises.length - 1];
    if (last && progress < last.progress) {
      // Going backwards: nothing learnt so far can be trusted.
      this.rises = [{ atMs: ageMs, progress }];
      return;
    }
    if (!last || progress > last.progress) {
      this.rises.push({ atMs: ageMs, progress });
      if (this.rises.length > 2) {
        this.rises.shift();
      }
    }
  }

  /** The estimated task age at completion, or undefined when there is no trustworthy estimate. */
  estimatedEndMs(): number | undefined {
    if (this.rises.length < 2) {
      return undefined;
    }
    const [before, latest] = this.rises;
    const rate = (latest.progress - before.progress) / (latest.atMs - before.atMs);
    if (!(rate > 0) || !Number.isFinite(rate)) {
      return undefined;
    }
    const sinceRise = this.lastSeenMs - latest.atMs;
    if (sinceRise > Math.max(STUCK_FLOOR_MS, this.options.stuckFactor * (latest.atMs - before.atMs))) {
      return undefined;
    }
    return latest.atMs + (1 - latest.progress) / rate;
  }

  /** The wait before the next status request at task age `ageMs`, or undefined: use the policy. */
  nextWaitMs(ageMs: number): number | undefined {
    const end = this.estimatedEndMs();
    if (end === undefined) {
      return undefined;
    }
    const { maxWaitMs, marginMs, approachFraction, nearMs, overdueFraction, minWaitMs } = this.options;
    const remaining = end - ageMs;
    let wait: number;
    if (remaining <= 0) {
      wait = Math.max(minWaitMs, overdueFraction * ageMs);
    } else if (remaining <= nearMs) {
      wait = remaining + marginMs;
    } else {
      wait = approachFraction * remaining;
    }
    return Math.min(maxWaitMs, Math.max(minWaitMs, wait));
  }
}
