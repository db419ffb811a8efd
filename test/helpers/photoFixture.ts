/**
 * A photo-like picture made in the test, so no photo (and no licence) ships: fractal value noise
 * whose amplitude falls as 1/f, the power spectrum of natural images, coloured along a sky-to-earth
 * gradient, with a few hard-edged discs for objects and a little sensor grain. Deterministic.
 */
import { seededRandom } from '../bench/seededRandom';

export interface PhotoPixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

function valueNoise(width: number, height: number, cell: number, random: () => number): Float32Array {
  const columns = Math.ceil(width / cell) + 2;
  const rows = Math.ceil(height / cell) + 2;
  const lattice = Float32Array.from({ length: columns * rows }, () => random() * 2 - 1);
  const out = new Float32Array(width * height);
  const smooth = (t: number) => t * t * (3 - 2 * t);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    const ty = smooth(gy - y0);
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      const tx = smooth(gx - x0);
      const at = (cx: number, cy: number) => lattice[cy * columns + cx];
      const top = at(x0, y0) * (1 - tx) + at(x0 + 1, y0) * tx;
      const bottom = at(x0, y0 + 1) * (1 - tx) + at(x0 + 1, y0 + 1) * tx;
      out[y * width + x] = top * (1 - ty) + bottom * ty;
    }
  }
  return out;
}

export function photoLikePixels(width: number, height: number, seed = 21): PhotoPixels {
  const random = seededRandom(seed);
  const field = new Float32Array(width * height);
  // Octaves from the picture's size down to 2 px, amplitude proportional to the cell (1/f).
  for (let cell = Math.max(width, height) / 2; cell >= 2; cell /= 2) {
    const octave = valueNoise(width, height, cell, random);
    const amplitude = cell / Math.max(width, height);
    for (let index = 0; index < field.length; index++) field[index] += octave[index] * amplitude;
  }
  const discs = Array.from({ length: 6 }, () => ({ x: random() * width, y: random() * height, r: (0.05 + random() * 0.12) * width, tint: [random() * 255, random() * 255, random() * 255] }));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const horizon = y / height;
    for (let x = 0; x < width; x++) {
      const index = y * width + x;
      const value = field[index];
      let rgb = [90 + 120 * (1 - horizon) + 90 * value, 110 + 60 * (1 - horizon) + 80 * value, 200 * (1 - horizon) + 40 + 70 * value];
      for (const disc of discs) {
        if ((x - disc.x) ** 2 + (y - disc.y) ** 2 < disc.r ** 2) {
          rgb = disc.tint.map((channel) => channel * (0.7 + 0.6 * value));
        }
      }
      const grain = (random() - 0.5) * 12;
      data.set([rgb[0] + grain, rgb[1] + grain, rgb[2] + grain, 255], index * 4);
    }
  }
  return { data, width, height };
}
