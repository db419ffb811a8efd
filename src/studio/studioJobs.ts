import * as vscode from 'vscode';
import { expansionOfChoice } from '../core/spec/expansion';
import { sanitizeServerText } from '../core/spec/errors';
import { Disposable } from '../editor/disposable';
import { CheckedGeneration, GenerationService } from '../editor/generation/generationService';
import { ComposeParams, JobView } from './protocol';
import { newId } from './history/studioHistory';
import { saveAsFor } from './saveFor';

interface Job {
  view: JobView;
  controller: AbortController;
}

/**
 * The generations the studio is running, as the page shows them: each one's phase and progress, until
 * it is done, failed or cancelled. Closing the studio's owner cancels them all.
 */
export class StudioJobs extends Disposable {
  private readonly running = new Map<string, Job>();

  constructor(
    private readonly service: GenerationService,
    private readonly show: (view: JobView) => void,
  ) {
    super();
    this.register({ dispose: () => this.running.forEach((job) => job.controller.abort()) });
  }

  /** The jobs still running, for a page that has just said ready. */
  views(): JobView[] {
    return [...this.running.values()].map((job) => job.view);
  }

  cancel(jobId: string): void {
    this.running.get(jobId)?.controller.abort();
  }

  /**
   * Checks the page's parameters once, before any job shows (the page checked already; the host never
   * trusts it): a refused input throws a validation error naming every broken rule, and nothing is sent.
   * Then it runs; the promise settles when the job ends, however it ends. The image is saved where
   * `document` (the one Insert writes into) keeps its images.
   */
  start(params: ComposeParams, document?: vscode.TextDocument): Promise<void> {
    const { expansion, ...asked } = params;
    const checked = this.service.check({ ...asked, usePreLlm: expansionOfChoice(expansion), saveAs: saveAsFor(document) });
    // The row shows the request as it is sent (the concrete prompt and size).
    const { prompt, width, height } = checked.request;
    const job: Job = { controller: new AbortController(), view: { id: newId(), prompt, width, height, phase: 'submitting', startedAt: Date.now() } };
    this.running.set(job.view.id, job);
    this.show(job.view);
    return this.follow(job, checked);
  }

  private async follow(job: Job, checked: CheckedGeneration): Promise<void> {
    try {
      const outcome = await this.service.generateChecked(checked, {
        progress: 'none',
        signal: job.controller.signal,
        // The studio shows the image itself: no editor tab for it.
        openWithoutTarget: false,
        onProgress: ({ phase, progress }) => {
          if (job.view.phase !== phase || job.view.progress !== progress) {
            job.view = { ...job.view, phase, progress };
            this.show(job.view);
          }
        },
      });
      job.view = outcome ? { ...job.view, phase: 'done', entryId: outcome.result.provenance.taskId } : { ...job.view, phase: 'cancelled' };
    } catch (error) {
      const phase = job.controller.signal.aborted ? 'cancelled' : 'failed';
      job.view = { ...job.view, phase, message: sanitizeServerText(error instanceof Error ? error.message : String(error)) };
    }
    this.running.delete(job.view.id);
    this.show(job.view);
  }
}
