import { createHash } from 'crypto';
import { PendingTask } from '../../core/job/ports';
import { GenerationRequest } from '../../core/spec/validation';

/**
 * What the task store keeps of one task, one JSON file each. `state` tells the kinds apart, so
 * later kinds (an intent written before the create, a directive's claim) can join without
 * changing these two.
 */
export type TaskRecord<T> = PendingRecord<T> | SavedRecord<T>;

/** A paid task whose image has not landed yet: everything needed to resume it in another process. */
export interface PendingRecord<T> extends PendingTask<T> {
  state: 'pending';
  /** The intent it was written for (its file may outlive a crash: then it is a leftover, not an unknown). */
  intentId?: string;
  /** The process working on it now; another run leaves a live one's task alone. */
  pid?: number;
}

/**
 * Written before the create is sent: what is about to be asked for and where it goes. Replaced by
 * the pending record once the create answers; one found later without it (its process gone) is
 * a create whose outcome is unknown: maybe billed.
 */
export interface IntentRecord<T> {
  state: 'intent';
  intentId: string;
  request: GenerationRequest;
  createdAt: number;
  target?: T;
  pid: number;
}

/**
 * A task whose image is saved: kept for a while so that resuming it again answers with the file
 * instead of downloading (and saving) a duplicate.
 */
export interface SavedRecord<T> extends Pick<PendingTask<T>, 'taskId' | 'request' | 'createdAt' | 'target'> {
  state: 'saved';
  /** Where the image was saved (the sink's key: an absolute path for the Node front ends). */
  path: string;
  savedAt: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * After a week a pending task (or intent) is stale: its image URLs have most likely expired. It is
 * still listed (`resume --list`) and resumed when asked for by id, but not resumed on its own.
 * A saved record is old news after a week and goes.
 */
export const TASK_RECORD_TTL_MS = 7 * DAY_MS;

/** When a stale pending task or intent is finally forgotten. */
export const STALE_RECORD_TTL_MS = 30 * DAY_MS;

/** When a record was last made current: a saved one by its saving, a pending one by its creation. */
export function recordTime(record: TaskRecord<unknown> | IntentRecord<unknown>): number {
  return record.state === 'saved' ? record.savedAt : record.createdAt;
}

/** Older than a week: listed, but not resumed on its own. */
export function isStale(record: TaskRecord<unknown> | IntentRecord<unknown>, now: number): boolean {
  return now - recordTime(record) > TASK_RECORD_TTL_MS;
}

/** Past keeping: a saved record after a week, a pending one or an intent after 30 days. */
export function isExpired(record: TaskRecord<unknown> | IntentRecord<unknown>, now: number): boolean {
  return now - recordTime(record) > (record.state === 'saved' ? TASK_RECORD_TTL_MS : STALE_RECORD_TTL_MS);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether parsed JSON is a record this version can use; anything else is set aside as corrupt. */
export function isTaskRecord(value: unknown): value is TaskRecord<unknown> {
  if (!isObject(value) || typeof value.taskId !== 'string' || typeof value.createdAt !== 'number' || !Number.isFinite(value.createdAt)) {
    return false;
  }
  if (!isObject(value.request) || typeof value.request.prompt !== 'string') {
    return false;
  }
  if (value.state === 'pending') {
    return (value.savedImage === undefined || typeof value.savedImage === 'string') && (value.pid === undefined || typeof value.pid === 'number');
  }
  return value.state === 'saved' && typeof value.path === 'string' && typeof value.savedAt === 'number' && Number.isFinite(value.savedAt);
}

const LONGEST_NAME = 180;

/**
 * The file name of a task's record: safe characters kept, every other byte %-escaped (a task id
 * can never name a path outside the folder, nor a name Windows refuses); a very long id is hashed.
 */
export function recordFileName(taskId: string): string {
  const escaped = Array.from(Buffer.from(taskId, 'utf8'))
    .map((byte) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
  const stem = escaped.length <= LONGEST_NAME ? escaped : `sha256-${createHash('sha256').update(taskId).digest('hex')}`;
  return `${stem}.json`;
}

/** Whether parsed JSON is an intent this version can use. */
export function isIntentRecord(value: unknown): value is IntentRecord<unknown> {
  return (
    isObject(value) &&
    value.state === 'intent' &&
    typeof value.intentId === 'string' &&
    /^[\w-]{1,100}$/.test(value.intentId) &&
    typeof value.createdAt === 'number' &&
    typeof value.pid === 'number' &&
    isObject(value.request) &&
    typeof value.request.prompt === 'string'
  );
}
