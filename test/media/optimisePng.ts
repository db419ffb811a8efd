import { deflateSync, inflateSync } from 'zlib';
import { pngChunk } from '../../src/core/image/imageMetadata';

/**
 * Makes the README's screenshots small, in plain Node (no native tool to install): the colours
 * are reduced to a 256-colour palette by median cut (as pngquant does, without dithering: flat UI
 * colours and text stay crisp) and written as an 8-bit palette PNG at deflate level 9. An image
 * with at most 256 colours keeps them exactly. Reads what Chromium writes: 8-bit RGB or RGBA,
 * not interlaced; transparency is dropped (screenshots are opaque).
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface RawImage {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA) bytes per pixel. */
  channels: 3 | 4;
  pixels: Buffer;
}

/** One PNG chunk, as the core writes its own (length, type, data, CRC-32). */
function chunk(type: string, data: Buffer): Buffer {
  return Buffer.from(pngChunk(type, data));
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Buffer): RawImage {
  if (!png.subarray(0, 8).equals(SIGNATURE)) {
    throw new Error('not a PNG file');
  }
  let at = 8;
  let header: Buffer | undefined;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = body;
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  if (!header) {
    throw new Error('PNG without IHDR');
  }
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [depth, colorType, , , interlace] = [header[8], header[9], header[10], header[11], header[12]];
  if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${interlace}`);
  }
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const filtered = inflateSync(Buffer.concat(data));
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)];
    const source = y * (stride + 1) + 1;
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? pixels[row + i - channels] : 0;
      const up = y > 0 ? pixels[row - stride + i] : 0;
      const upLeft = y > 0 && i >= channels ? pixels[row - stride + i - channels] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) {
        throw new Error(`bad PNG filter ${filter} on row ${y}`);
      }
      pixels[row + i] = (filtered[source + i] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

type Color = [number, number, number];

interface Box {
  colors: Array<{ rgb: number; count: number }>;
  count: number;
}

const channel = (rgb: number, c: number) => (rgb >> (16 - 8 * c)) & 0xff;

/** Median cut over the image's colour histogram: at most `size` colours, each the weighted mean of its box. */
export function medianCutPalette(histogram: Map<number, number>, size = 256): Color[] {
  const all = [...histogram].map(([rgb, count]) => ({ rgb, count }));
  const boxes: Box[] = [{ colors: all, count: all.reduce((sum, color) => sum + color.count, 0) }];
  const range = (box: Box, c: number) => {
    let min = 255;
    let max = 0;
    for (const { rgb } of box.colors) {
      const value = channel(rgb, c);
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return max - min;
  };
  while (boxes.length < size) {
    // The box whose widest channel spans the most, weighted by how many pixels it holds.
    let best = -1;
    let bestScore = 0;
    let bestChannel = 0;
    boxes.forEach((box, index) => {
      if (box.colors.length < 2) return;
      for (let c = 0; c < 3; c++) {
        const score = range(box, c) * Math.sqrt(box.count);
        if (score > bestScore) {
          bestScore = score;
          best = index;
          bestChannel = c;
        }
      }
    });
    if (best < 0) break;
    const box = boxes[best];
    box.colors.sort((a, b) => channel(a.rgb, bestChannel) - channel(b.rgb, bestChannel));
    let seen = 0;
    let cut = 1;
    for (; cut < box.colors.length - 1; cut++) {
      seen += box.colors[cut - 1].count;
      if (seen >= box.count / 2) break;
    }
    const left = box.colors.slice(0, cut);
    const right = box.colors.slice(cut);
    const weight = (colors: Box['colors']) => colors.reduce((sum, color) => sum + color.count, 0);
    boxes.splice(best, 1, { colors: left, count: weight(left) }, { colors: right, count: weight(right) });
  }
  return boxes.map((box) => {
    const sum = [0, 0, 0];
    for (const { rgb, count } of box.colors) {
      for (let c = 0; c < 3; c++) sum[c] += channel(rgb, c) * count;
    }
    return sum.map((value) => Math.round(value / box.count)) as Color;
  });
}

/** The image as palette indices into at most 256 colours. */
export function quantize(image: RawImage): { palette: Color[]; indices: Buffer; width: number; height: number } {
  const { width, height, channels, pixels } = image;
  const histogram = new Map<number, number>();
  for (let i = 0; i < pixels.length; i += channels) {
    const rgb = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    histogram.set(rgb, (histogram.get(rgb) ?? 0) + 1);
  }
  const palette = histogram.size <= 256 ? [...histogram.keys()].map((rgb) => [channel(rgb, 0), channel(rgb, 1), channel(rgb, 2)] as Color) : medianCutPalette(histogram);
  const nearest = new Map<number, number>();
  for (const rgb of histogram.keys()) {
    let best = 0;
    let bestDistance = Infinity;
    palette.forEach(([r, g, b], index) => {
      const distance = (channel(rgb, 0) - r) ** 2 + (channel(rgb, 1) - g) ** 2 + (channel(rgb, 2) - b) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    });
    nearest.set(rgb, best);
  }
  const indices = Buffer.alloc(width * height);
  for (let i = 0, p = 0; i < pixels.length; i += channels, p++) {
    indices[p] = nearest.get((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]) ?? 0;
  }
  return { palette, indices, width, height };
}

/** An 8-bit palette PNG; rows unfiltered (filters rarely help palette images) and deflated at level 9. */
export function encodePalettePng(quantized: ReturnType<typeof quantize>): Buffer {
  const { palette, indices, width, height } = quantized;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    indices.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 3;
  const plte = Buffer.from(palette.flat());
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('PLTE', plte), chunk('IDAT', deflateSync(raw, { level: 9, memLevel: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export function optimisePng(png: Buffer): Buffer {
  const optimised = encodePalettePng(quantize(decodePng(png)));
  return optimised.length < png.length ? optimised : png;
}
