import * as path from 'path';
import { SparkError } from '../core/errors';
import { DownloadedImage } from '../core/download';
import { ImageInfo } from '../core/imageType';
import { Provenance } from '../core/provenance';
import { Destination } from './destination';
import { FileName, withRealExtension } from './fileName';
import { CliIo } from './io';
import { saveImage } from './output';

/** Provenance as far as it is known: everything after generate, less after a bare resume. */
export type KnownProvenance = Partial<Provenance> & Pick<Provenance, 'tool' | 'taskId' | 'model'>;

export interface Delivery {
  destination: Destination;
  json: boolean;
  /** The generated name, when --out is a folder. */
  nameInFolder(info: ImageInfo, provenance: KnownProvenance): FileName;
}

export interface DeliverableImage extends DownloadedImage {
  provenance: KnownProvenance;
}

function summary(image: DeliverableImage): string {
  const { info, provenance } = image;
  const parts = [`saved ${info.width ?? '?'}×${info.height ?? '?'} ${info.format.toUpperCase()}, ${Math.ceil(image.bytes.byteLength / 1024)} KB`];
  if (provenance.seed !== undefined) {
    parts.push(`seed ${provenance.seed}`);
  }
  parts.push(`task ${provenance.taskId}`);
  if (provenance.jobId !== undefined) {
    parts.push(`job ${provenance.jobId}`);
  }
  if (provenance.costUsd !== undefined) {
    parts.push(`$${provenance.costUsd.toFixed(4)}`);
  }
  return parts.join(' · ');
}

function sizeMismatch(image: DeliverableImage): string | undefined {
  const { info, provenance } = image;
  if (info.width === undefined || provenance.width === undefined || (info.width === provenance.width && info.height === provenance.height)) {
    return undefined;
  }
  return `warning: the image is ${info.width}×${info.height}, not the ${provenance.width}×${provenance.height} requested.`;
}

function saveOne(image: DeliverableImage, delivery: Delivery, io: CliIo): string {
  const { destination } = delivery;
  const name = destination.kind === 'file' ? withRealExtension(destination.name, image.info) : delivery.nameInFolder(image.info, image.provenance);
  let saved: string;
  try {
    saved = saveImage(image.bytes, destination.folder, name);
  } catch (error) {
    throw new Error(`Could not save the image in ${destination.folder}: ${(error as Error).message}`);
  }
  const wanted = `${name.stem}.${name.extension}`;
  if (destination.kind === 'file' && wanted !== destination.name) {
    io.stderr.line(`note: named ${wanted}, because the image is ${image.info.format.toUpperCase()}.`);
  }
  if (path.basename(saved) !== wanted) {
    io.stderr.line(`note: ${wanted} already exists; saved as ${path.basename(saved)}.`);
  }
  return saved;
}

/**
 * Saves every image and reports it: a summary with the seed on stderr, the path (or, with --json,
 * {path, provenance}) on stdout. An interrupt that arrived after the download saves nothing.
 */
export function deliver(images: readonly DeliverableImage[], delivery: Delivery, io: CliIo): void {
  if (io.signal.aborted) {
    throw new SparkError('cancelled', 'Cancelled.');
  }
  for (const image of images) {
    const saved = saveOne(image, delivery, io);
    const mismatch = sizeMismatch(image);
    if (mismatch) {
      io.stderr.line(mismatch);
    }
    io.stderr.line(summary(image));
    io.stdout.write(`${delivery.json ? JSON.stringify({ path: saved, provenance: image.provenance }) : saved}\n`);
  }
}
