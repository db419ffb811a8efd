// Tasks and their lifecycle. A task's phase is computed from the clock on each poll, so the mock
// needs no timers at all (nothing to clean up, nothing to keep mocha alive).
import { createHash, randomBytes, randomInt } from 'crypto';
import { makePicture } from './picture';
import { encodePng } from './png';
import { encodeJpeg } from './jpeg';
import { DEFAULTS, formatCode, isGateway, statusWord, type Phase, type Scenario } from './scenario';
import { FAILURE_MESSAGES, MAX_SEED, type GenerationParams } from './validation';
import { servedSize } from './images';

export interface StoredImage {
  bytes: Buffer;
  contentType: string;
  ext: string;
  jobId: string;
}

export interface Task {
  id: string;
  params: GenerationParams;
  /** The seed actually used: the requested one, or one the mock picked for -1. */
  effectiveSeed: number;
  scenario: Scenario;
  createdAt: number;
  /** Poll-fault and image-fault firings so far (faults fire `times` times per task). */
  pollFaultsFired: number;
  imageFaultsFired: number;
  /** Rendered at the first poll that sees the task completed. */
  images?: StoredImage[];
}

/** A task as tests see it: its parameters after defaults, the seed actually used and its scenario. */
export interface TaskInfo extends GenerationParams {
  id: string;
  effectiveSeed: number;
  scenario: Scenario;
  createdAt: number;
}

export function taskInfo(task: Task): TaskInfo {
  return { id: task.id, ...task.params, effectiveSeed: task.effectiveSeed, scenario: task.scenario, createdAt: task.createdAt };
}

/** 1K sizes (up to 1328×1328 pixels) cost $0.03 an image, larger (2K) ones $0.06. */
const ONE_K_PIXELS = 1328 * 1328;

export function createTask(params: GenerationParams, scenario: Scenario, now: number): Task {
  return {
    id: `task_${randomBytes(12).toString('hex')}`,
    params,
    effectiveSeed: params.seed === -1 ? randomInt(0, MAX_SEED) : params.seed,
    scenario,
    createdAt: now,
    pollFaultsFired: 0,
    imageFaultsFired: 0,
  };
}

export function phaseOf(task: Task, now: number): Phase {
  const s = task.scenario;
  if (s.immediate) return s.fail ? 'failed' : 'completed';
  const elapsed = now - task.createdAt;
  const queuedMs = s.queuedMs ?? DEFAULTS.queuedMs;
  const durationMs = s.durationMs ?? DEFAULTS.durationMs;
  if (elapsed < queuedMs && (s.never || elapsed < durationMs)) return 'queued';
  if (s.never || elapsed < durationMs) return 'running';
  return s.fail ? 'failed' : 'completed';
}

// A few rendered images, so repeated tests with the same request do not re-encode.
const cache = new Map<string, Buffer>();
function render(format: 'png' | 'jpeg', prompt: string, seed: number, index: number, width: number, height: number): Buffer {
  const key = JSON.stringify([format, prompt, seed, index, width, height]);
  let bytes = cache.get(key);
  if (!bytes) {
    const picture = makePicture(prompt, seed, index, width, height);
    bytes = format === 'jpeg' ? encodeJpeg(picture) : encodePng(picture);
    if (cache.size >= 16) cache.delete(cache.keys().next().value as string);
    cache.set(key, bytes);
  }
  return bytes;
}

/** How many images a completed task holds: emptyOutput means "no images" in that shape, whatever `images` says. */
function imageCount(task: Task): number {
  return task.scenario.emptyOutput ? 0 : task.scenario.images ?? DEFAULTS.images;
}

/** What the task costs, in cents: $0.03 an image up to 1K, $0.06 above; a task that fails costs nothing. */
export function costCentsOf(task: Task): number {
  if (task.scenario.fail) return 0;
  const { width, height } = task.params;
  return (width * height > ONE_K_PIXELS ? 6 : 3) * imageCount(task);
}

export function imagesOf(task: Task): StoredImage[] {
  if (!task.images) {
    const format = task.scenario.format ?? 'png';
    const { prompt, width, height } = task.params;
    const count = imageCount(task);
    task.images = Array.from({ length: count }, (_, n) => ({
      bytes: render(format, prompt, task.effectiveSeed, n, width, height),
      contentType: format === 'jpeg' ? 'image/jpeg' : 'image/png',
      ext: format === 'jpeg' ? 'jpg' : 'png',
      jobId: `job_${createHash('sha256').update(`${task.id}/${n}`).digest('hex').slice(0, 16)}`,
    }));
  }
  return task.images;
}

