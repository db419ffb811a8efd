/**
 * The image a sink writes when an output is asked for: converted (the provenance and its transform
 * inside), and the API's original kept in the originals cache so a later change of format or width
 * costs no request. Shared by the Node sinks and the editor's (through its lazy bundle).
 */
import type { GeneratedImage } from '../../core/job/ports';
import { sniffImage } from '../../core/image/imageType';
import type { Provenance } from '../../core/image/provenance';
import { isAsSent, OutputPlan } from '../../core/output/outputPlan';
import { convertImage } from './convertImage';
import type { OriginalsCache } from './originalsCache';

/** `image` itself when nothing but the default is asked for (png as the API sent it). */
export async function convertForSave(image: GeneratedImage, plan: OutputPlan, provenance: Provenance, originals?: OriginalsCache): Promise<GeneratedImage> {
  if (isAsSent(plan)) {
    return image;
  }
  const converted = await convertImage(image.bytes, plan, provenance);
  const info = sniffImage(converted.bytes);
  if (!info) {
    throw new Error(`The ${plan.format} encoder gave bytes that are not an image.`);
  }
  if (converted.transform) {
    originals?.put(provenance.taskId, image.bytes, provenance.imageIndex);
  }
  return { ...image, bytes: converted.bytes, info, provenance: { ...image.provenance, ...(converted.transform ? { output: converted.transform } : {}) } };
}
