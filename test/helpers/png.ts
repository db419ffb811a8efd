// PNG bytes in tests: the size a PNG declares, and a small PNG built around given pixel bytes.
// The mock keeps its own encoder (test/mock/png.ts): it must not share code with what it tests.
import * as assert from 'assert';
import * as fs from 'fs';
import { pngChunk } from '../../src/core/image/imageMetadata';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from IHDR, once the signature, IHDR first and IEND last are checked. */
export function pngSize(bytes: Uint8Array, what = 'the bytes'): { width: number; height: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  assert.deepStrictEqual([...buffer.subarray(0, 8)], SIGNATURE, `${what}: no PNG signature`);
  assert.strictEqual(buffer.toString('latin1', 12, 16), 'IHDR', `${what}: IHDR is not the first chunk`);
  assert.strictEqual(buffer.toString('latin1', buffer.length - 8, buffer.length - 4), 'IEND', `${what}: IEND is not the last chunk`);
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/** The size a PNG file declares, checked as {@link pngSize} checks bytes. */
export function pngFileSize(file: string): { width: number; height: number } {
  return pngSize(fs.readFileSync(file), file);
}

/**
 * Signature, IHDR (8-bit RGB), one IDAT holding `pixels` as they are, IEND: every chunk and CRC is
 * valid, but the pixels are never compressed, so only readers of the chunks may be shown it.
 */
export function pngAround(width: number, height: number, pixels: Uint8Array = new Uint8Array(0)): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  return Buffer.concat([Buffer.from(SIGNATURE), pngChunk('IHDR', ihdr), pngChunk('IDAT', pixels), pngChunk('IEND', new Uint8Array(0))]);
}
