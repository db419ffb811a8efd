import * as fs from 'fs';
import { ApiConfig } from '../../core/api/client';
import { GenerateDeps } from '../../core/job/generate';
import { GenerationJob, isResumable, JobFailure } from '../../core/job/generationJob';
import { GeneratedImage, ImageSink, LinkPlacer } from '../../core/job/ports';
import { DEFAULT_DEADLINE_MS } from '../../core/polling/polling';
import { isSparkError } from '../../core/spec/errors';
import { PendingRecord } from '../../node/tasks/taskRecord';
import { TaskStore } from '../../node/tasks/taskStore';
import { readProvenanceFile } from '../docs/provenanceFile';
import { CliTaskTarget } from './cliTasks';

/** What became of a stored task this run finished (or tried to). */
export type StoredResult =
  | { outcome: 'saved'; path: string; linked: boolean; costUsd?: number; image?: GeneratedImage }
  | { outcome: 'kept'; message: string }
  | { outcome: 'failed'; message: string; code?: string }
  | { outcome: 'gone'; message: string };

export interface StoredRun {
  api: ApiConfig;
  deps: GenerateDeps;
  store: TaskStore<CliTaskTarget>;
  /** Aborted when the run's grace period is over: the task stays kept. */
  signal: AbortSignal;
  timeoutSeconds?: number;
}

/** How the image of a stored task is saved, and linked when there is a place for it. */
export interface StoredDelivery<T> {
  sink: ImageSink<T, string>;
  placer?: LinkPlacer<T, string>;
  target?: T;
}

/** The service does not know the task (any more): final, nothing to fetch. */
function isNoSuchTask(error: unknown): boolean {
  return isSparkError(error) && error.kind === 'api' && error.httpStatus === 404;
}

/**
 * Finishes a task kept in the store, as the run that created it would have: polls at once, saves
 * it with its full provenance, links it when the delivery has a place. The record becomes
 * `{state: "saved", path}`; it stays pending when the task may still give its image. The
 * deadline counts from now, not from the task's creation long ago.
 */
export async function finishStored<T>(record: PendingRecord<CliTaskTarget>, run: StoredRun, delivery: StoredDelivery<T>): Promise<StoredResult> {
  const { store } = run;
  const { taskId, request, createdAt, savedImage } = record;
  if (savedImage !== undefined && fs.existsSync(savedImage) && !delivery.placer) {
    // Saved before the process went away; only its record was left behind.
    await store.remove(taskId);
    return { outcome: 'saved', path: savedImage, linked: false, costUsd: billedIn(savedImage) };
  }
  await store.adopt(taskId);
  const deadlineMs = Math.max(0, Date.now() - createdAt) + (run.timeoutSeconds === undefined ? DEFAULT_DEADLINE_MS : run.timeoutSeconds * 1000);
  const job = new GenerationJob<T, string>({
    api: run.api,
    deps: run.deps,
    sink: delivery.sink,
    placer: delivery.placer,
    pending: store.pendingFor<T>(),
    target: delivery.target,
    polling: { signal: run.signal, deadlineMs },
  });
  try {
    const entry = { taskId, request, createdAt, target: delivery.target, savedImage: savedImage !== undefined && fs.existsSync(savedImage) ? savedImage : undefined };
    const outcome = await job.resume(entry);
    if (outcome === 'linkedAlready') {
      return { outcome: 'saved', path: savedImage ?? '', linked: true, costUsd: savedImage === undefined ? undefined : billedIn(savedImage) };
    }
    const image = outcome.result.images[0];
    return { outcome: 'saved', path: outcome.saved[0].location, linked: outcome.placed, costUsd: image.provenance.costUsd, image };
  } catch (thrown) {
    const error = JobFailure.causeOf(thrown);
    const message = error instanceof Error ? error.message : String(error);
    if (isNoSuchTask(error)) {
      await store.remove(taskId);
      return { outcome: 'gone', message };
    }
    if (isResumable(error)) {
      return { outcome: 'kept', message };
    }
    return { outcome: 'failed', message, code: isSparkError(error) ? error.code : undefined };
  }
}

/** The bill of an image an earlier run saved, from its provenance: the report then says what was billed, not an estimate. */
function billedIn(file: string): number | undefined {
  return readProvenanceFile(file)?.costUsd;
}
