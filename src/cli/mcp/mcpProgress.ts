import { CreatedTask } from '../../core/job/generate';
import { ProgressReport } from '../../core/polling/polling';

/** One notifications/progress, as the protocol spells its params (the token is added by the server). */
export interface ProgressNotice {
  progress: number;
  total?: number;
  message: string;
}

/** The highest value before the image is saved: completion alone says 100. */
const BEFORE_DONE = 99.9;

function tenths(value: number): number {
  return Math.round(value * 10) / 10;
}

function phaseLine(report: ProgressReport, withTask: boolean): string {
  const percent = report.progress === undefined ? '' : ` ${tenths(report.progress * 100)}%`;
  return `${report.phase}${percent}${withTask && report.taskId ? ` · task ${report.taskId}` : ''}`;
}

/**
 * The progress of one tool call, strictly increasing as the specification requires, and sent only
 * when something changed (the poll loop reports every answer):
 * - a gateway that reports progress: its percentage with total 100; a new phase without a new
 *   percentage adds 0.1 (never above 99.9); completion sends 100;
 * - a gateway that reports none: a step counter without total, one step per phase.
 * The first report decides which, and the call keeps it (a counter never turns into a percentage).
 */
export class McpProgress {
  private mode: 'percent' | 'steps' | undefined;
  private last: number | undefined;
  private phase: string | undefined;
  /** Said with the first report after the create: the task id, the seed and the size. */
  private createdNote: string | undefined;

  constructor(private readonly send: (notice: ProgressNotice) => void) {}

  created(task: CreatedTask): void {
    this.createdNote = `task ${task.taskId} created · seed ${task.request.seed} · ${task.request.width}x${task.request.height}`;
  }

  report(report: ProgressReport): void {
    if (report.phase === 'submitting') {
      // Nothing is known yet, not even whether the gateway reports a percentage.
      return;
    }
    const message = this.createdNote === undefined ? phaseLine(report, true) : `${this.createdNote} · ${phaseLine(report, false)}`;
    const newPhase = report.phase !== this.phase;
    this.phase = report.phase;
    this.mode ??= report.progress === undefined ? 'steps' : 'percent';
    if (this.mode === 'steps') {
      if (newPhase) {
        this.emit((this.last ?? 0) + 1, undefined, message);
      }
      return;
    }
    const percent = report.progress === undefined ? undefined : Math.min(tenths(report.progress * 100), BEFORE_DONE);
    if (percent !== undefined && (this.last === undefined || percent > this.last)) {
      this.emit(percent, 100, message);
    } else if (newPhase && this.last !== undefined && this.last < BEFORE_DONE) {
      this.emit(Math.min(tenths(this.last + 0.1), BEFORE_DONE), 100, message);
    }
  }

  /** The image is saved (and linked): 100, or the last step. */
  completed(message: string): void {
    if (this.mode === 'percent') {
      this.emit(100, 100, message);
    } else if (this.mode === 'steps') {
      this.emit((this.last ?? 0) + 1, undefined, message);
    }
  }

  private emit(progress: number, total: number | undefined, message: string): void {
    this.last = progress;
    this.createdNote = undefined;
    this.send(total === undefined ? { progress, message } : { progress, total, message });
  }
}
