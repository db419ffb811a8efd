import { normalizeCode, sanitizeServerText } from './errors';

export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'unknown';

export interface ImageRef {
  url: string;
  /** The size the server announced, in bytes, if it did. */
  size?: number;
  jobId?: string;
}

export interface TaskUsage {
  /** usage.cost, a string of USD in the API, as a number. */
  costUsd?: number;
  discount?: number;
  generatedImages?: number;
  totalTokens?: number;
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
  return STATUS_WORDS[raw.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? 'unknown';
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
  // An envelope that reports failure in its own code, e.g. {code: 3002005, message: "..."} with no data.
  if (outer && inner === outer && outer.code !== undefined && outer.code !== 0 && outer.code !== 200 && outer.code !== '0' && outer.code !== '200' && asRecord(outer.data) === undefined && taskIdOf(outer) === undefined) {
    const message = asString(outer.message) ?? asString(outer.error_message);
    return { code: normalizeCode(outer.code), message: message === undefined ? undefined : sanitizeServerText(message) };
  }
  return undefined;
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
      const url = content ? asString(content.url) : undefined;
      if (!content || url === undefined) {
        continue;
      }
      const type = asString(content.type);
      if (type !== undefined && type.toLowerCase() !== 'image') {
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
  return {
    costUsd: asNumber(usage.cost),
    discount: asNumber(usage.discount),
    generatedImages: asNumber(usage.generated_images),
    totalTokens: asNumber(usage.total_tokens),
  };
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
  return { id: taskIdOf(task), status, rawStatus, error, images, usage: usageOf(task), jobId };
}
