/**
 * The output transform a saved image records in its provenance (format, size, quality, and the
 * size the API made), and the "out of date: output" comparison that reads it back.
 */
import { OutputTransform, Provenance } from '../image/provenance';
import { OutputPlan, targetSize } from './outputPlan';

export type { OutputTransform } from '../image/provenance';

/** What converting an original of this size with this plan records. */
export function transformFor(plan: OutputPlan, original: { width: number; height: number }): OutputTransform {
  const size = targetSize(original.width, original.height, plan.maxWidth);
  const record: OutputTransform = { format: plan.format, width: size.width, height: size.height, originalWidth: original.width, originalHeight: original.height };
  if (plan.format !== 'png') {
    record.quality = plan.quality;
  }
  return record;
}

/** What an image on disk is: its recorded transform, else (older images, png as the API sent it) the API's size. */
export function transformOf(provenance: Provenance, fileFormat: string): OutputTransform {
  return provenance.output ?? { format: fileFormat === 'jpeg' || fileFormat === 'webp' ? fileFormat : 'png', width: provenance.width, height: provenance.height, originalWidth: provenance.width, originalHeight: provenance.height };
}

function describe(transform: Pick<OutputTransform, 'format' | 'width' | 'quality'>): string {
  return `${transform.format} ${transform.width} px${transform.quality !== undefined ? ` q${transform.quality}` : ''}`;
}

/** An output-only change between what an image is and what is wanted, as "webp 1200 px → webp 800 px"; undefined when none. */
export interface OutputChange {
  was: string;
  now: string;
  /** The wanted transform (from the same original). */
  wanted: OutputTransform;
  /** Whether the committed file alone can make it: no larger than it, and a lossless or same-format source. */
  fromCommittedFile: boolean;
}

export function outputChange(current: OutputTransform, plan: OutputPlan): OutputChange | undefined {
  const wanted = transformFor(plan, { width: current.originalWidth, height: current.originalHeight });
  if (wanted.format === current.format && wanted.width === current.width && wanted.quality === current.quality) {
    return undefined;
  }
  return { was: describe(current), now: describe(wanted), wanted, fromCommittedFile: wanted.width <= current.width };
}

/** An image out of date only by its output: what it was made from still matches, its format, width or quality does not. */
export interface OutputOutOfDate {
  state: 'output';
  provenance: Provenance;
  plan: OutputPlan;
  change: OutputChange;
}
