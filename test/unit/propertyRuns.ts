import * as fc from 'fast-check';

/**
 * One fixed seed, so `npm test` (and CI) replays the same cases and a red run is reproducible;
 * SPARK_FC_SEED explores other seeds locally, SPARK_FC_RUNS more cases.
 */
export const PROPERTY_SEED = process.env.SPARK_FC_SEED ? Number(process.env.SPARK_FC_SEED) : 20261201;
const SCALE = process.env.SPARK_FC_RUNS ? Number(process.env.SPARK_FC_RUNS) / 1000 : 1;

/** Parameters for fc.assert: the fixed seed and `runs` cases (scaled by SPARK_FC_RUNS / 1000). */
export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: PROPERTY_SEED, numRuns: Math.max(1, Math.round(numRuns * SCALE)) };
}

/** Any string of any code points, lone surrogates included, often long enough to matter. */
export const anyText = fc.string({ unit: 'binary', maxLength: 200 });

/** Text built from the pieces a parser cares about, so that hostile combinations come up often. */
export function textFrom(pieces: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength }).map((parts) => parts.join(''));
}
