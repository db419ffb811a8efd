import { normalizeCode, sanitizeServerText } from '../spec/errors';

export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'unknown';

export interface ImageRef {
  url: string;
  /** The size the server announced, in bytes, if it did. */
  size?: number;
  jobId?: string;
}

export interface TaskUsage {
  /** usage.cost, a string of USD in the API, as a number; quantity × unit_price when only those came. */
  costUsd?: number;
  discount?: number;
  generatedImages?: number;
  totalTokens?: number;
  /** The gateway's billing: units billed and the price of one, in USD. */
  quantity?: number;
  unitPriceUsd?: number;
}

/** A task as the client understands it, whatever envelope or field names the server used. */
export interface TaskSnapshot {
  id?: string;
  status: TaskStatus;
  /** The status word the server sent, kept for logs when it is not one we know. */
  rawStatus?: string;
  error?: { code?: string; message?: string };
  images: ImageRef[];
  usage?: TaskUsage;
  jobId?: string;
  /** How far the task is, 0..1, when the server says (the gateway sends 0..1; some servers 0..100). */
  progress?: number;
  /** When the server created the task, epoch ms (the gateway sends unix seconds). */
  createdAtMs?: number;
}

const STATUS_WORDS: Record<string, TaskStatus> = {
  pending: 'queued',
  queued: 'queued',
  queueing: 'queued',
  submitted: 'queued',
  created: 'queued',
  waiting: 'queued',
  processing: 'running',
  running: 'running',
  in_progress: 'running',
  generating: 'running',
  started: 'running',
  completed: 'completed',
  complete: 'completed',
  succeeded: 'completed',
  success: 'completed',
  succeed: 'completed',
  done: 'completed',
  finished: 'completed',
  failed: 'failed',
  failure: 'failed',
  error: 'failed',
  cancelled: 'failed',
  canceled: 'failed',
  expired: 'failed',
};

export function mapStatus(raw: unknown): TaskStatus {
  if (typeof raw !== 'string') {
    return 'unknown';
  }
  const word = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  // Own words only: "__proto__" or "constructor" from a server must not reach Object.prototype.
  return Object.prototype.hasOwnProperty.call(STATUS_WORDS, word) ? STATUS_WORDS[word] : 'unknown';
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') {
    return value.trim();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return undefined;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}

/**
 * The task may come bare or wrapped as {code, message, data: {...}}. The wrapper's own code is a
 * transport status (0 or 200 on success), so only the inner object describes the task.
 */
export function unwrapEnvelope(body: unknown): Record<string, unknown> | undefined {
  const record = asRecord(body);
  if (!record) {
    return undefined;
  }
  const data = asRecord(record.data);
  if (data && record.status === undefined && (data.status !== undefined || data.id !== undefined || data.task_id !== undefined || data.taskId !== undefined || data.error !== undefined || data.output !== undefined)) {
    return data;
  }
  return record;
}

export function taskIdOf(task: Record<string, unknown>): string | undefined {
  return asString(task.id) ?? asString(task.task_id) ?? asString(task.taskId);
}

/** An error object in the body, at the task level or in the envelope. */
export function errorOf(body: unknown): { code?: string; message?: string } | undefined {
  const outer = asRecord(body);
  const inner = unwrapEnvelope(body);
  for (const candidate of [inner?.error, outer?.error]) {
    const error = asRecord(candidate);
    if (error) {
      const message = asString(error.error_message) ?? asString(error.message) ?? asString(error.msg);
      return {
        code: normalizeCode(error.code),
        message: message === undefined ? undefined : sanitizeServerText(message),
      };
    }
    if (typeof candidate === 'string' && candidate.trim() !== '') {
      return { message: sanitizeServerText(candidate) };
    }
  }
  // The gateway's {status: {code, message, error_code}}: error_code is the precise one (40201 = no balance).
  const status = asRecord(outer?.status);
  if (status && (status.error_code !== undefined || status.message !== undefined || status.code !== undefined)) {
    const message = asString(status.message) ?? asString(status.error_message);
    return { code: normalizeCode(status.error_code ?? status.code), message: message === undefined ? undefined : sanitizeServerText(message) };
  }
  // An envelope that reports failure in its own code, e.g. {code: 3002005, message: "..."} with no data.
  if (outer && inner === outer && outer.code !== undefined && outer.code !== 0 && outer.code !== 200 && outer.code !== '0' && outer.code !== '200' && asRecord(outer.data) === undefined && taskIdOf(outer) === undefined) {
    const message = asString(outer.message) ?? asString(outer.error_message);
    return { code: normalizeCode(outer.code), message: message === undefined ? undefined : sanitizeServerText(message) };
  }
  // A bare {message: "..."} that is not a task (no id, no status word): the gateway's plain error.
  if (outer && inner === outer && outer.code === undefined && taskIdOf(outer) === undefined && outer.status === undefined && outer.output === undefined) {
    const message = asString(outer.message) ?? asString(outer.error_message) ?? asString(outer.detail);
    if (message !== undefined) {
      return { message: sanitizeServerText(message) };
    }
  }
  return undefined;
}

