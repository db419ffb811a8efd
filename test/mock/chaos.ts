// Seeded chaos: a deterministic mix of the mock's faults, as `next` entries (one per create), so a
// test that prints its seed can be replayed. Nothing here is new behaviour of the API: each entry is
// an ordinary scenario (CONTRACT.md), drawn from a seeded generator instead of written by hand.
import type { PollFault, CreateFault, ScenarioOverride } from './scenario';

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in min..max (both included). */
export function between(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** How often each fault is drawn, per create (create faults) and per task (poll faults). */
export interface ChaosMix {
  /** A task takes between these many milliseconds from create to completion. */
  durationMs: [number, number];
  /** The create answers 429 with Retry-After (0 or 1 s) once; the retry takes the next entry. */
  rateLimited: number;
  /** The task is created and billed, and its answer lost (a reset, or a 200 cut off mid-JSON). */
  lostAnswer: number;
  /** The first one or two status checks of the task answer 500/502/503/504. */
  flakyStatus: number;
  /** A status check answers 429 with Retry-After: 1. */
  statusRateLimited: number;
  /** A status check answers a 200 whose JSON is cut off. */
  brokenJson: number;
}

export const DEFAULT_CHAOS_MIX: ChaosMix = {
  durationMs: [100, 500],
  rateLimited: 0.1,
  lostAnswer: 0.07,
  flakyStatus: 0.25,
  statusRateLimited: 0.1,
  brokenJson: 0.1,
};

function createFault(random: () => number, mix: ChaosMix): CreateFault | undefined {
  const roll = random();
  if (roll < mix.rateLimited) return { kind: 'status', status: 429, retryAfter: between(random, 0, 1), times: 1 };
  if (roll < mix.rateLimited + mix.lostAnswer) return { kind: 'lost-answer', how: pick(random, ['reset', 'broken-json'] as const), times: 1 };
  return undefined;
}

function pollFault(random: () => number, mix: ChaosMix): PollFault | undefined {
  const roll = random();
  if (roll < mix.flakyStatus) {
    const status = pick(random, [500, 502, 503, 504]);
    return { kind: 'status', status, retryAfter: status === 503 ? 1 : null, times: between(random, 1, 2) };
  }
  if (roll < mix.flakyStatus + mix.statusRateLimited) return { kind: 'status', status: 429, retryAfter: 1, times: 1 };
  if (roll < mix.flakyStatus + mix.statusRateLimited + mix.brokenJson) return { kind: 'broken-json', times: 1 };
  return undefined;
}

/** `count` scenarios for the `next` queue, the same ones for the same seed and mix. */
export function chaosScenarios(seed: number, count: number, mix: ChaosMix = DEFAULT_CHAOS_MIX): ScenarioOverride[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const durationMs = between(random, mix.durationMs[0], mix.durationMs[1]);
    const entry: ScenarioOverride = { queuedMs: Math.floor(durationMs * random() * 0.3), durationMs };
    const create = createFault(random, mix);
    const poll = pollFault(random, mix);
    if (create) entry.create = create;
    if (poll) entry.poll = poll;
    return entry;
  });
}
