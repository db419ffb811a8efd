import { asNumber, asRecord, asString } from './jsonFields';

/** What a finished task gives: its images (as links to download) and what it was billed. */

export interface ImageRef {
  url: string;
  /** The size the server announced, in bytes, if it did. */
  size?: number;
  jobId?: string;
}

export interface TaskUsage {
  /** usage.cost (a string of USD, or a number) as a number; quantity × unit_price when cost is absent. */
  costUsd?: number;
  discount?: number;
  generatedImages?: number;
  totalTokens?: number;
  /** The gateway's billing: units billed and the price of one, in USD. */
  quantity?: number;
  unitPriceUsd?: number;
}

const IMAGE_TYPES = new Set(['image', 'image_url']);

/** `url`, or OpenAI-style `image_url` as a string or {url}. */
function urlOf(content: Record<string, unknown>): string | undefined {
  return asString(content.url) ?? asString(content.image_url) ?? asString(asRecord(content.image_url)?.url);
}

export function imagesOf(task: Record<string, unknown>): { images: ImageRef[]; jobId?: string } {
  const images: ImageRef[] = [];
  let firstJobId: string | undefined;
  const outputs = Array.isArray(task.output) ? task.output : [];
  for (const outputValue of outputs) {
    const output = asRecord(outputValue);
    if (!output) {
      continue;
    }
    const outputJobId = asString(output.jobId) ?? asString(output.job_id);
    const contents = Array.isArray(output.content) ? output.content : [output];
    for (const contentValue of contents) {
      const content = asRecord(contentValue);
      const url = content ? urlOf(content) : undefined;
      if (!content || url === undefined) {
        continue;
      }
      // Anything typed as another medium (video, audio, text) is not ours; untyped is left to the download checks.
      const type = asString(content.type);
      if (type !== undefined && !IMAGE_TYPES.has(type.toLowerCase())) {
        continue;
      }
      const jobId = asString(content.jobId) ?? asString(content.job_id) ?? outputJobId;
      firstJobId ??= jobId;
      images.push({ url, size: asNumber(content.size) ?? asNumber(output.size), jobId });
    }
  }
  return { images, jobId: firstJobId ?? asString(task.jobId) ?? asString(task.job_id) };
}

export function usageOf(task: Record<string, unknown>): TaskUsage | undefined {
  const usage = asRecord(task.usage);
  if (!usage) {
    return undefined;
  }
  const quantity = asNumber(usage.quantity);
  const unitPriceUsd = asNumber(usage.unit_price);
  const billed = quantity !== undefined && unitPriceUsd !== undefined ? Math.round(quantity * unitPriceUsd * 1e6) / 1e6 : undefined;
  return {
    // A cost sent as "" or null (sea-sdk-go reads both: no price known) is no cost, not quantity × unit_price.
    costUsd: usage.cost === undefined ? billed : asNumber(usage.cost),
    discount: asNumber(usage.discount),
    generatedImages: asNumber(usage.generated_images),
    totalTokens: asNumber(usage.total_tokens),
    ...(quantity === undefined ? {} : { quantity }),
    ...(unitPriceUsd === undefined ? {} : { unitPriceUsd }),
  };
}
