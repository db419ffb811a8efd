import * as vscode from 'vscode';
import { expansionOfChoice } from '../core/spec/expansion';
import { sanitizeServerText } from '../core/spec/errors';
import { Disposable } from '../editor/disposable';
import { CheckedGeneration, GenerationService, RunOptions } from '../editor/generation/generationService';
import { inputFor } from '../editor/generation/generationTypes';
import { translate } from '../editor/l10n';
import type { StyledPrompt } from '../core/repoConfig/houseStyle';
import { ComposeParams, JobView } from './protocol';
import { newId } from './history/studioHistory';
import { saveAsFor } from './saveFor';
import { variationsOf } from './variations/variationRequests';

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

  /** Cancel: the job, and every other variation sent with it. */
  cancel(jobId: string): void {
    const job = this.running.get(jobId);
    job?.controller.abort();
    if (job?.view.group) {
      this.cancelGroup(job.view.group);
    }
  }

  /**
   * Checks the page's parameters once, before any job shows (the page checked already; the host never
   * trusts it): a refused input throws a validation error naming every broken rule, and nothing is sent.
   * Then it runs; the promise settles when the job ends, however it ends. The image is saved where
   * `document` (the one Insert writes into) keeps its images.
   */
  start(params: ComposeParams, document?: vscode.TextDocument, styled?: StyledPrompt, sink?: RunOptions['sink']): Promise<void> {
    const { expansion, count: _count, style: _style, output: _output, ...asked } = params;
    const checked = this.service.check({ ...asked, prompt: styled?.prompt ?? asked.prompt, styled, usePreLlm: expansionOfChoice(expansion), saveAs: saveAsFor(document) });
    return this.follow(this.newJob(checked), checked, { sink });
  }

  /**
   * Variations: `count` generations of one request, each with its own seed, checked and admitted by the
   * spend limit together before any is sent, then sent at once; each image is saved by `sink` (the
   * studio keeps them outside the workspace until one is used). Settles when every one has ended.
   */
  async startVariations(params: ComposeParams, count: number, sink: RunOptions['sink'], styled?: StyledPrompt): Promise<void> {
    const { expansion, count: _count, style: _style, output: _output, ...asked } = params;
    const first = this.service.check({ ...asked, prompt: styled?.prompt ?? asked.prompt, styled, usePreLlm: expansionOfChoice(expansion) });
    const all = variationsOf(first, inputFor(first.spec, first.settings), count, { random: Math.random, t: translate });
    const tickets = await this.service.spend.admitAll(all.map((checked) => checked.request));
    if (!tickets) {
      return;
    }
    const group = newId();
    await Promise.all(all.map((checked, index) => this.follow(this.newJob(checked, group), checked, { ticket: tickets[index], sink })));
  }

  /** A job shown in the page: its row (or grid cell) shows the request as it is sent (the concrete prompt, size and seed). */
  private newJob(checked: CheckedGeneration, group?: string): Job {
    const { prompt, width, height, seed } = checked.request;
    const job: Job = { controller: new AbortController(), view: { id: newId(), prompt, width, height, phase: 'submitting', startedAt: Date.now(), ...(group && { group, seed }) } };
    this.running.set(job.view.id, job);
    this.show(job.view);
    return job;
  }

  /** Cancels every variation of a group (Cancel on any of them). */
  cancelGroup(group: string): void {
    this.running.forEach((job) => job.view.group === group && job.controller.abort());
  }

  private async follow(job: Job, checked: CheckedGeneration, options: Pick<RunOptions, 'ticket' | 'sink'>): Promise<void> {
    try {
      const outcome = await this.service.generateChecked(checked, {
        ...options,
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
    } finally {
      // An admitted variation that ended before its run settled it (no key, dismissed) sent nothing; a settled one stays as it is.
      if (options.ticket) {
        this.service.spend.ledger.settle(options.ticket, 'nothing');
      }
    }
    this.running.delete(job.view.id);
    this.show(job.view);
  }
}
