import * as vscode from 'vscode';
import { altTextFromPrompt } from '../../core/links/linkText';
import { GenerationPhase, ProgressReport } from '../../core/polling/polling';
import { PlaceholderTracker } from '../links/placeholders';
import { Semaphore } from '../semaphore';
import { GenerationStatusBar } from './statusBar';

export interface ProgressOptions {
  /** 'none' when the caller shows one progress for many jobs (batch generation). */
  progress?: 'notification' | 'none';
  /** Cancels this job together with others (a batch's own cancel). */
  signal?: AbortSignal;
  /** Phase and elapsed time, for callers that show progress themselves. */
  onProgress?: (report: ProgressReport) => void;
}

/** "Generating 45%" while the API reports progress, else the phase alone. */
export function phaseText(report: ProgressReport): string {
  const label = phaseLabel(report.phase);
  return report.phase === 'running' && report.progress !== undefined ? vscode.l10n.t('{0} {1}%', label, Math.round(report.progress * 100)) : label;
}

/** The placeholder's ghost line: "⟳ Spark Image 54%", short and never the prompt (the notification has it). */
export function placeholderLabel(report?: ProgressReport): string {
  return report?.phase === 'running' && report.progress !== undefined ? vscode.l10n.t('⟳ Spark Image {0}%', Math.round(report.progress * 100)) : vscode.l10n.t('⟳ Spark Image');
}

function phaseLabel(phase: GenerationPhase): string {
  switch (phase) {
    case 'submitting':
      return vscode.l10n.t('Submitting');
    case 'queued':
      return vscode.l10n.t('Queued');
    case 'running':
      return vscode.l10n.t('Generating');
    case 'downloading':
      return vscode.l10n.t('Downloading');
  }
}

/**
 * Where a running generation shows: a cancellable notification whose bar fills with the API's
 * progress, the placeholder's label, the status bar; at most maxConcurrent talk to the API at once.
 */
export class JobProgress implements vscode.Disposable {
  private readonly controllers = new Set<AbortController>();

  constructor(
    private readonly semaphore: Semaphore,
    private readonly statusBar: GenerationStatusBar,
    private readonly placeholders: PlaceholderTracker,
  ) {}

  async run<T>(prompt: string, placeholderId: string | undefined, options: ProgressOptions, work: (signal: AbortSignal, onProgress: (report: ProgressReport) => void) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (options.signal?.aborted) {
      controller.abort();
    }
    this.controllers.add(controller);
    const statusJob = this.statusBar.started();
    const shortPrompt = altTextFromPrompt(prompt, 40);
    try {
      const release = await this.semaphore.acquire(controller.signal);
      try {
        if (options.progress === 'none') {
          return await work(controller.signal, (report) => {
            options.onProgress?.(report);
            statusJob.progressed(report.progress);
            if (placeholderId) {
              this.placeholders.setLabel(placeholderId, placeholderLabel(report));
            }
          });
        }
        return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Spark Image'), cancellable: true }, async (progress, token) => {
          const cancel = token.onCancellationRequested(() => controller.abort());
          let last: ProgressReport = { phase: 'submitting', elapsedMs: 0 };
          const started = Date.now();
          let shown = '';
          let filled = 0;
          const show = () => {
            const seconds = Math.round((Date.now() - started) / 1000);
            const message = vscode.l10n.t('{0} “{1}” · {2} s', phaseText(last), shortPrompt, seconds);
            // The bar fills by increments; progress that goes backwards leaves it where it is.
            const percent = last.phase === 'downloading' ? 100 : Math.round((last.progress ?? 0) * 100);
            const increment = Math.max(0, percent - filled);
            filled += increment;
            // Every status answer calls this; the window is only told when something changed.
            if (message !== shown || increment > 0) {
              shown = message;
              progress.report(increment > 0 ? { message, increment } : { message });
            }
            if (placeholderId) {
              this.placeholders.setLabel(placeholderId, placeholderLabel(last));
            }
          };
          const ticker = setInterval(show, 1000);
          show();
          try {
            return await work(controller.signal, (report) => {
              last = report;
              options.onProgress?.(report);
              statusJob.progressed(report.progress);
              show();
            });
          } finally {
            clearInterval(ticker);
            cancel.dispose();
          }
        });
      } finally {
        release();
      }
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      this.controllers.delete(controller);
      statusJob.ended();
    }
  }

  /** For shutdown: stop every request now. */
  cancelAll(): void {
    for (const controller of this.controllers) {
      controller.abort();
    }
  }

  dispose(): void {
    this.cancelAll();
  }
}
