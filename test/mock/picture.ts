// A deterministic picture (gradient + a few flat shapes) derived from prompt, seed and image index,
// so the same request always yields the same pixels, and so the same bytes from both encoders.
import { createHash } from 'crypto';

export type Rgb = [number, number, number];

interface Shape {
  kind: 'circle' | 'rect';
  // Circle: centre cx,cy and radius r. Rect: x0..x1, y0..y1 (half-open).
  cx: number;
  cy: number;
  r: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  color: Rgb;
}

export interface Picture {
  width: number;
  height: number;
  /** The colour of one pixel. */
  colorAt(x: number, y: number): Rgb;
  /** Fills `row` (RGB, width*3 bytes) with scan line `y`; much faster than colorAt per pixel. */
  fillRow(y: number, row: Uint8Array): void;
}

/** A byte stream from SHA-256 in counter mode: enough randomness for any number of shapes. */
function byteSource(key: string): () => number {
  let block = Buffer.alloc(0);
  let counter = 0;
  let pos = 0;
  return () => {
    if (pos >= block.length) {
      block = createHash('sha256').update(`${key}\u0000${counter++}`).digest();
      pos = 0;
    }
    return block[pos++];
  };
}

export function makePicture(prompt: string, seed: number, index: number, width: number, height: number): Picture {
  const next = byteSource(`${prompt}\u0000${seed}\u0000${index}`);
  const color = (): Rgb => [next(), next(), next()];
  const from = color();
  const to = color();
  // Gradient direction: one of eight, so it is cheap to evaluate (no trigonometry per pixel).
  const dirs: Array<[number, number]> = [[1, 0], [0, 1], [1, 1], [1, -1], [-1, 0], [0, -1], [-1, -1], [-1, 1]];
  const [dx, dy] = dirs[next() % dirs.length];
  const span = Math.abs(dx) * (width - 1) + Math.abs(dy) * (height - 1) || 1;
  const offset = (dx < 0 ? -dx * (width - 1) : 0) + (dy < 0 ? -dy * (height - 1) : 0);

  const shapes: Shape[] = [];
  const count = 3 + (next() % 3);
  const minSide = Math.min(width, height);
  for (let i = 0; i < count; i++) {
    const fx = (next() * 256 + next()) / 65536;
    const fy = (next() * 256 + next()) / 65536;
    const size = Math.max(1, Math.round(minSide * (0.08 + (next() / 255) * 0.25)));
    const cx = Math.round(fx * width);
    const cy = Math.round(fy * height);
    if (next() & 1) {
      shapes.push({ kind: 'circle', cx, cy, r: size, x0: 0, y0: 0, x1: 0, y1: 0, color: color() });
    } else {
      const w = Math.max(1, Math.round(size * (0.6 + next() / 255)));
      const h = Math.max(1, Math.round(size * (0.6 + next() / 255)));
      shapes.push({ kind: 'rect', cx, cy, r: 0, x0: cx - w, y0: cy - h, x1: cx + w, y1: cy + h, color: color() });
    }
  }

  const gradientAt = (x: number, y: number, out: Uint8Array, at: number): void => {
    const t = (dx * x + dy * y + offset) / span;
    out[at] = from[0] + (to[0] - from[0]) * t;
    out[at + 1] = from[1] + (to[1] - from[1]) * t;
    out[at + 2] = from[2] + (to[2] - from[2]) * t;
  };

  /** The columns [a, b) that `shape` covers on row y, or null. */
  const spanOf = (shape: Shape, y: number): [number, number] | null => {
    if (shape.kind === 'rect') {
      if (y < shape.y0 || y >= shape.y1) return null;
      return [Math.max(0, shape.x0), Math.min(width, shape.x1)];
    }
    const d = y + 0.5 - shape.cy;
    if (Math.abs(d) >= shape.r) return null;
    const half = Math.sqrt(shape.r * shape.r - d * d);
    return [Math.max(0, Math.ceil(shape.cx - half - 0.5)), Math.min(width, Math.floor(shape.cx + half - 0.5) + 1)];
  };

  const fillRow = (y: number, row: Uint8Array): void => {
    for (let x = 0, at = 0; x < width; x++, at += 3) gradientAt(x, y, row, at);
    for (const shape of shapes) {
      const s = spanOf(shape, y);
      if (!s) continue;
      const [r, g, b] = shape.color;
      for (let x = s[0], at = s[0] * 3; x < s[1]; x++, at += 3) {
        row[at] = r;
        row[at + 1] = g;
        row[at + 2] = b;
      }
    }
  };

  const colorAt = (x: number, y: number): Rgb => {
    for (let i = shapes.length - 1; i >= 0; i--) {
      const s = spanOf(shapes[i], y);
      if (s && x >= s[0] && x < s[1]) return [...shapes[i].color];
    }
    const px = new Uint8Array(3);
    gradientAt(x, y, px, 0);
    return [px[0], px[1], px[2]];
  };

  return { width, height, colorAt, fillRow };
}
