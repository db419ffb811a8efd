/**
 * The editor's conversion code: its own bundle (dist/editorOutput.js, esbuild.js), required by
 * lazyOutput.ts the first time an image is converted or re-encoded, so extension.js carries none
 * of it and activation loads none of it. The codecs themselves are a further bundle in a worker
 * (src/node/output/loadCodecs.ts).
 */
import type { GeneratedImage } from '../../core/job/ports';
import type { Provenance } from '../../core/image/provenance';
import type { OutputPlan } from '../../core/output/outputPlan';
import type { OutputChange } from '../../core/output/outputTransform';
import { ReencodeSource, reencodeSourceFor } from '../../core/output/reencodeSource';
import { convertForSave } from '../../node/output/convertForSave';
import { convertImage } from '../../node/output/convertImage';
import { globalStorageCacheFolder, OriginalsCache } from '../../node/output/originalsCache';

/** Where the editor keeps originals: the global storage's own folder, and the cap (0: none kept). */
export interface CacheSpec {
  globalStoragePath: string;
  maxBytes: number;
}

function cacheOf(spec: CacheSpec | undefined): OriginalsCache | undefined {
  return spec && spec.maxBytes > 0 ? new OriginalsCache(globalStorageCacheFolder(spec.globalStoragePath), spec.maxBytes) : undefined;
}

/** The image as it will be written (converted, its original cached), or `image` itself for png as sent. */
export function convertedForSave(image: GeneratedImage, plan: OutputPlan, cache: CacheSpec | undefined): Promise<GeneratedImage> {
  return convertForSave(image, plan, image.provenance, cacheOf(cache));
}

/** Whether a re-encode can be made without a request, and from what. */
export function reencodeSourceOf(provenance: Provenance, change: OutputChange, cache: CacheSpec | undefined): ReencodeSource | undefined {
  return reencodeSourceFor(cacheOf(cache)?.has(provenance.taskId, provenance.imageIndex) === true, change);
}

/** Re-encodes without a request: from the cached original, else the committed file; undefined when neither may be used. */
export async function reencode(committed: Uint8Array, provenance: Provenance, plan: OutputPlan, change: OutputChange, cache: CacheSpec | undefined): Promise<{ bytes: Uint8Array; source: ReencodeSource } | undefined> {
  const original = cacheOf(cache)?.get(provenance.taskId, provenance.imageIndex);
  const source = reencodeSourceFor(original !== undefined, change);
  if (!source) {
    return undefined;
  }
  const converted = await convertImage(original ?? committed, plan, provenance);
  return { bytes: converted.bytes, source };
}
