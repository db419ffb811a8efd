/** The recommended sizes as the pickers offer them: each preset, and its portrait turn. */
import { Quality, SIZE_PRESETS } from './spec';

export interface Size {
  width: number;
  height: number;
}

export interface SizeChoice extends Size {
  /** "1k-16:9", "1k-9:16": a preset's id, or its portrait turn's. */
  id: string;
  quality: Quality;
  /** As the image is seen: "9:16" for a portrait. */
  ratio: string;
  orientation: 'square' | 'landscape' | 'portrait';
}

/** Every recommended size, 1K then 2K, each landscape preset followed by its portrait turn. */
export function sizeChoices(): SizeChoice[] {
  const choices: SizeChoice[] = [];
  for (const preset of SIZE_PRESETS) {
    const square = preset.width === preset.height;
    choices.push({ id: preset.id, quality: preset.quality, ratio: preset.ratio, width: preset.width, height: preset.height, orientation: square ? 'square' : 'landscape' });
    if (!square) {
      const ratio = preset.ratio.split(':').reverse().join(':');
      choices.push({ id: `${preset.quality}-${ratio}`, quality: preset.quality, ratio, width: preset.height, height: preset.width, orientation: 'portrait' });
    }
  }
  return choices;
}

export function sameSize(a: Size, b: Size): boolean {
  return a.width === b.width && a.height === b.height;
}

/**
 * Same Seed's first offer: another size than the image has, so Enter never buys the same picture
 * again. A recommended size gets its shape in the other quality; any other size the closest shape.
 */
export function anotherSize(current: Size): Size {
  const choices = sizeChoices();
  const known = choices.find((choice) => sameSize(choice, current));
  if (known) {
    const other = choices.find((choice) => choice.ratio === known.ratio && choice.quality !== known.quality);
    if (other) {
      return { width: other.width, height: other.height };
    }
  }
  const shape = (size: Size) => Math.log(size.width / size.height);
  const closest = choices.filter((choice) => !sameSize(choice, current)).sort((a, b) => Math.abs(shape(a) - shape(current)) - Math.abs(shape(b) - shape(current)))[0];
  return { width: closest.width, height: closest.height };
}
