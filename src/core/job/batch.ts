/**
 * Runs many jobs with at most N at a time. Pure: it knows nothing of images; the worker does the
 * work. One failure never stops the others, unless it is one the caller says every later job would
 * repeat (a rejected key, no balance): then no new job starts, and the running ones finish (they may
 * be paid already). A cancel stops starting new jobs and tells running ones through their signal.
 */

export type BatchOutcome<R> =
  | { status: 'fulfilled'; value: R }
  | { status: 'rejected'; error: unknown }
  /** Never started: the batch was cancelled first. */
  | { status: 'skipped' }
  /** Never started: an earlier job failed in a way this one would repeat (`stopAfter`). */
  | { status: 'notSent'; reason: unknown };

export interface BatchOptions<T, R> {
  /** At most this many workers run at once (at least 1). */
  concurrency: number;
  signal?: AbortSignal;
  /** After each job settles (in completion order), with how many have settled so far. */
  onSettled?: (item: T, index: number, outcome: BatchOutcome<R>, settledCount: number) => void;
  /** When a job starts. */
  onStart?: (item: T, index: number) => void;
  /** A failure for which this returns true starts no further job. */
  stopAfter?: (error: unknown) => boolean;
}

export type BatchWorker<T, R> = (item: T, signal: AbortSignal, index: number) => Promise<R>;

/** Outcomes in the order of `items`, whatever order they finished in. */
export async function runBatch<T, R>(items: readonly T[], worker: BatchWorker<T, R>, options: BatchOptions<T, R>): Promise<Array<BatchOutcome<R>>> {
  const outcomes: Array<BatchOutcome<R>> = items.map(() => ({ status: 'skipped' }));
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) {
    controller.abort(options.signal.reason);
  } else {
    options.signal?.addEventListener('abort', onAbort, { once: true });
  }
  const limit = Math.max(1, Math.floor(Number.isFinite(options.concurrency) ? options.concurrency : 1));
  let next = 0;
  let settled = 0;
  let stoppedBy: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && !controller.signal.aborted && !stoppedBy) {
      const index = next++;
      const item = items[index];
      options.onStart?.(item, index);
      let outcome: BatchOutcome<R>;
      try {
        outcome = { status: 'fulfilled', value: await worker(item, controller.signal, index) };
      } catch (error) {
        outcome = { status: 'rejected', error };
        if (!stoppedBy && options.stopAfter?.(error)) {
          stoppedBy = { error };
        }
      }
      outcomes[index] = outcome;
      settled++;
      options.onSettled?.(item, index, outcome, settled);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (stoppedBy) {
    const reason = stoppedBy.error;
    return outcomes.map((outcome) => (outcome.status === 'skipped' ? { status: 'notSent', reason } : outcome));
  }
  return outcomes;
}
