import { RANDOM_SEED } from '../../core/spec/spec';

/**
 * Generate: the directive's own settings. Regenerate: the same with a new seed. Same seed: the
 * image's seed. Re-encode: an image out of date only by its output, made again without a request.
 */
export type RunMode = 'generate' | 'regenerate' | 'sameSeed' | 'reencode';

/** What the "Out of date" label does when clicked: show the change, never generate. */
export const SHOW_CHANGES = 'showChanges';
export type LensAction = RunMode | typeof SHOW_CHANGES;

/** Only Same Seed reads the image's provenance before sending. */
export function needsRecordedSeed(mode: RunMode): boolean {
  return mode === 'sameSeed';
}

/** The seed a run sends; undefined leaves it to the settings. `recorded` is the image's seed, for Same Seed. */
export function seedFor(mode: RunMode, directiveSeed: number | undefined, recorded: number | undefined): number | undefined {
  switch (mode) {
    case 'regenerate':
      return RANDOM_SEED;
    case 'sameSeed':
      return recorded;
    default:
      return directiveSeed;
  }
}
