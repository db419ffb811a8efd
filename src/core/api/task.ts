import { normalizeCode, sanitizeServerText } from '../spec/errors';
import { asNumber, asRecord, asString } from './jsonFields';
import { ImageRef, imagesOf, TaskUsage, usageOf } from './taskOutput';
import { mapStatus, TaskStatus } from './taskStatus';

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

/**
 * An error object in the body, at the task level or in the envelope. A top-level `error_code` (the
 * gateway's precise code, 40201 = no balance; seacloud-cli reads it beside `message` or `error`)
 * wins over a coarser `code` beside it.
 */
export function errorOf(body: unknown): { code?: string; message?: string } | undefined {
  const outer = asRecord(body);
  const inner = unwrapEnvelope(body);
  const topCode = normalizeCode(outer?.error_code);
  for (const candidate of [inner?.error, outer?.error]) {
    const error = asRecord(candidate);
    if (error) {
      const message = asString(error.error_message) ?? asString(error.message) ?? asString(error.msg);
      return {
        code: normalizeCode(error.error_code ?? error.code) ?? topCode,
        message: message === undefined ? undefined : sanitizeServerText(message),
      };
    }
    if (typeof candidate === 'string' && candidate.trim() !== '') {
      return { ...(topCode === undefined ? {} : { code: topCode }), message: sanitizeServerText(candidate) };
    }
  }
  // The gateway's {status: {code, message, error_code}}: error_code is the precise one (40201 = no balance).
  const status = asRecord(outer?.status);
  if (status && (status.error_code !== undefined || status.message !== undefined || status.code !== undefined)) {
    const message = asString(status.message) ?? asString(status.error_message);
    return { code: normalizeCode(status.error_code) ?? topCode ?? normalizeCode(status.code), message: message === undefined ? undefined : sanitizeServerText(message) };
  }
  // {error_code: 40201, message: "..."} with no error object: the code says what went wrong.
  if (outer && topCode !== undefined && taskIdOf(outer) === undefined) {
    const message = asString(outer.message) ?? asString(outer.error_message) ?? asString(outer.msg);
    return { code: topCode, message: message === undefined ? undefined : sanitizeServerText(message) };
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
