import { u16be, u32be } from '../base/bytes';
import { jpegMarkers } from './jpegMarkers';

/** What the bytes of a download really are, whatever the server's Content-Type says. */
export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageInfo {
  format: ImageFormat;
  extension: 'png' | 'jpg' | 'webp';
  mime: string;
  width?: number;
  height?: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((value, index) => bytes[offset + index] === value);
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function u24le(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
}

/**
 * Lenient on purpose: a header cut short still tells the size. (jpegComment.ts reads the same
 * segments strictly, since it rewrites the file and must refuse a truncated one.)
 */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  for (const { marker, start } of jpegMarkers(bytes)) {
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return start + 9 < bytes.length ? { height: u16be(bytes, start + 5), width: u16be(bytes, start + 7) } : undefined;
    }
  }
  return undefined;
}

function webpSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { width: 1 + u24le(bytes, 24), height: 1 + u24le(bytes, 27) };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = bytes[21] | (bytes[22] << 8) | (bytes[23] << 16) | (bytes[24] << 24);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: (bytes[26] | (bytes[27] << 8)) & 0x3fff, height: (bytes[28] | (bytes[29] << 8)) & 0x3fff };
  }
  return undefined;
}

/** Decides the type by magic bytes alone; undefined for anything that is not PNG, JPEG or WebP. */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length >= 24 && startsWith(bytes, PNG_SIGNATURE) && ascii(bytes, 12, 4) === 'IHDR') {
    return { format: 'png', extension: 'png', mime: 'image/png', width: u32be(bytes, 16), height: u32be(bytes, 20) };
  }
  if (bytes.length >= 4 && startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return { format: 'jpeg', extension: 'jpg', mime: 'image/jpeg', ...jpegSize(bytes) };
  }
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return { format: 'webp', extension: 'webp', mime: 'image/webp', ...webpSize(bytes) };
  }
  return undefined;
}

/** A short human name for refused content, for the error message ("SVG", "HTML", …). */
export function describeContent(bytes: Uint8Array): string {
  const head = ascii(bytes, 0, Math.min(bytes.length, 512)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return 'SVG';
  }
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || head.startsWith('<')) {
    return 'HTML/XML';
  }
  if (head.startsWith('{') || head.startsWith('[')) {
    return 'JSON';
  }
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) {
    return 'GIF';
  }
  if (bytes.length === 0) {
    return 'nothing';
  }
  return 'unrecognized data';
}
