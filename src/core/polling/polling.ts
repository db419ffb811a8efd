import { Clock } from '../base/clock';
import { PollAnswer, SparkClient } from '../api/client';
import { failedTaskError } from '../api/rejection';
import { describeCode, isSparkError, SparkError } from '../spec/errors';
import { Logger } from '../base/logger';
import { english, Translate } from '../base/messages';
import { adaptivePolicy, jittered, PollPolicy } from './pollPolicy';
import { DEFAULT_PROGRESS_ESTIMATE, ProgressEstimateOptions, ProgressEstimator } from './progressEstimate';
import { ErrorCodes } from '../spec/spec';
import { TaskSnapshot } from '../api/task';

export type GenerationPhase = 'submitting' | 'queued' | 'running' | 'downloading';

export interface ProgressReport {
  phase: GenerationPhase;
  elapsedMs: number;
  taskId?: string;
  /** How far the task is, 0..1, when the server reports it. */
  progress?: number;
}

export interface PollOptions {
  signal?: AbortSignal;
  /** Give up after this long since the task was created (default 5 minutes). */
  deadlineMs?: number;
  /** When the task was created, by the clock; a resumed task passes its original time. */
  createdAt?: number;
  policy?: PollPolicy;
  /**
   * Ask just after the end that the reported progress predicts (the default), or `false` to follow
   * the policy alone (the benchmark's baselines).
   */
  progressEstimate?: ProgressEstimateOptions | false;
  /**
   * Ask at once instead of waiting the policy's first delay: a task resumed after a window reload,
   * a timeout or in another process may well have finished while nobody was asking.
   */
  lookAtOnce?: boolean;
  /** The phase the create's answer showed, so reports before the first status answer keep it. */
  phase?: 'queued' | 'running';
  /** The progress the create's answer showed. */
  progress?: number;
  /** Consecutive failed status requests tolerated before giving up with 003002098. */
  maxTransientFailures?: number;
  /** The longest Retry-After honoured while polling. */
  maxRetryAfterMs?: number;
  onProgress?: (report: ProgressReport) => void;
}

export interface PollDeps {
  clock: Clock;
  random: () => number;
  logger: Logger;
  t?: Translate;
}

export const DEFAULT_DEADLINE_MS = 5 * 60_000;
/** How long after creation a 404 is taken for a task not yet visible rather than a missing one. */
export const NOT_FOUND_GRACE_MS = 10_000;

export interface PollStats {
  statusRequests: number;
}

