import * as fs from 'fs';
import * as path from 'path';
import { PendingTask } from '../../core/job/ports';
import { NOT_FOUND_GRACE_MS } from '../../core/polling/polling';
import { SparkError } from '../../core/spec/errors';
import { TaskRecord } from '../../node/tasks/taskRecord';
import { createdTaskFor } from '../generate/resumeRequest';
import { AgentTarget } from './agentDelivery';

/** What resume_task does with a task id, from what the task store knows of it. */
export type ResumePlan =
  /** Saved before (this run or an earlier one): answer with the file, download nothing. */
  | { kind: 'saved'; file: string; entry: PendingTask<AgentTarget> & { target: AgentTarget } }
  /** Poll and save; `known` says whether a record gave its request, destination and creation time. */
  | { kind: 'poll'; entry: PendingTask<AgentTarget> & { target: AgentTarget }; known: boolean };

function inside(workspace: string, full: string): boolean {
  const relative = path.relative(workspace, full);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * A stored destination must lie in this server's workspace: a record written by a server of another
 * workspace (or edited by hand) cannot make this one write elsewhere. Checked before anything is sent.
 */
function checkInside(workspace: string, taskId: string, target: AgentTarget): void {
  for (const place of [target.destination.folder, target.document]) {
    if (place !== undefined && !inside(workspace, place)) {
      throw new SparkError('validation', `task ${taskId} was asked to be saved at ${JSON.stringify(place)}, outside this server's workspace ${JSON.stringify(workspace)}: start spark-image mcp with --workspace set to the folder it was made in to finish it. Nothing was sent.`);
    }
  }
}

/**
 * The plan for one resume: the stored record when there is one (a restarted server keeps the
 * prompt, the seed, the size and the requested path), else a task of unknown origin saved in
 * `fallback`. A task with no stored creation time is old enough that a 404 is final at once.
 */
export function resumePlan(workspace: string, taskId: string, record: TaskRecord<AgentTarget> | undefined, fallback: AgentTarget, now: number): ResumePlan {
  if (record === undefined) {
    const created = createdTaskFor(taskId, {}, now - NOT_FOUND_GRACE_MS - 1);
    return { kind: 'poll', entry: { ...created, target: fallback }, known: false };
  }
  const target = record.target ?? fallback;
  checkInside(workspace, taskId, target);
  if (record.state === 'saved') {
    const entry = { taskId, request: record.request, createdAt: record.createdAt, target };
    // A file deleted since is fetched again (the task's image may still be there).
    return fs.existsSync(record.path) ? { kind: 'saved', file: record.path, entry } : { kind: 'poll', entry, known: true };
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the record's kind is not part of the job's entry
  const { state, ...entry } = record;
  return { kind: 'poll', entry: { ...entry, target }, known: true };
}

/** A status answer saying the task does not exist (after any grace): final, nothing to resume. */
export function isNoSuchTask(error: unknown): boolean {
  return error instanceof SparkError && error.kind === 'api' && error.httpStatus === 404;
}
