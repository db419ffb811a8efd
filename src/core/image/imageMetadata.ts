/**
 * Provenance kept inside the image itself, so an image can be reproduced wherever it is copied:
 * a PNG iTXt chunk (keyword "spark-image", UTF-8 JSON), a JPEG COM segment ("spark-image:" + JSON)
 * or a WebP XMP chunk (webpXmp.ts). Older WebP files have a sidecar, still read. Pure: bytes in, bytes out.
 */
import { concat, u32be } from '../base/bytes';
import { METADATA_KEYWORD } from './imageMetadataKeyword';
import { ByteRangeReader, embedJpeg, isJpeg, MAX_HEADERS, readJpeg, readJpegHead } from './jpegComment';
import { parseProvenance, Provenance } from './provenance';
import { embedWebp, isWebp, readWebp, readWebpHead } from './webpXmp';

export { METADATA_KEYWORD } from './imageMetadataKeyword';
export type { ByteRangeReader } from './jpegComment';
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG uses it) over the bytes given. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) {
        c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((value, index) => bytes[index] === value);
}

interface PngChunk {
  type: string;
  /** Offset of the chunk (its length field). */
  start: number;
  /** Offset just after its CRC. */
  end: number;
  data: Uint8Array;
}

function pngChunks(bytes: Uint8Array): PngChunk[] | undefined {
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = u32be(bytes, at);
    const end = at + 12 + length;
    if (end > bytes.length) {
      return undefined;
    }
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    chunks.push({ type, start: at, end, data: bytes.subarray(at + 8, at + 8 + length) });
    at = end;
    if (type === 'IEND') {
      break;
    }
  }
  return chunks.length > 0 && chunks[0].type === 'IHDR' ? chunks : undefined;
}

/** One PNG chunk: length, type, data and its CRC-32. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeAndData = concat([encoder.encode(type), data]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeAndData, 4);
  view.setUint32(8 + data.length, crc32(typeAndData));
  return out;
}

/** The keyword of a tEXt/iTXt chunk, and where its text starts (undefined for other keywords). */
function textChunkValue(chunk: PngChunk): string | undefined {
  const zero = chunk.data.indexOf(0);
  if (zero < 0 || decoder.decode(chunk.data.subarray(0, zero)) !== METADATA_KEYWORD) {
    return undefined;
  }
  if (chunk.type === 'tEXt') {
    // Latin-1 by the PNG specification.
    return String.fromCharCode(...chunk.data.subarray(zero + 1));
  }
  // iTXt: keyword 0 compressionFlag compressionMethod languageTag 0 translatedKeyword 0 text
  const compressed = chunk.data[zero + 1];
  if (compressed !== 0) {
    return undefined;
  }
  const languageEnd = chunk.data.indexOf(0, zero + 3);
  const translatedEnd = languageEnd < 0 ? -1 : chunk.data.indexOf(0, languageEnd + 1);
  return translatedEnd < 0 ? undefined : decoder.decode(chunk.data.subarray(translatedEnd + 1));
}

function isOurs(chunk: PngChunk): boolean {
  return (chunk.type === 'iTXt' || chunk.type === 'tEXt') && textChunkValue(chunk) !== undefined;
}

function embedPng(bytes: Uint8Array, json: string): Uint8Array | undefined {
  const chunks = pngChunks(bytes);
  if (!chunks) {
    return undefined;
  }
  const data = concat([encoder.encode(METADATA_KEYWORD), new Uint8Array([0, 0, 0, 0, 0]), encoder.encode(json)]);
  const ours = pngChunk('iTXt', data);
  // Right after IHDR, so a reader finds it in the first bytes; earlier records of ours are replaced.
  const parts: Uint8Array[] = [bytes.subarray(0, 8), bytes.subarray(chunks[0].start, chunks[0].end), ours];
  let last = chunks[0].end;
  for (const chunk of chunks.slice(1)) {
    if (!isOurs(chunk)) {
      parts.push(bytes.subarray(chunk.start, chunk.end));
    }
    last = chunk.end;
  }
  parts.push(bytes.subarray(last));
  return concat(parts);
}

