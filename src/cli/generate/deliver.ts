import * as fs from 'fs';
import * as path from 'path';
import { ImageInfo, sniffImage } from '../../core/image/imageType';
import { OutputPlan } from '../../core/output/outputPlan';
import { cliCacheFolder, OriginalsCache } from '../../node/output/originalsCache';
import { GeneratedImage, ImageSink, SavedImage } from '../../core/job/ports';
import { isSparkError } from '../../core/spec/errors';
import { Provenance } from '../../core/image/provenance';
import { formatBilledUsd } from '../../core/spend/pricing';
import { FsImageSink } from '../../node/fsImageSink';
import { writeFailureReason } from '../../node/writableProbe';
import { Destination } from './destination';
import { FileName } from '../../core/naming/uniqueName';
import { withRealExtension } from './fileName';
import { CliIo } from '../terminal/io';

/** Provenance as far as it is known: everything after generate, less after a bare resume. */
export type KnownProvenance = Partial<Provenance> & Pick<Provenance, 'tool' | 'taskId' | 'model'>;

export interface Delivery {
  destination: Destination;
  json: boolean;
  /** The generated name, when --out is a folder. */
  nameInFolder(info: ImageInfo, provenance: KnownProvenance): FileName;
  /** What is known of the provenance (all of it after generate). */
  known(image: GeneratedImage): KnownProvenance;
  /** The output asked for (--format, --max-width, --encode-quality, spark-image.json); none: as the API sent it. */
  output?: OutputPlan;
}

function summary(image: GeneratedImage, provenance: KnownProvenance): string {
  const { info } = image;
  const parts = [`saved ${info.width ?? '?'}×${info.height ?? '?'} ${info.format.toUpperCase()}, ${Math.ceil(image.bytes.byteLength / 1024)} KB`];
  if (provenance.seed !== undefined) {
    parts.push(`seed ${provenance.seed}`);
  }
  parts.push(`task ${provenance.taskId}`);
  if (provenance.jobId !== undefined) {
    parts.push(`job ${provenance.jobId}`);
  }
  if (provenance.costUsd !== undefined) {
    parts.push(formatBilledUsd(provenance.costUsd));
  }
  return parts.join(' · ');
}

function sizeMismatch(image: GeneratedImage, provenance: KnownProvenance): string | undefined {
  const { info } = image;
  if (info.width === undefined || provenance.width === undefined || (info.width === provenance.width && info.height === provenance.height)) {
    return undefined;
  }
  return `warning: the image is ${info.width}×${info.height}, not the ${provenance.width}×${provenance.height} requested.`;
}

/** The image was paid for and downloaded, but the disk refused it (full, gone, made read-only). */
export class SaveFailure extends Error {
  constructor(
    readonly folder: string,
    cause: unknown,
  ) {
    super(`Could not save the image in ${folder}: ${writeFailureReason(cause)}.`, { cause });
    this.name = 'SaveFailure';
  }
}

/**
 * The CLI's sink: --out as a file (its extension corrected to the real image type) or a folder
 * (the generated name); provenance inside the image or in a sidecar, as far as it is known.
 */
export function cliSink(delivery: Delivery, io: CliIo): ImageSink<never, string> {
  const { destination } = delivery;
  const sink = new FsImageSink<never>({
    signal: io.signal,
    placeFor: (image) => {
      const name = destination.kind === 'file' ? withRealExtension(destination.name, image.info) : delivery.nameInFolder(image.info, delivery.known(image));
      const wanted = `${name.stem}.${name.extension}`;
      if (destination.kind === 'file' && wanted !== destination.name) {
        io.stderr.line(`note: named ${wanted}, because the image is ${image.info.format.toUpperCase()}.`);
      }
      return { folder: destination.folder, name };
    },
    // A bare resume knows less than generate: what is not known is not recorded as if it were.
    recordedProvenance: (image) => delivery.known(image) as Provenance,
    outputFor: () => delivery.output,
    originals: new OriginalsCache(cliCacheFolder(io.env)),
  });
  return {
    // Checked writable before the create; a failure now came after paying, and says where.
    save: (image, target) => sink.save(image, target).catch((error: unknown) => Promise.reject(isSparkError(error) ? error : new SaveFailure(destination.folder, error))),
    locate: (key) => sink.locate(key),
  };
}

/** Reports what was saved: a summary with the seed on stderr, the path (or, with --json, {path, provenance}) on stdout. */
export function reportSaved(images: readonly GeneratedImage[], saved: ReadonlyArray<SavedImage<string>>, delivery: Delivery, io: CliIo): void {
  images.forEach((downloaded, index) => {
    const file = saved[index].location;
    // What was written: a conversion (--format, --max-width) is reported as saved, not as downloaded.
    const bytes = fs.readFileSync(file);
    const image = { ...downloaded, bytes, info: sniffImage(bytes) ?? downloaded.info };
    const provenance = delivery.known(image);
    const wanted = delivery.destination.kind === 'file' ? withRealExtension(delivery.destination.name, image.info) : delivery.nameInFolder(image.info, provenance);
    if (path.basename(file) !== `${wanted.stem}.${wanted.extension}`) {
      io.stderr.line(`note: ${wanted.stem}.${wanted.extension} already exists; saved as ${path.basename(file)}.`);
    }
    const mismatch = sizeMismatch(downloaded, provenance);
    if (mismatch) {
      io.stderr.line(mismatch);
    }
    io.stderr.line(summary(image, provenance));
    io.stdout.write(`${delivery.json ? JSON.stringify({ path: file, provenance }) : file}\n`);
  });
}
