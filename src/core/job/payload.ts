import { canEmbed, embedProvenance, sidecarText } from '../image/imageMetadata';
import { GeneratedImage } from './ports';

/** What a sink writes: the image, with its provenance inside or, when the bytes cannot carry it, beside it. */
export interface ImagePayload {
  bytes: Uint8Array;
  /** The JSON sidecar's text, when the provenance does not fit in the image itself. */
  sidecar?: string;
}

/** Decided by the bytes (PNG and JPEG carry it inside), never by a file name. */
export function payloadFor(image: GeneratedImage): ImagePayload {
  const embedded = canEmbed(image.bytes) ? embedProvenance(image.bytes, image.provenance) : undefined;
  return embedded ? { bytes: embedded } : { bytes: image.bytes, sidecar: sidecarText(image.provenance) };
}
