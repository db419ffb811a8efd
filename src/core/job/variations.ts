/**
 * Variations: one request sent N times, each with its own recorded seed. With a seed S they are
 * S, S+1, …, S+N−1 (so each can be made again); without one, N distinct random seeds. Every one
 * passes the one check, so a seed past the maximum is refused before anything is sent.
 */
import { english, Translate } from '../base/messages';
import { SparkError } from '../spec/errors';
import { RANDOM_SEED } from '../spec/spec';
import { CheckedRequest, checkRequest, GenerationInput } from '../spec/validation';
import { ValidationIssue } from '../spec/issues';

/**
 * How many generations talk to the API at once by default (the editor's sparkImage.maxConcurrent,
 * generate --concurrency): 4, so that the studio's 4 variations start together.
 */
export const DEFAULT_VARIATION_CONCURRENCY = 4;

/** A count as an agent or a flag gives it: a whole number from 1 to `max`, else a validation error naming `field`. */
export function readCount(value: unknown, max: number, field: string): number {
  if (value === undefined || value === null) {
    return 1;
  }
  const count = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw new SparkError('validation', `${field} must be a whole number from 1 to ${max}, not ${JSON.stringify(value)}. Nothing was sent.`);
  }
  return count;
}

function pinnedSeed(seed: unknown): boolean {
  return seed !== undefined && seed !== null && seed !== '' && Number(seed) !== RANDOM_SEED;
}

/** The N requests of `count` variations, each checked; throws the first check's SparkError. */
export function checkVariations(input: GenerationInput, count: number, deps: { random?: () => number; t?: Translate } = {}): { requests: CheckedRequest[]; warnings: ValidationIssue[] } {
  const first = checkRequest(input, deps);
  const requests = [first.request];
  const seen = new Set([first.request.seed]);
  const pinned = pinnedSeed(input.seed);
  // A random seed repeats with odds of N in 2^31: a few more tries make every seed distinct.
  for (let tries = 0; requests.length < count && tries < count * 20; tries++) {
    const next = checkRequest(pinned ? { ...input, seed: first.request.seed + requests.length } : input, deps).request;
    if (!seen.has(next.seed)) {
      seen.add(next.seed);
      requests.push(next);
    }
  }
  if (requests.length < count) {
    const t = deps.t ?? english;
    throw new SparkError('validation', t('Could not pick {0} distinct seeds. Nothing was sent.', count));
  }
  return { requests, warnings: first.warnings };
}
