import * as zlib from 'zlib';
import { pngChunk } from '../core/image/imageMetadata';

/** The long side of a thumbnail: small enough for an agent's context, big enough to recognise. */
export const THUMBNAIL_MAX_SIDE = 256;
// A decoded image above this many pixels is not thumbnailed (the API's largest is 2048×2048).
const MAX_PIXELS = 4096 * 4096;

export type Thumbnail = { ok: true; png: Buffer; width: number; height: number } | { ok: false; reason: string };

interface Raster {
  width: number;
  height: number;
  channels: 3 | 4;
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters of a non-interlaced 8-bit image. */
function unfilter(data: Buffer, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * stride);
  if (data.length < height * (stride + 1)) {
    throw new Error('the image data is shorter than its size says');
  }
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)];
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const raw = data[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      const predictor = type === 0 ? 0 : type === 1 ? a : type === 2 ? b : type === 3 ? (a + b) >> 1 : type === 4 ? paeth(a, b, c) : -1;
      if (predictor < 0) {
        throw new Error(`unknown row filter ${type}`);
      }
      out[row + x] = (raw + predictor) & 0xff;
    }
  }
  return out;
}

/** Decodes an 8-bit, non-interlaced PNG (any colour type) to RGB or RGBA. Throws with the reason otherwise. */
export function decodePng(bytes: Uint8Array): Raster {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 33 || !buffer.subarray(0, 8).equals(SIGNATURE)) {
    throw new Error('not a PNG');
  }
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let at = 8; at + 12 <= buffer.length; ) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, color, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || CHANNELS[color] === undefined) {
        throw new Error(`only 8-bit non-interlaced PNGs are thumbnailed (this one: depth ${depth}, colour type ${color}, interlace ${interlace})`);
      }
      colorType = color;
    } else if (type === 'PLTE') {
      palette = body;
    } else if (type === 'tRNS') {
      transparency = body;
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (colorType < 0 || width === 0 || height === 0 || width * height > MAX_PIXELS) {
    throw new Error('no usable image header');
  }
  const bpp = CHANNELS[colorType];
  const stride = width * bpp;
  const raw = unfilter(zlib.inflateSync(Buffer.concat(idat), { maxOutputLength: height * (stride + 1) }), height, stride, bpp);
  const alpha = colorType === 4 || colorType === 6 || (colorType === 3 && transparency !== undefined);
  const channels = alpha ? 4 : 3;
  const pixels = new Uint8Array(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    let rgba: [number, number, number, number];
    const s = i * bpp;
    if (colorType === 2 || colorType === 6) {
      rgba = [raw[s], raw[s + 1], raw[s + 2], colorType === 6 ? raw[s + 3] : 255];
    } else if (colorType === 3) {
      const index = raw[s];
      if (!palette || index * 3 + 2 >= palette.length) {
        throw new Error('a palette index is out of range');
      }
      rgba = [palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2], transparency?.[index] ?? 255];
    } else {
      rgba = [raw[s], raw[s], raw[s], colorType === 4 ? raw[s + 1] : 255];
    }
    pixels.set(rgba.slice(0, channels), i * channels);
  }
  return { width, height, channels, pixels };
}

/** Averages each box of source pixels into one (a box filter: no aliasing for the big reductions we make). */
export function downscale(source: Raster, maxSide: number): Raster {
  const scale = Math.min(1, maxSide / Math.max(source.width, source.height));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  const { channels } = source;
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * source.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * source.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * source.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * source.width) / width));
      const sums = [0, 0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const s = (sy * source.width + sx) * channels;
          for (let c = 0; c < channels; c++) {
            sums[c] += source.pixels[s + c];
          }
        }
      }
      const count = (y1 - y0) * (x1 - x0);
      for (let c = 0; c < channels; c++) {
        pixels[(y * width + x) * channels + c] = Math.round(sums[c] / count);
      }
    }
  }
  return { width, height, channels, pixels };
}

/** One PNG chunk, as the core writes its own (length, type, data, CRC-32). */
function chunk(type: string, data: Buffer): Buffer {
  return Buffer.from(pngChunk(type, data));
}

/** Encodes RGB or RGBA pixels as a PNG (filter 0 on every row; zlib does the rest). */
export function encodePng(raster: Raster): Buffer {
  const { width, height, channels, pixels } = raster;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = channels === 4 ? 6 : 2;
  const stride = width * channels;
  const rows = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    rows.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG thumbnail of at most 256 px on the long side, or why there is none (JPEG, WebP, 16-bit PNG…). */
export function thumbnailOf(bytes: Uint8Array, format: string, maxSide = THUMBNAIL_MAX_SIDE): Thumbnail {
  if (format !== 'png') {
    return { ok: false, reason: `no thumbnail: the image is ${format.toUpperCase()}, and only PNG images are thumbnailed` };
  }
  try {
    const small = downscale(decodePng(bytes), maxSide);
    return { ok: true, png: encodePng(small), width: small.width, height: small.height };
  } catch (error) {
    return { ok: false, reason: `no thumbnail: ${error instanceof Error ? error.message : String(error)}` };
  }
}
