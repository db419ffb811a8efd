import { SparkError } from '../../core/spec/errors';
import { CreatedTask } from '../../core/job/generate';
import { ImageInfo } from '../../core/image/imageType';
import { Provenance } from '../../core/image/provenance';
import { DEFAULT_DEADLINE_MS, NOT_FOUND_GRACE_MS } from '../../core/polling/polling';
import { MODEL_ID, RANDOM_SEED } from '../../core/spec/spec';
import { validateInput } from '../../core/spec/validation';
import { ResumeCommand } from '../commandTypes';
import { KnownProvenance } from './deliver';
import { KnownRequest } from './resumeHint';

// Stands in for a prompt the user did not repeat, so the other fields can still be checked.
const PLACEHOLDER_PROMPT = 'unknown';

/** What the user told resume about the original request, checked by the same rules as generate. */
export function knownRequest(command: ResumeCommand): KnownRequest {
  const { request, prompt } = command;
  const result = validateInput({ prompt: prompt ?? PLACEHOLDER_PROMPT, width: request.width, height: request.height, seed: request.seed, usePreLlm: request.usePreLlm });
  if (!result.ok) {
    throw new SparkError('validation', result.errors.map((issue) => issue.message).join('\n'), { code: result.errors[0].code });
  }
  const known: KnownRequest = {};
  if (prompt !== undefined) {
    known.prompt = result.request.prompt;
  }
  if (request.seed !== undefined && result.request.seed !== RANDOM_SEED) {
    known.seed = result.request.seed;
  }
  if (request.width !== undefined) {
    known.width = result.request.width;
    known.height = result.request.height;
  }
  if (request.usePreLlm !== undefined) {
    known.usePreLlm = request.usePreLlm;
  }
  return known;
}

/**
 * A task whose creation time is not stored counts as older than the grace a task created moments
 * ago gets: the service not knowing it is then final at once ("no such task"), not a reason to ask
 * for 10 s more. The deadline is lengthened by as much (resumeDeadlineMs).
 */
export const UNKNOWN_CREATION_AGE_MS = NOT_FOUND_GRACE_MS + 1000;

/** How long resume waits, counted like the core counts it: from the (assumed) creation. */
export function resumeDeadlineMs(timeoutSeconds: number | undefined): number {
  return (timeoutSeconds === undefined ? DEFAULT_DEADLINE_MS : timeoutSeconds * 1000) + UNKNOWN_CREATION_AGE_MS;
}

/**
 * The core wants a full request to resume; fields the user did not give are placeholders, and
 * knownProvenance removes them again from what is reported. Its creation time is not known either
 * (see UNKNOWN_CREATION_AGE_MS).
 */
export function createdTaskFor(taskId: string, known: KnownRequest, now: number): CreatedTask {
  return {
    taskId,
    request: {
      model: MODEL_ID,
      prompt: known.prompt ?? '',
      seed: known.seed ?? RANDOM_SEED,
      width: known.width ?? 0,
      height: known.height ?? 0,
      use_pre_llm: known.usePreLlm ?? false,
    },
    createdAt: now - UNKNOWN_CREATION_AGE_MS,
  };
}

/** The core's provenance with the placeholders dropped; the size falls back to the image's own. */
export function knownProvenance(full: Provenance, known: KnownRequest, info: ImageInfo): KnownProvenance {
  // createdAt is the moment of the resume, not of the task: it is left out too.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out on purpose
  const { prompt, seed, width, height, usePreLlm, createdAt, ...certain } = full;
  const result: KnownProvenance = { ...certain };
  if (known.prompt !== undefined) {
    result.prompt = prompt;
  }
  if (known.seed !== undefined) {
    result.seed = seed;
  }
  if (known.usePreLlm !== undefined) {
    result.usePreLlm = usePreLlm;
  }
  result.width = known.width !== undefined ? width : info.width;
  result.height = known.height !== undefined ? height : info.height;
  return result;
}
