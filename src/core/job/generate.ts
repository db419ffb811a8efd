import { Clock } from '../base/clock';
import { ApiConfig, SparkClient } from '../api/client';
import { downloadImage, DownloadedImage, DownloadOptions, imageDownloadFor } from '../download/download';
import { describeCode, SparkError } from '../spec/errors';
import { FetchLike } from '../api/http';
import { Logger } from '../base/logger';
import { english, Translate } from '../base/messages';
import { pollTask, PollOptions, ProgressReport } from '../polling/polling';
import { PollPolicy } from '../polling/pollPolicy';
import { Provenance, provenanceOf } from '../image/provenance';
import { CheckedRequest, GenerationRequest } from '../spec/validation';
import { ErrorCodes } from '../spec/spec';
import { TaskSnapshot } from '../api/task';

export interface GenerateDeps {
  fetch: FetchLike;
  clock: Clock;
  random: () => number;
  logger: Logger;
  t?: Translate;
}

/** What must be kept as soon as a task exists, so a paid result survives a crash or reload. */
export interface CreatedTask {
  taskId: string;
  request: GenerationRequest;
  /** Epoch ms by the clock. */
  createdAt: number;
}

export interface GenerateOptions {
  signal?: AbortSignal;
  deadlineMs?: number;
  policy?: PollPolicy;
  /** See PollOptions.progressEstimate. */
  progressEstimate?: PollOptions['progressEstimate'];
  download?: Omit<DownloadOptions, 'signal'>;
  onProgress?: (report: ProgressReport) => void;
  /** Awaited before polling starts: the place to persist the task id. */
  onTaskCreated?: (task: CreatedTask) => void | Promise<void>;
}

export interface GenerationResult {
  images: Array<DownloadedImage & { provenance: Provenance }>;
  /** The provenance of the first image; each image carries its own. */
  provenance: Provenance;
  statusRequests: number;
}

/** create → poll → download for a request checked once before (checkRequest): the one path every front end shares. */
export async function generateImage(request: CheckedRequest, api: ApiConfig, deps: GenerateDeps, options: GenerateOptions = {}): Promise<GenerationResult> {
  options = imageDownloadFor(options, api);
  const client = new SparkClient(api, deps);
  const started = deps.clock.now();
  options.onProgress?.({ phase: 'submitting', elapsedMs: 0 });
  const task = await client.createTask(request, options.signal);
  deps.logger.info(`task ${task.id} created (${task.status})`);
  const created: CreatedTask = { taskId: task.id, request, createdAt: started };
  await options.onTaskCreated?.(created);
  if (task.status === 'completed' && task.images.length > 0) {
    // The gateway may answer the create with the finished task: nothing left to poll.
    deps.logger.info(`task ${task.id} completed in its create answer`);
    return downloadResults(task, created, deps, options, 0);
  }
  options.onProgress?.({ phase: task.status === 'running' ? 'running' : 'queued', elapsedMs: deps.clock.now() - started, taskId: task.id, progress: task.progress });
  return finishTask(client, created, deps, { ...options, phase: task.status === 'running' ? 'running' : 'queued', progress: task.progress }, false);
}

/**
 * Polls a task created earlier (by this run, a previous window or the CLI) and downloads its images.
 * The first status request goes out at once: the task may have finished meanwhile.
 */
export async function resumeTask(created: CreatedTask, api: ApiConfig, deps: GenerateDeps, options: GenerateOptions = {}): Promise<GenerationResult> {
  options = imageDownloadFor(options, api);
  const client = new SparkClient(api, deps);
  return finishTask(client, created, deps, options, true);
}

/** What the create's answer already told about the task. */
interface Known {
  phase?: 'queued' | 'running';
  progress?: number;
}

async function finishTask(client: SparkClient, created: CreatedTask, deps: GenerateDeps, options: GenerateOptions & Known, resumed: boolean): Promise<GenerationResult> {
  const stats = { statusRequests: 0 };
  const pollOptions: PollOptions = {
    signal: options.signal,
    deadlineMs: options.deadlineMs,
    createdAt: created.createdAt,
    policy: options.policy,
    progressEstimate: options.progressEstimate,
    lookAtOnce: resumed,
    phase: options.phase,
    progress: options.progress,
    onProgress: options.onProgress,
  };
  let task;
  try {
    task = await pollTask(client, created.taskId, deps, pollOptions, stats);
  } catch (error) {
    throw error instanceof SparkError ? error.withTaskId(created.taskId) : error;
  }
  return downloadResults(task, created, deps, options, stats.statusRequests);
}

/** Downloads a completed task's images, each with its provenance. */
async function downloadResults(task: TaskSnapshot, created: CreatedTask, deps: GenerateDeps, options: GenerateOptions, statusRequests: number): Promise<GenerationResult> {
  const t = deps.t ?? english;
  if (task.images.length === 0) {
    throw new SparkError('api', t('The task {0} completed but returned no image [{1}].', created.taskId, describeCode(ErrorCodes.resultParsing, t)), {
      code: ErrorCodes.resultParsing,
      taskId: created.taskId,
    });
  }
  options.onProgress?.({ phase: 'downloading', elapsedMs: deps.clock.now() - created.createdAt, taskId: created.taskId });
  const completedAt = deps.clock.now();
  const images: GenerationResult['images'] = [];
  for (const [index, ref] of task.images.entries()) {
    let image: DownloadedImage;
    try {
      image = await downloadImage(ref.url, deps, { ...options.download, signal: options.signal });
    } catch (error) {
      throw error instanceof SparkError ? error.withTaskId(created.taskId) : error;
    }
    const provenance = provenanceOf(created.request, created.taskId, created.createdAt, completedAt, {
      jobId: ref.jobId ?? task.jobId,
      costUsd: task.usage?.costUsd,
      discount: task.usage?.discount,
      generatedImages: task.usage?.generatedImages,
    });
    if (task.images.length > 1) {
      provenance.imageIndex = index;
    }
    images.push({ ...image, provenance });
  }
  return { images, provenance: images[0].provenance, statusRequests };
}
