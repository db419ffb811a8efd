import { makeMissingFolders } from './writableProbe';
import * as fs from 'fs';
import { SparkError } from '../core/spec/errors';
import { payloadFor } from '../core/job/payload';
import { GeneratedImage, ImageSink, SavedImage } from '../core/job/ports';
import { sidecarPath } from '../core/image/imageMetadata';
import { Provenance } from '../core/image/provenance';
import { FileName } from '../core/naming/uniqueName';
import { OutputPlan } from '../core/output/outputPlan';
import { convertForSave } from './output/convertForSave';
import { OriginalsCache } from './output/originalsCache';
import { saveImage } from './uniqueFile';

export interface FsSinkOptions<T> {
  /** Where an image goes: the folder (made if missing) and the name (made unique there). Given the image as it will be written. */
  placeFor(image: GeneratedImage, target: T | undefined): { folder: string; name: FileName };
  /** What to record about it, when not all of the core's provenance is known (a bare resume). */
  recordedProvenance?(image: GeneratedImage): Provenance;
  /** The output asked for (format, width, quality); none, or png at full width: the image as the API sent it. */
  outputFor?(image: GeneratedImage, target: T | undefined): OutputPlan | undefined | Promise<OutputPlan | undefined>;
  /** Where the API's original is kept when the saved file is a conversion of it. */
  originals?: OriginalsCache;
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
    const provenance = this.options.recordedProvenance?.(image) ?? image.provenance;
    const written = await this.converted(image, provenance, target);
    const { folder, name } = this.options.placeFor(written, target);
    const payload = written === image ? payloadFor({ ...image, provenance }) : { bytes: written.bytes, sidecar: undefined };
    if (this.options.signal?.aborted) {
      throw new SparkError('cancelled', 'Cancelled.');
    }
    makeMissingFolders(folder);
    const saved = saveImage(payload.bytes, folder, name);
    if (payload.sidecar !== undefined) {
      fs.writeFileSync(sidecarPath(saved), payload.sidecar);
    }
    return { location: saved, key: saved, link: image.provenance, sidecar: payload.sidecar !== undefined };
  }

  /** The image as it will be written: converted (provenance inside, the original cached) when an output is asked for. */
  private async converted(image: GeneratedImage, provenance: Provenance, target: T | undefined): Promise<GeneratedImage> {
    const plan = await this.options.outputFor?.(image, target);
    return plan ? convertForSave(image, plan, provenance, this.options.originals) : image;
  }

  locate(key: string): string {
    return key;
  }
}
