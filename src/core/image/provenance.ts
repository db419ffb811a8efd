import { GenerationRequest } from '../spec/validation';
import { ImageFormat } from './imageType';

/** How the saved file was made from the API's original: its format, its size and, for lossy formats, the quality. */
export interface OutputTransform {
  format: ImageFormat;
  width: number;
  height: number;
  quality?: number;
  /** The size of the image the API returned. */
  originalWidth: number;
  originalHeight: number;
}

/**
 * Everything needed to make the same image again and to account for it. Plain JSON: it is stored
 * next to the image, in history and in pending-task records.
 */
/** The house style a prompt was made with (spark-image.json): its name and template as they were. */
export interface ProvenanceStyle {
  name: string;
  template: string;
}

export interface Provenance {
  tool: 'spark-image';
  /** The prompt sent (with the house style applied, when there was one). */
  prompt: string;
  /** What the user wrote, when a house style made `prompt` out of it; out-of-date checks compare this. */
  userPrompt?: string;
  style?: ProvenanceStyle;
  seed: number;
  width: number;
  height: number;
  model: string;
  usePreLlm: boolean;
  taskId: string;
  jobId?: string;
  /** USD, from usage.cost. */
  costUsd?: number;
  discount?: number;
  generatedImages?: number;
  createdAt: string;
  completedAt: string;
  /** Which of the task's images this file holds, when there are several. */
  imageIndex?: number;
  /** Absent: the file is the API's image as it came (every image saved before output options). */
  output?: OutputTransform;
}

export function provenanceOf(
  request: GenerationRequest,
  taskId: string,
  createdAt: number,
  completedAt: number,
  extra: Pick<Provenance, 'jobId' | 'costUsd' | 'discount' | 'generatedImages'>,
): Provenance {
  const record: Provenance = {
    tool: 'spark-image',
    prompt: request.prompt,
    seed: request.seed,
    width: request.width,
    height: request.height,
    model: request.model,
    usePreLlm: request.use_pre_llm,
    taskId,
    createdAt: new Date(createdAt).toISOString(),
    completedAt: new Date(completedAt).toISOString(),
  };
  for (const [key, value] of Object.entries(extra) as Array<[keyof typeof extra, string | number | undefined]>) {
    if (value !== undefined) {
      (record as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return record;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Reads provenance from stored JSON, refusing anything that is not one. */
export function parseProvenance(value: unknown): Provenance | undefined {
  if (value === null || typeof value !== 'object') {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  if (
    record.tool !== 'spark-image' ||
    typeof record.prompt !== 'string' ||
    !isFiniteNumber(record.seed) ||
    !isFiniteNumber(record.width) ||
    !isFiniteNumber(record.height) ||
    typeof record.model !== 'string' ||
    typeof record.usePreLlm !== 'boolean' ||
    typeof record.taskId !== 'string'
  ) {
    return undefined;
  }
  const style = record.style as Record<string, unknown> | undefined;
  if ((record.userPrompt !== undefined && typeof record.userPrompt !== 'string') || (style !== undefined && (style === null || typeof style.name !== 'string' || typeof style.template !== 'string'))) {
    return undefined;
  }
  if (record.output !== undefined && !isTransform(record.output)) {
    // A damaged transform says nothing: the rest still tells how the image was made.
    const { output: _ignored, ...rest } = record;
    return rest as unknown as Provenance;
  }
  return record as unknown as Provenance;
}

function isTransform(value: unknown): value is OutputTransform {
  const record = value as Record<string, unknown> | null;
  return (
    typeof record === 'object' && record !== null &&
    (record.format === 'png' || record.format === 'webp' || record.format === 'jpeg') &&
    [record.width, record.height, record.originalWidth, record.originalHeight].every(isFiniteNumber) &&
    (record.quality === undefined || isFiniteNumber(record.quality))
  );
}

/** The provenance of an image made from a styled prompt: what the user wrote and the style, beside the prompt sent. */
export function withStyle(provenance: Provenance, styled: { userPrompt: string; style?: ProvenanceStyle }): Provenance {
  return styled.style ? { ...provenance, userPrompt: styled.userPrompt, style: { name: styled.style.name, template: styled.style.template } } : provenance;
}