/** Asks for the task until it completes, fails, the deadline passes or the caller cancels. */
export async function pollTask(
  client: Pick<SparkClient, 'getTask'>,
  taskId: string,
  deps: PollDeps,
  options: PollOptions = {},
  stats: PollStats = { statusRequests: 0 },
): Promise<TaskSnapshot> {
  const t = deps.t ?? english;
  const { clock, logger } = deps;
  const policy = options.policy ?? adaptivePolicy;
  const createdAt = options.createdAt ?? clock.now();
  const deadline = createdAt + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const maxFailures = options.maxTransientFailures ?? 8;
  const maxRetryAfter = options.maxRetryAfterMs ?? 30_000;
  let failures = 0;
  let lastPhase: 'queued' | 'running' = options.phase ?? 'queued';
  let lastProgress: number | undefined = options.progress;
  let waitOverride: number | undefined;
  const estimator = options.progressEstimate === false ? undefined : new ProgressEstimator(options.progressEstimate ?? DEFAULT_PROGRESS_ESTIMATE);

  const timeout = () =>
    new SparkError(
      'timeout',
      t('The task {0} did not finish within {1} s. It may still complete: resume it later.', taskId, Math.round((deadline - createdAt) / 1000)),
      { taskId },
    );

  for (let index = 0; ; index++) {
    const elapsed = clock.now() - createdAt;
    const wait = waitOverride ?? (index === 0 && options.lookAtOnce ? 0 : jittered(estimator?.nextWaitMs(elapsed) ?? policy.delay(elapsed, index), policy.jitter, deps.random));
    waitOverride = undefined;
    if (clock.now() + wait > deadline) {
      // One last look exactly at the deadline, so a task finishing just in time is not lost.
      const remaining = deadline - clock.now();
      if (remaining <= 0) {
        throw timeout();
      }
      await sleepOrCancel(clock, remaining, options.signal, taskId, t);
    } else {
      await sleepOrCancel(clock, wait, options.signal, taskId, t);
    }
    options.onProgress?.({ phase: lastPhase, elapsedMs: clock.now() - createdAt, taskId, progress: lastProgress });
    stats.statusRequests++;
    const answer = await askOnce(client, taskId, options.signal);
    if (answer.kind === 'transient') {
      if (answer.notFound && clock.now() - createdAt > NOT_FOUND_GRACE_MS) {
        // A new task may take a moment to appear; one that is still unknown later does not exist.
        throw noSuchTask(taskId, answer.httpStatus, t);
      }
      failures++;
      logger.warn(`status of ${taskId} failed (${answer.reason}), ${failures}/${maxFailures}`);
      if (failures >= maxFailures) {
        throw new SparkError(
          'api',
          t('Checking the task {0} failed {1} times in a row ({2}) [{3}]. It may still complete: resume it later.', taskId, failures, answer.reason, describeCode(ErrorCodes.statusCheck, t)),
          { code: ErrorCodes.statusCheck, taskId },
        );
      }
      if (answer.retryAfterMs !== undefined) {
        waitOverride = Math.min(answer.retryAfterMs, maxRetryAfter);
      }
      if (clock.now() >= deadline) {
        throw timeout();
      }
      continue;
    }
    failures = 0;
    const task = answer.task;
    switch (task.status) {
      case 'completed':
        logger.info(`task ${taskId} completed after ${clock.now() - createdAt} ms, ${stats.statusRequests} status requests`);
        return task;
      case 'failed':
        // One home for a failed task's error: balance when it says so, else the task's own error.
        throw failedTaskError(task, t, taskId);
      case 'queued':
      case 'running':
        if (task.status !== lastPhase) {
          logger.info(`task ${taskId} ${task.status}`);
        }
        lastPhase = task.status;
        estimator?.observe(clock.now() - createdAt, task.progress);
        lastProgress = task.progress ?? lastProgress;
        break;
      case 'unknown':
        logger.warn(`task ${taskId} has an unknown status ${JSON.stringify(task.rawStatus ?? null)}; still polling`);
        estimator?.observe(clock.now() - createdAt, task.progress);
        break;
    }
    options.onProgress?.({ phase: lastPhase, elapsedMs: clock.now() - createdAt, taskId, progress: lastProgress });
    if (clock.now() >= deadline) {
      throw timeout();
    }
  }
}

/** A status answer, with the HTTP status that said "not found". */
type Answer = Exclude<PollAnswer, { kind: 'transient' }> | (Extract<PollAnswer, { kind: 'transient' }> & { httpStatus?: number });

/** A status answer whose body says the task does not exist, whatever the HTTP status (a 400 "task not found"). */
function saysNotFound(error: SparkError): boolean {
  const text = `${error.serverMessage ?? ''} ${error.message}`;
  return error.kind === 'api' && error.httpStatus !== undefined && error.httpStatus >= 400 && error.httpStatus < 500 && /\b(not found|not exist|does not exist|no such task|unknown task)\b/i.test(text);
}

/** One status request; a "not found" body counts as the 404 it means, so the grace below applies to it too. */
async function askOnce(client: Pick<SparkClient, 'getTask'>, taskId: string, signal: AbortSignal | undefined): Promise<Answer> {
  try {
    const answer = await client.getTask(taskId, signal);
    return answer.kind === 'transient' && answer.notFound ? { ...answer, httpStatus: 404 } : answer;
  } catch (error) {
    if (isSparkError(error) && saysNotFound(error)) {
      return { kind: 'transient', reason: `HTTP ${error.httpStatus}: not found`, notFound: true, httpStatus: error.httpStatus ?? 404 };
    }
    throw error;
  }
}

/**
 * Final: the id is wrong or the task expired, so asking again cannot help. No 9-digit code (the
 * service sent none) and not resumable, so no front end offers to resume it again.
 */
function noSuchTask(taskId: string, httpStatus: number | undefined, t: Translate): SparkError {
  return new SparkError('api', t('No such task: the service does not know the task {0} (HTTP {1}): the id is wrong or the task has expired.', taskId, httpStatus ?? 404), {
    taskId,
    httpStatus: httpStatus ?? 404,
  });
}

async function sleepOrCancel(clock: Clock, ms: number, signal: AbortSignal | undefined, taskId: string, t: Translate): Promise<void> {
  try {
    await clock.sleep(ms, signal);
  } catch (error) {
    if (isSparkError(error)) {
      throw error;
    }
    throw new SparkError('cancelled', t('Cancelled.'), { taskId, cause: error });
  }
}
