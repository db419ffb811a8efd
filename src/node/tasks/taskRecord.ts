import { createHash } from 'crypto';
import { PendingTask } from '../../core/job/ports';

/**
 * What the task store keeps of one task, one JSON file each. `state` tells the kinds apart, so
 * later kinds (an intent written before the create, a directive's claim) can join without
 * changing these two.
 */
export type TaskRecord<T> = PendingRecord<T> | SavedRecord<T>;

/** A paid task whose image has not landed yet: everything needed to resume it in another process. */
export interface PendingRecord<T> extends PendingTask<T> {
  state: 'pending';
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

/** How long a record is kept: after a week a pending task's image URLs have long expired, and a saved one is old news. */
export const TASK_RECORD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** When a record was last made current: a saved one by its saving, a pending one by its creation. */
export function recordTime(record: TaskRecord<unknown>): number {
  return record.state === 'saved' ? record.savedAt : record.createdAt;
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
    return value.savedImage === undefined || typeof value.savedImage === 'string';
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