function readPng(bytes: Uint8Array): string | undefined {
  for (const chunk of pngChunks(bytes) ?? []) {
    if (chunk.type === 'IDAT') {
      // Ours sits before the image data; a later one would be someone else's rewrite. Keep looking.
      continue;
    }
    if (chunk.type === 'iTXt' || chunk.type === 'tEXt') {
      const value = textChunkValue(chunk);
      if (value !== undefined) {
        return value;
      }
    }
  }
  return undefined;
}

export function canEmbed(bytes: Uint8Array): boolean {
  return isPng(bytes) || isJpeg(bytes) || isWebp(bytes);
}

/**
 * The same image with the provenance inside it (replacing an earlier record of ours). Undefined
 * when the format has no place for it or the bytes are not a well-formed PNG, JPEG or WebP.
 */
export function embedProvenance(bytes: Uint8Array, provenance: Provenance): Uint8Array | undefined {
  const json = JSON.stringify(provenance);
  if (isPng(bytes)) {
    return embedPng(bytes, json);
  }
  if (isJpeg(bytes)) {
    return embedJpeg(bytes, json);
  }
  return isWebp(bytes) ? embedWebp(bytes, json) : undefined;
}

function parseJson(text: string | undefined): Provenance | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    return parseProvenance(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The provenance stored inside an image, if any. */
export function readEmbeddedProvenance(bytes: Uint8Array): Provenance | undefined {
  if (isPng(bytes)) {
    return parseJson(readPng(bytes));
  }
  if (isJpeg(bytes)) {
    return parseJson(readJpeg(bytes));
  }
  return isWebp(bytes) ? parseJson(readWebp(bytes)) : undefined;
}

/** The sidecar of an image path: `picture.webp` → `picture.webp.json`. */
export function sidecarPath(imagePath: string): string {
  return `${imagePath}.json`;
}

export function sidecarText(provenance: Provenance): string {
  return `${JSON.stringify(provenance, null, 2)}\n`;
}

export function parseSidecar(text: string): Provenance | undefined {
  return parseJson(text);
}

/** Our record is a few hundred bytes; a text chunk larger than this is someone else's, and is skipped. */
const MAX_TEXT_CHUNK = 1 << 20;

function readPngHead(read: ByteRangeReader): string | undefined {
  let at = 8;
  for (let count = 0; count < MAX_HEADERS; count++) {
    const header = read(at, 8);
    if (header.length < 8) {
      return undefined;
    }
    const length = u32be(header, 0);
    const type = String.fromCharCode(...header.subarray(4, 8));
    if (count === 0 && type !== 'IHDR') {
      return undefined;
    }
    if ((type === 'iTXt' || type === 'tEXt') && length <= MAX_TEXT_CHUNK) {
      const data = read(at + 8, length);
      if (data.length < length) {
        return undefined;
      }
      const value = textChunkValue({ type, start: at, end: at + 12 + length, data });
      if (value !== undefined) {
        return value;
      }
    }
    if (type === 'IEND') {
      return undefined;
    }
    // Every other chunk, the pixels (IDAT) among them, is skipped unread.
    at += 12 + length;
  }
  return undefined;
}

/**
 * The provenance inside an image, reading only what it must: the PNG chunk headers and the text
 * chunks (the pixel data is skipped, never read or decoded), or the JPEG header segments.
 */
export function readEmbeddedProvenanceFrom(read: ByteRangeReader): Provenance | undefined {
  const start = read(0, 8);
  if (isPng(start)) {
    return parseJson(readPngHead(read));
  }
  if (isJpeg(start)) {
    return parseJson(readJpegHead(read));
  }
  return isWebp(read(0, 16)) ? parseJson(readWebpHead(read)) : undefined;
}
