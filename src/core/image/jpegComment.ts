/**
 * Provenance in a JPEG: one COM segment, "spark-image:" and the JSON, before the start of scan.
 * Pure: bytes in, bytes out; the header reader reads only the segments it must.
 */
import { concat } from '../base/bytes';
import { METADATA_KEYWORD } from './imageMetadataKeyword';
import { END_OF_IMAGE, jpegMarkers, START_OF_SCAN } from './jpegMarkers';

const COM_PREFIX = `${METADATA_KEYWORD}:`;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Reads `length` bytes at `offset` of an image file; fewer at its end. */
export type ByteRangeReader = (offset: number, length: number) => Uint8Array;

/** Chunks or segments looked at before giving up on a file (a damaged length could loop for long). */
export const MAX_HEADERS = 100_000;

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

interface JpegSegment {
  marker: number;
  start: number;
  end: number;
  data: Uint8Array;
}

/** Segments from SOI up to (not including) the start of scan. */
function jpegHeaderSegments(bytes: Uint8Array): JpegSegment[] | undefined {
  const segments: JpegSegment[] = [];
  for (const { marker, start, length } of jpegMarkers(bytes)) {
    if (marker === START_OF_SCAN || marker === END_OF_IMAGE) {
      return segments;
    }
    const end = start + 2 + length;
    if (length < 2 || end > bytes.length) {
      return undefined;
    }
    segments.push({ marker, start, end, data: bytes.subarray(start + 4, end) });
  }
  // Cut short, or a byte that starts no marker: no header we could rewrite.
  return undefined;
}

function isOurComment(segment: JpegSegment): boolean {
  return segment.marker === 0xfe && decoder.decode(segment.data.subarray(0, COM_PREFIX.length)) === COM_PREFIX;
}

export function embedJpeg(bytes: Uint8Array, json: string): Uint8Array | undefined {
  const segments = jpegHeaderSegments(bytes);
  const payload = encoder.encode(COM_PREFIX + json);
  if (!segments || payload.length > 0xffff - 2) {
    return undefined;
  }
  const comment = new Uint8Array(4 + payload.length);
  comment.set([0xff, 0xfe, ((payload.length + 2) >> 8) & 0xff, (payload.length + 2) & 0xff]);
  comment.set(payload, 4);
  // After the APPn segments (JFIF wants APP0 first), before everything else.
  let insertAt = 2;
  for (const segment of segments) {
    if (segment.marker >= 0xe0 && segment.marker <= 0xef) {
      insertAt = segment.end;
    } else {
      break;
    }
  }
  const parts: Uint8Array[] = [bytes.subarray(0, insertAt), comment];
  let at = insertAt;
  for (const segment of segments) {
    if (segment.start < insertAt) {
      continue;
    }
    if (isOurComment(segment)) {
      parts.push(bytes.subarray(at, segment.start));
      at = segment.end;
    }
  }
  parts.push(bytes.subarray(at));
  return concat(parts);
}

export function readJpeg(bytes: Uint8Array): string | undefined {
  const segment = jpegHeaderSegments(bytes)?.find(isOurComment);
  return segment ? decoder.decode(segment.data.subarray(COM_PREFIX.length)) : undefined;
}

/** Whether provenance can live inside images of these bytes (else: a sidecar). */

export function readJpegHead(read: ByteRangeReader): string | undefined {
  let at = 2;
  for (let count = 0; count < MAX_HEADERS; count++) {
    const header = read(at, 4);
    if (header.length < 4 || header[0] !== 0xff) {
      return undefined;
    }
    const marker = header[1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      return undefined;
    }
    const length = (header[2] << 8) | header[3];
    if (length < 2) {
      return undefined;
    }
    if (marker === 0xfe) {
      const data = read(at + 4, length - 2);
      if (decoder.decode(data.subarray(0, COM_PREFIX.length)) === COM_PREFIX) {
        return decoder.decode(data.subarray(COM_PREFIX.length));
      }
    }
    at += 2 + length;
  }
  return undefined;
}
