import * as fs from 'fs';
import { parseSidecar, readEmbeddedProvenanceFrom, sidecarPath } from '../../core/image/imageMetadata';
import { Provenance } from '../../core/image/provenance';

/** Bytes read from image files by readProvenanceFile since the process started (the bench reports it). */
export const imageBytesRead = { total: 0 };

/**
 * The provenance of an image file: inside it (PNG text chunk or JPEG comment, read by their headers
 * without touching the pixels), else in its sidecar. Undefined when neither has one.
 */
export function readProvenanceFile(file: string): Provenance | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const embedded = readEmbeddedProvenanceFrom((offset, length) => {
      const buffer = Buffer.alloc(length);
      const read = fs.readSync(fd, buffer, 0, length, offset);
      imageBytesRead.total += read;
      return buffer.subarray(0, read);
    });
    if (embedded) {
      return embedded;
    }
  } catch {
    // A damaged file: no provenance, then.
  } finally {
    fs.closeSync(fd);
  }
  try {
    return parseSidecar(fs.readFileSync(sidecarPath(file), 'utf8'));
  } catch {
    return undefined;
  }
}
