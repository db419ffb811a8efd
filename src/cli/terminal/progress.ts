import { GenerationPhase, ProgressReport } from '../../core/polling/polling';
import { StatusLine } from './statusLine';

const PHASE_TEXT: Readonly<Record<GenerationPhase, string>> = {
  submitting: 'submitting',
  queued: 'queued',
  running: 'generating',
  downloading: 'downloading',
};

/** Without a terminal, a line per phase change, and one at this interval so logs show it is alive. */
const PLAIN_HEARTBEAT_MS = 15_000;
const REDRAW_MS = 200;

/** Without a terminal, a line also each time the reported progress passes another tenth. */
const PLAIN_PROGRESS_STEP = 10;

function percentOf(report: ProgressReport): number | undefined {
  return report.phase === 'running' && report.progress !== undefined ? Math.round(report.progress * 100) : undefined;
}

export function describeProgress(report: ProgressReport, elapsedMs: number): string {
  const task = report.taskId ? ` · task ${report.taskId}` : '';
  const percent = percentOf(report);
  return `${PHASE_TEXT[report.phase]}${percent === undefined ? '' : ` ${percent}%`} · ${(elapsedMs / 1000).toFixed(1)} s${task}`;
}

/**
 * Shows the core's progress reports. On a terminal the elapsed time keeps counting between reports
 * (they come only once per status request); elsewhere plain lines.
 */
export class ProgressDisplay {
  private last: { report: ProgressReport; receivedAt: number } | undefined;
  private printed: { phase: GenerationPhase; elapsedMs: number; step?: number } | undefined;
  private readonly ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly out: StatusLine,
    private readonly now: () => number = Date.now,
  ) {
    if (out.interactive) {
      this.ticker = setInterval(() => this.redraw(), REDRAW_MS);
      this.ticker.unref();
    }
  }

  readonly report = (report: ProgressReport): void => {
    this.last = { report, receivedAt: this.now() };
    if (this.out.interactive) {
      this.redraw();
      return;
    }
    const printed = this.printed;
    const percent = percentOf(report);
    const step = percent === undefined ? undefined : Math.floor(percent / PLAIN_PROGRESS_STEP);
    const advanced = step !== undefined && (printed?.step === undefined || step > printed.step);
    if (!printed || printed.phase !== report.phase || advanced || report.elapsedMs - printed.elapsedMs >= PLAIN_HEARTBEAT_MS) {
      this.out.line(describeProgress(report, report.elapsedMs));
      this.printed = { phase: report.phase, elapsedMs: report.elapsedMs, step: step ?? printed?.step };
    }
  };

  private redraw(): void {
    if (this.last) {
      const { report, receivedAt } = this.last;
      this.out.status(describeProgress(report, report.elapsedMs + this.now() - receivedAt));
    }
  }

  dispose(): void {
    if (this.ticker !== undefined) {
      clearInterval(this.ticker);
    }
    this.out.clear();
  }
}
