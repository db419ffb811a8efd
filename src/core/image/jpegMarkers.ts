import { u16be } from '../base/bytes';

/** One marker of a JPEG header: its code, where it starts (the 0xFF) and its segment length field. */
export interface JpegMarker {
  marker: number;
  start: number;
  /** The segment's length field: its own two bytes and the data after them. */
  length: number;
}

export const START_OF_SCAN = 0xda;
export const END_OF_IMAGE = 0xd9;

/**
 * The markers after SOI, in order, skipping fill bytes; it stops at a byte that starts no marker or
 * at the end of the bytes. Readers decide how strict to be (a cut-short header, a bad length).
 */
export function* jpegMarkers(bytes: Uint8Array): Generator<JpegMarker> {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = u16be(bytes, at + 2);
    yield { marker, start: at, length };
    at += 2 + length;
  }
}
