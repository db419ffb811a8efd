import { PollAnswer } from '../../src/core/api/client';
import { TaskSnapshot } from '../../src/core/api/task';
import { ProgressCurve, progressAt } from './progressCurves';
import { VirtualClock } from './virtualClock';

export interface SimulatedTask {
  /** Server time at which the task starts running. */
  startsAt: number;
  /** Server time at which the task completes. */
  completesAt: number;
  /** Round trip of one request; the server sees it half-way. */
  latencyMs: number;
  /** How it reports progress while running (0 while queued). */
  curve?: ProgressCurve;
}

/** What the server says about the task at a given moment of virtual time. */
function snapshotAt(task: SimulatedTask, serverTime: number): TaskSnapshot {
  if (serverTime >= task.completesAt) {
    return { status: 'completed', images: [{ url: 'https://images.invalid/result.png' }] };
  }
  const running = serverTime >= task.startsAt;
  const progress = progressAt(task.curve ?? 'none', running ? (serverTime - task.startsAt) / (task.completesAt - task.startsAt) : 0);
  return { status: running ? 'running' : 'queued', images: [], ...(progress === undefined ? {} : { progress }) };
}

/** A stand-in for SparkClient.getTask: each call costs a round trip of virtual time. */
export function simulatedClient(task: SimulatedTask, clock: VirtualClock): { getTask(): Promise<PollAnswer> } {
  return {
    getTask: async () => {
      clock.advance(task.latencyMs / 2);
      const snapshot = snapshotAt(task, clock.now());
      clock.advance(task.latencyMs / 2);
      return { kind: 'task', task: snapshot };
    },
  };
}
