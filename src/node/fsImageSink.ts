import { makeMissingFolders } from './writableProbe';
import * as fs from 'fs';
import { SparkError } from '../core/spec/errors';
import { payloadFor } from '../core/job/payload';
import { GeneratedImage, ImageSink, SavedImage } from '../core/job/ports';
import { sidecarPath } from '../core/image/imageMetadata';
import { Provenance } from '../core/image/provenance';
import { FileName } from '../core/naming/uniqueName';
import { saveImage } from './uniqueFile';

export interface FsSinkOptions<T> {
  /** Where an image goes: the folder (made if missing) and the name (made unique there). */
  placeFor(image: GeneratedImage, target: T | undefined): { folder: string; name: FileName };
  /** What to record about it, when not all of the core's provenance is known (a bare resume). */
  recordedProvenance?(image: GeneratedImage): Provenance;
  /** An interrupt that arrives after the download saves nothing. */
  signal?: AbortSignal;
}

/** The ImageSink of the Node front ends (the CLI, the MCP server): never overwrites, provenance inside or beside. */
export class FsImageSink<T> implements ImageSink<T, string> {
  constructor(private readonly options: FsSinkOptions<T>) {}

  async save(image: GeneratedImage, target: T | undefined): Promise<SavedImage<string>> {
    if (this.options.signal?.aborted) {
      throw new SparkError('cancelled', 'Cancelled.');
    }
    const { folder, name } = this.options.placeFor(image, target);
    const provenance = this.options.recordedProvenance?.(image) ?? image.provenance;
    const payload = payloadFor({ ...image, provenance });
    makeMissingFolders(folder);
    const saved = saveImage(payload.bytes, folder, name);
    if (payload.sidecar !== undefined) {
      fs.writeFileSync(sidecarPath(saved), payload.sidecar);
    }
    return { location: saved, key: saved, link: image.provenance, sidecar: payload.sidecar !== undefined };
  }

  locate(key: string): string {
    return key;
  }
}
