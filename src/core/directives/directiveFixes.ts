/** What the fixes of a directive's problems propose: the nearest recommended size, a shorter prompt. */
import { SIZE_PRESETS } from '../spec/spec';

/** The recommended size closest to a size: nearest aspect ratio first, then the nearer quality. */
export function nearestPreset(width: number, height: number): { width: number; height: number; id: string } {
  const ratio = Math.log(width / height);
  const pixels = Math.log(width * height);
  let best: { width: number; height: number; id: string; score: number } | undefined;
  for (const preset of SIZE_PRESETS) {
    for (const [w, h] of [
      [preset.width, preset.height],
      [preset.height, preset.width],
    ]) {
      const score = Math.abs(Math.log(w / h) - ratio) * 10 + Math.abs(Math.log(w * h) - pixels);
      if (!best || score < best.score) {
        best = { width: w, height: h, id: preset.id, score };
      }
    }
  }
  const found = best as { width: number; height: number; id: string };
  return { width: found.width, height: found.height, id: found.id };
}

/** A prompt cut to `limit` code points, at a word boundary when one is near. */
export function shortenPrompt(prompt: string, limit: number): string {
  const points = Array.from(prompt);
  if (points.length <= limit) {
    return prompt;
  }
  const cut = points.slice(0, limit).join('');
  const space = cut.lastIndexOf(' ');
  return (space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '');
}