const IMAGE_TYPES = new Set(['image', 'image_url']);

/** `url`, or OpenAI-style `image_url` as a string or {url}. */
function urlOf(content: Record<string, unknown>): string | undefined {
  return asString(content.url) ?? asString(content.image_url) ?? asString(asRecord(content.image_url)?.url);
}

function imagesOf(task: Record<string, unknown>): { images: ImageRef[]; jobId?: string } {
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

function usageOf(task: Record<string, unknown>): TaskUsage | undefined {
  const usage = asRecord(task.usage);
  if (!usage) {
    return undefined;
  }
  const quantity = asNumber(usage.quantity);
  const unitPriceUsd = asNumber(usage.unit_price);
  const billed = quantity !== undefined && unitPriceUsd !== undefined ? Math.round(quantity * unitPriceUsd * 1e6) / 1e6 : undefined;
  return {
    costUsd: asNumber(usage.cost) ?? billed,
    discount: asNumber(usage.discount),
    generatedImages: asNumber(usage.generated_images),
    totalTokens: asNumber(usage.total_tokens),
    ...(quantity === undefined ? {} : { quantity }),
    ...(unitPriceUsd === undefined ? {} : { unitPriceUsd }),
  };
}

/**
 * Progress as a fraction. The gateway reports 0..1; values above 1 up to 100 are read as percent
 * ("45%" too). Anything else is no progress at all rather than a guess.
 */
export function progressOf(raw: unknown): number | undefined {
  const text = typeof raw === 'string' ? raw.trim().replace(/%$/, '') : raw;
  const value = asNumber(text);
  if (value === undefined || value < 0 || value > 100) {
    return undefined;
  }
  const percent = typeof raw === 'string' && raw.trim().endsWith('%');
  return percent || value > 1 ? value / 100 : value;
}

/** created_at as unix seconds (the gateway), epoch ms, or an ISO 8601 string; epoch ms out. */
export function timestampOf(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0) {
    // Unix seconds stay below 1e11 until the year 5138; epoch ms are above it since 1973.
    return raw < 1e11 ? raw * 1000 : raw;
  }
  if (typeof raw === 'string' && raw.trim() !== '') {
    if (/^\d+(\.\d+)?$/.test(raw.trim())) {
      return timestampOf(Number(raw));
    }
    const parsed = Date.parse(raw);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** Reads a task from any of the shapes the server may use; undefined when it is not an object. */
export function parseTask(body: unknown): TaskSnapshot | undefined {
  const task = unwrapEnvelope(body);
  if (!task) {
    return undefined;
  }
  const rawStatus = asString(task.status) ?? asString(task.state) ?? asString(task.task_status);
  const { images, jobId } = imagesOf(task);
  const error = errorOf(body);
  let status = mapStatus(rawStatus);
  if (status === 'unknown' && rawStatus === undefined && error) {
    status = 'failed';
  }
  const progress = progressOf(task.progress);
  const createdAtMs = timestampOf(task.created_at ?? task.createdAt);
  return {
    id: taskIdOf(task),
    status,
    rawStatus,
    error,
    images,
    usage: usageOf(task),
    jobId,
    ...(progress === undefined ? {} : { progress }),
    ...(createdAtMs === undefined ? {} : { createdAtMs }),
  };
}
