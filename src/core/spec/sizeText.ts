import { findPreset, SizePreset } from './spec';

/**
 * A size as people write it, in every front end (the palette, the studio, settings, directives, the
 * CLI's --size, MCP and the LM tool): a preset id such as "1k-16:9", or WIDTH and HEIGHT joined by
 * x, X, × or *, with spaces allowed ("1664x936", "800 × 600", "800*600").
 */
export interface SizeText {
  /** Whole numbers when the text gave digits; otherwise the side as typed, for the rules to name. */
  width: number | string;
  height: number | string;
  preset?: SizePreset;
}

const SEPARATED = /^\s*(.*?)\s*[x×*]\s*(.*?)\s*$/i;

/** Undefined when the text is neither a preset nor two sides around a separator. Nothing is range-checked here. */
export function parseSizeText(text: string): SizeText | undefined {
  const preset = findPreset(text);
  if (preset) {
    return { width: preset.width, height: preset.height, preset };
  }
  const pair = SEPARATED.exec(text);
  if (!pair || pair[1] === '' || pair[2] === '') {
    return undefined;
  }
  const side = (value: string) => (/^\d+$/.test(value) ? Number(value) : value);
  return { width: side(pair[1]), height: side(pair[2]) };
}

/** Both sides as whole numbers, or undefined: for readers that only take a usable size (settings). */
export function parseSizeNumbers(text: string): { width: number; height: number } | undefined {
  const size = parseSizeText(text);
  return size && typeof size.width === 'number' && typeof size.height === 'number' ? { width: size.width, height: size.height } : undefined;
}