function imageUrl(task: Task, n: number, image: StoredImage, imageBaseUrl: string): string {
  switch (task.scenario.imageUrl ?? 'served') {
    case 'data':
      return `data:image/png;base64,${encodePng(makePicture('data', 0, 0, 8, 8)).toString('base64')}`;
    case 'file':
      return 'file:///etc/passwd';
    case 'javascript':
      return 'javascript:alert(document.domain)';
    case 'remote':
      return 'http://203.0.113.5/x.png';
    case 'served':
      return `${imageBaseUrl}/images/${task.id}/${n}.${image.ext}`;
  }
}

/** 0..1 from create to completion (0 while queued), two decimals, as the gateway reports it. */
function progressOf(task: Task, phase: Phase, now: number): number {
  if (phase === 'completed' || phase === 'failed') return 1;
  if (phase === 'queued') return 0;
  const durationMs = task.scenario.durationMs ?? DEFAULTS.durationMs;
  const fraction = task.scenario.never ? 0.5 : (now - task.createdAt) / Math.max(1, durationMs);
  return Math.floor(Math.min(0.99, Math.max(0, fraction)) * 100) / 100;
}

/** usage.cost in the scenario's form: the gateway's 4-decimal string unless it asks for another. */
function costOf(s: Scenario, cents: number): string | number | null {
  switch (s.cost ?? 'string') {
    case 'string':
      return (cents / 100).toFixed(4);
    case 'number':
      return cents / 100;
    case 'empty':
      return '';
    case 'null':
      return null;
  }
}

/** The body a poll (and, on the gateway, the create) returns before the envelope, in the task's scenario's shape. */
export function taskBody(task: Task, now: number, imageBaseUrl: string): Record<string, unknown> {
  const s = task.scenario;
  const phase = phaseOf(task, now);
  const gateway = isGateway(s);
  const body: Record<string, unknown> = {
    [s.idField ?? 'id']: task.id,
    status: statusWord(s, phase),
    // The gateway sends unix seconds; the flat reading keeps ISO 8601.
    created_at: gateway ? Math.floor(task.createdAt / 1000) : new Date(task.createdAt).toISOString(),
  };
  if (gateway) body.model = task.params.model;
  const progress = s.progress ?? (gateway ? 'fraction' : 'none');
  const ended = phase === 'completed' || phase === 'failed';
  if (progress !== 'none' && !(ended && s.endedProgress === 'absent')) {
    const fraction = progressOf(task, phase, now);
    body.progress = progress === 'percent' ? Math.round(fraction * 100) : fraction;
  }
  if (phase === 'failed') {
    const code = s.fail?.code ?? 3002095;
    const error: Record<string, unknown> = { code: formatCode(s, code) };
    const message = s.fail?.message === undefined ? FAILURE_MESSAGES[Number(code)] ?? 'Unknown error' : s.fail.message;
    if (message !== null) error[s.taskError === 'message' ? 'message' : 'error_message'] = message;
    body.error = s.taskError === 'string' ? message ?? 'Unknown error' : error;
  }
  if (phase === 'completed') {
    const images = imagesOf(task);
    const content = images.map((image, n) => ({
      ...(s.contentType === 'none' ? {} : { type: s.contentType ?? 'image' }),
      url: imageUrl(task, n, image, imageBaseUrl),
      size: s.image?.reportedSize ?? servedSize(s.image, image.bytes),
      jobId: image.jobId,
    }));
    if (images.length > 0 || (s.emptyOutput ?? 'empty-content') === 'empty-content') body.output = [{ content }];
    else if (s.emptyOutput === 'empty-output') body.output = [];
    const cents = costCentsOf(task);
    body.usage = {
      cost: costOf(s, cents),
      // The gateway's billing: units and the price of one.
      quantity: images.length,
      unit_price: (cents / 100 / Math.max(1, images.length)).toFixed(4),
      discount: s.discount ?? 0,
      input_tokens: 0,
      output_tokens: 0,
      // "uses comfyui_cost": the mock's reading is the cost in units of $0.0001.
      total_tokens: cents * 100,
      generated_images: images.length,
    };
  }
  return body;
}
