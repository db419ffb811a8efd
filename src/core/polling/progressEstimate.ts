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
  /**
   * An estimate can be late (a curve that speeds up, coarse steps): the task may end anywhere in
   * the last `windowFraction` of the estimated duration. Inside that window, and past the estimate,
   * ask every `stepFraction` of the task's age, so a task ending early in it is seen soon.
   */
  windowFraction: number;
  /** The window is this many times the change between the last two estimates, when that is smaller. */
  uncertaintyFactor: number;
  stepFraction: number;
  /** Never asked again sooner than this. */
  minWaitMs: number;
  /** Progress that has not risen for this many times the last rise's interval (and 5 s) is stuck. */
  stuckFactor: number;
}

export const DEFAULT_PROGRESS_ESTIMATE: ProgressEstimateOptions = {
  maxWaitMs: 8000,
  marginMs: 120,
  approachFraction: 0.6,
  windowFraction: 0.08,
  uncertaintyFactor: 1.5,
  stepFraction: 0.04,
  minWaitMs: 250,
  stuckFactor: 3,
};

interface Sample {
  /** Task age when this level was first seen, ms. */
  atMs: number;
  /** Task age of the answer before it, which still showed a lower level. */
  beforeMs: number;
  progress: number;
}

const STUCK_FLOOR_MS = 5000;

export class ProgressEstimator {
  /** The first sighting of each distinct level, oldest first. */
  private rises: Sample[] = [];
  private lastSeenMs = 0;
  private lastProgress: number | undefined;
  /**
   * Two answers in a row with the same progress above 0: the server reports in coarse steps. A level
   * was then reached somewhere between the answer before and the first that showed it, and only a
   * long baseline gives a steady rate.
   */
  private coarse = false;
  /** The estimates made after the last two answers: how much they moved says how far to trust them. */
  private estimates: Array<number | undefined> = [];

  constructor(private readonly options: ProgressEstimateOptions = DEFAULT_PROGRESS_ESTIMATE) {}

  /** Records what a status answer said; `progress` undefined means the server said nothing. */
  observe(ageMs: number, progress: number | undefined): void {
    const beforeMs = this.lastSeenMs;
    const previous = this.lastProgress;
    this.lastSeenMs = ageMs;
    this.lastProgress = progress;
    if (progress === undefined) {
      this.rises = [];
      this.estimates = [];
      return;
    }
    const last = this.rises[this.rises.length - 1];
    if (last && progress < last.progress) {
      // Going backwards: nothing learnt so far can be trusted.
      this.rises = [{ atMs: ageMs, beforeMs, progress }];
      this.estimates = [];
      return;
    }
    if (!last || progress > last.progress) {
      // The very first answer has no answer before it: the level was reached by then, no earlier known.
      this.rises.push({ atMs: ageMs, beforeMs: previous === undefined ? ageMs : beforeMs, progress });
    }
    // Coarse: the same level twice in a row, or three levels all on a grid of 5 % (smooth progress
    // in hundredths lands on that grid three times running less than once in a hundred).
    const onGrid = this.rises.filter((rise) => rise.progress > 0).map((rise) => Math.abs(rise.progress * 20 - Math.round(rise.progress * 20)) < 1e-9);
    if ((progress === previous && progress > 0) || (onGrid.length >= 3 && onGrid.every(Boolean))) {
      this.coarse = true;
    }
    this.estimates = [this.estimates[this.estimates.length - 1], this.estimatedEndMs()];
  }

  /** The estimated task age at completion, or undefined when there is no trustworthy estimate. */
  estimatedEndMs(): number | undefined {
    if (this.rises.length < 2) {
      return undefined;
    }
    const latest = this.rises[this.rises.length - 1];
    const previous = this.rises[this.rises.length - 2];
    // Smooth progress: the last two sightings follow a curve that speeds up or slows down. Coarse
    // steps: the first moving level and the latest, each reached half-way to its sighting.
    const moving = this.rises.find((rise) => rise.progress > 0) ?? this.rises[0];
    const before = this.coarse && moving !== latest ? moving : previous;
    const reached = (rise: Sample) => (this.coarse ? (rise.beforeMs + rise.atMs) / 2 : rise.atMs);
    const rate = (latest.progress - before.progress) / (reached(latest) - reached(before));
    if (!(rate > 0) || !Number.isFinite(rate)) {
      return undefined;
    }
    const sinceRise = this.lastSeenMs - latest.atMs;
    if (sinceRise > Math.max(STUCK_FLOOR_MS, this.options.stuckFactor * (latest.atMs - previous.atMs))) {
      return undefined;
    }
    return reached(latest) + (1 - latest.progress) / rate;
  }

  /** The wait before the next status request at task age `ageMs`, or undefined: use the policy. */
  nextWaitMs(ageMs: number): number | undefined {
    const end = this.estimatedEndMs();
    if (end === undefined) {
      return undefined;
    }
    const { maxWaitMs, marginMs, approachFraction, windowFraction, uncertaintyFactor, stepFraction, minWaitMs } = this.options;
    const remaining = end - ageMs;
    // Two estimates that agree shrink the window to their difference; a first one gets the widest.
    const [previous] = this.estimates;
    const spread = previous === undefined ? Infinity : uncertaintyFactor * Math.abs(end - previous);
    const trusted = spread < windowFraction * end;
    const window = Math.min(windowFraction * end, spread);
    const step = stepFraction * ageMs;
    let wait: number;
    if (remaining > window) {
      // Far: straight to the window when the estimates agree, else part of the way, to estimate again.
      wait = Math.max(step, trusted ? remaining - window + marginMs : Math.min(approachFraction * remaining, remaining - window + marginMs));
    } else if (remaining > 0) {
      wait = Math.min(step, remaining + marginMs);
    } else {
      wait = step;
    }
    return Math.min(maxWaitMs, Math.max(minWaitMs, wait));
  }
}
