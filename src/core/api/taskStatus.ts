/** The few states a task can be in, whatever words the server uses for them. */
export type TaskStatus = 'queued' | 'running' | 'completed' | 'failed' | 'unknown';

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
