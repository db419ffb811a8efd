import { ApiConfig } from '../api/client';
import { isCancellation, isSparkError } from '../spec/errors';
import { CreatedTask, generateImage, GenerateDeps, GenerateOptions, GenerationResult, resumeTask } from './generate';
import { ErrorCodes } from '../spec/spec';
import { CheckedRequest, GenerationRequest } from '../spec/validation';
import { ImageSink, LinkPlacer, PendingTask, PendingTasks, SavedImage } from './ports';

/** How the core's polling behaves for this job; the front end passes what it was told. */
export type PollingOptions = Pick<GenerateOptions, 'signal' | 'deadlineMs' | 'policy' | 'progressEstimate' | 'onProgress' | 'download'>;

/** Everything one generation needs, in one object: no positional or boolean parameters. */
export interface JobParts<T, L> {
  api: ApiConfig;
  deps: GenerateDeps;
  sink: ImageSink<T, L>;
  /** Absent: the images are saved and nothing is linked (the CLI's generate, the studio). */
  placer?: LinkPlacer<T, L>;
  pending: PendingTasks<T>;
  /** Where the link goes, when there is a place for it. */
  target?: T;
  polling?: PollingOptions;
  /** Awaited once the task id is safe in `pending`, before polling. */
  onTaskCreated?: (task: CreatedTask) => void | Promise<void>;
}

export interface JobOutcome<L> {
  result: GenerationResult;
  saved: SavedImage<L>[];
  /** True when every link was placed; false when there was no target or a place was gone. */
  placed: boolean;
}

/**
 * A failed job: what went wrong (`cause`, whose message it carries), the task if one was created,
 * and what the pending record became.
 */
export class JobFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly request: GenerationRequest,
    readonly taskId: string | undefined,
    /** The task may still give its image: it stays pending, for Resume. */
    readonly resumable: boolean,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'JobFailure';
  }

  /** What a front end shows: the cause of a job's failure, or the thrown value itself. */
  static causeOf(thrown: unknown): unknown {
    return thrown instanceof JobFailure ? thrown.cause : thrown;
  }
}

/**
 * A paid task whose image may still be had: timed out, status checks failing, cancelled, or the
 * image could not be downloaded or saved (a setting to fix, a full disk). Anything that is not a
 * SparkError (a failed write, say) counts, since the task itself succeeded.
 */
export function isResumable(error: unknown): boolean {
  return (
    isCancellation(error) ||
    !isSparkError(error) ||
    error.kind === 'timeout' ||
    error.code === ErrorCodes.statusCheck ||
    error.kind === 'auth' ||
    error.kind === 'download'
  );
}

/**
 * One generation from request to placed link: validate, create, keep the task id, poll, save,
 * place. Every front end (commands, directives, the studio, the CLI, the agent tools) runs this.
 */
export class GenerationJob<T, L> {
  private taskId: string | undefined;

  constructor(private readonly parts: JobParts<T, L>) {}

  /** The id of the task once it exists (also after a failure). */
  get createdTaskId(): string | undefined {
    return this.taskId;
  }

  /** A new generation of a request checked once before (checkRequest): sent exactly as it is. */
  async run(request: CheckedRequest): Promise<JobOutcome<L>> {
    const { api, deps, pending, target, polling } = this.parts;
    try {
      const result = await generateImage(request, api, deps, {
        ...polling,
        onTaskCreated: async (created) => {
          this.taskId = created.taskId;
          await pending.put({ taskId: created.taskId, request: created.request, createdAt: created.createdAt, target });
          await this.parts.onTaskCreated?.(created);
        },
      });
      return await this.deliver(result, target);
    } catch (error) {
      throw await this.failed(error, request);
    }
  }

  /** Finishes a task created earlier (a previous window, a timeout, another process). */
  async resume(entry: PendingTask<T>): Promise<JobOutcome<L> | 'linkedAlready'> {
    const { api, deps, placer, pending, polling } = this.parts;
    this.taskId = entry.taskId;
    try {
      if (entry.savedImage !== undefined && entry.target !== undefined && placer) {
        // The image was saved before the window went away; only the link may be missing.
        const { prompt, width, height } = entry.request;
        const saved: SavedImage<L> = { location: this.parts.sink.locate(entry.savedImage), key: entry.savedImage, link: { prompt, width, height }, sidecar: false };
        if (!(await placer.alreadyLinked(saved, entry.target))) {
          await placer.place(saved, entry.target);
        }
        await pending.remove(entry.taskId);
        return 'linkedAlready';
      }
      const created: CreatedTask = { taskId: entry.taskId, request: entry.request, createdAt: entry.createdAt };
      const result = await resumeTask(created, api, deps, polling);
      return await this.deliver(result, entry.target);
    } catch (error) {
      throw await this.failed(error, entry.request);
    }
  }

  private async deliver(result: GenerationResult, target: T | undefined): Promise<JobOutcome<L>> {
    const { sink, placer, pending } = this.parts;
    const taskId = result.provenance.taskId;
    const saved: SavedImage<L>[] = [];
    for (const image of result.images) {
      saved.push(await sink.save(image, target));
    }
    // A sink may add to what it wrote (the output transform, the house style): the job reports the file's.
    result.provenance = result.images[0]?.provenance ?? result.provenance;
    await pending.update(taskId, { savedImage: saved[0]?.key });
    let placed = false;
    if (placer && target !== undefined) {
      placed = true;
      for (const image of saved) {
        placed = (await placer.place(image, target)) && placed;
      }
    }
    await pending.remove(taskId);
    return { result, saved, placed };
  }

  /** Keeps a resumable task pending (with why it stopped), forgets one that cannot give an image. */
  private async failed(error: unknown, request: GenerationRequest): Promise<JobFailure> {
    const taskId = (isSparkError(error) && error.taskId) || this.taskId;
    const resumable = taskId !== undefined && isResumable(error);
    if (taskId !== undefined) {
      if (resumable) {
        await this.parts.pending.update(taskId, { lastError: error instanceof Error ? error.message : String(error) });
      } else {
        await this.parts.pending.remove(taskId);
      }
    }
    return new JobFailure(error, request, taskId, resumable);
  }
}
