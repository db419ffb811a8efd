/**
 * One conversion: the API's original → the planned format, width and quality, with the provenance
 * (and the transform) inside. A plain PNG at full width is written as it came, without decoding.
 */
import { embedProvenance } from '../../core/image/imageMetadata';
import { sniffImage } from '../../core/image/imageType';
import { OutputTransform, Provenance } from '../../core/image/provenance';
import { isPassThrough, OutputPlan } from '../../core/output/outputPlan';
import { transformFor } from '../../core/output/outputTransform';
import type { Codecs } from './codecTypes';
import { loadCodecs } from './loadCodecs';

export interface ConvertedImage {
  /** With the provenance inside. */
  bytes: Uint8Array;
  /** Undefined for today's default (png as the API sent it), so those files stay as they were. */
  transform?: OutputTransform;
}

const isDefault = (plan: OutputPlan) => plan.format === 'png' && plan.maxWidth === undefined;

/**
 * `source` is the API's original, or (a re-encode without the cache) a committed file; the
 * transform always counts from `original`, the size the API made.
 */
export async function convertImage(source: Uint8Array, plan: OutputPlan, provenance: Provenance, codecs?: () => Codecs): Promise<ConvertedImage> {
  const info = sniffImage(source);
  if (!info?.width || !info.height) {
    throw new Error('The image to convert is not a PNG, JPEG or WebP with a readable size.');
  }
  const original = provenance.output ? { width: provenance.output.originalWidth, height: provenance.output.originalHeight } : { width: info.width, height: info.height };
  const transform = isDefault(plan) && !provenance.output ? undefined : transformFor(plan, original);
  const record: Provenance = { ...provenance };
  delete record.output;
  if (transform) {
    record.output = transform;
  }
  const wanted = transform && transform.width < info.width ? transform : { width: info.width, height: info.height };
  // Lossy bytes are re-encoded only when something changes: a same-quality copy would only lose more.
  const sameEncoding = plan.format === 'png' || (provenance.output?.format === plan.format && provenance.output.quality === plan.quality);
  let bytes = source;
  if (!(isPassThrough(plan, info.format, info.width) && sameEncoding && wanted.width === info.width)) {
    const load = codecs ?? (() => loadCodecs());
    const decoded = await load().decode(source);
    const resized = wanted.width < decoded.width ? await load().resize(decoded, wanted.width, wanted.height) : decoded;
    bytes = await load().encode(resized, plan.format, plan.quality);
  }
  return { bytes: embedProvenance(bytes, record) ?? bytes, transform };
}
