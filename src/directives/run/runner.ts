import * as vscode from 'vscode';
import { BatchOutcome, runBatch } from '../../core/job/batch';
import { Directive, estimateCostUsd, findDirectiveAgain, formatUsd, hasErrors, parseDirectives } from '../../core/directives/directives';
import { directiveSize } from '../../core/directives/directiveCost';
import { linkEdit } from '../../core/directives/directiveLinks';
import { isAccountFailure, isCancellation } from '../../core/spec/errors';
import { Logger } from '../../core/base/logger';
import { Provenance } from '../../core/image/provenance';
import { linkFor } from '../../editor/links/linkInserter';
import { readSettings } from '../../editor/config';
import { GenerationOutcome, GenerationService } from '../../editor/generation/generationService';
import { translate } from '../../editor/l10n';
import { uriExists } from '../../editor/saving/uriExists';
import { BatchSummary, describeFailure, reportBatch } from './batchSummary';
import { DirectiveItem, directivesOf, imageUri, readProvenance, refKey } from '../model';

export type { DirectiveItem } from '../model';

export type { BatchFailure, BatchSummary } from './batchSummary';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../../core/spec/spec';

/** Generate: the directive's own settings. Regenerate: the same with a new seed. Same seed: the image's seed. */
export type RunMode = 'generate' | 'regenerate' | 'sameSeed';

export interface RunningDirective {
  startedAt: number;
  controller: AbortController;
}

/**
 * Runs directives through the generation service: one at a time from CodeLens, or many under one
 * cancellable progress with bounded concurrency. Knows which directives are running, for the lenses.
 */
export class DirectiveRunner implements vscode.Disposable {
  private readonly running = new Map<string, RunningDirective>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly service: GenerationService,
    private readonly logger: Logger,
  ) {}

  runningFor(uri: string, raw: string): RunningDirective | undefined {
    return this.running.get(refKey({ uri, raw }));
  }

  cancel(uri: string, raw: string): boolean {
    const run = this.running.get(refKey({ uri, raw }));
    run?.controller.abort();
    return !!run;
  }

  private setRunning(key: string, run: RunningDirective | undefined): void {
    if (run) {
      this.running.set(key, run);
    } else {
      this.running.delete(key);
    }
    // Elapsed times on the lenses move once a second while anything runs.
    if (this.running.size > 0 && !this.ticker) {
      this.ticker = setInterval(() => this.changed.fire(), 1000);
    } else if (this.running.size === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
    this.changed.fire();
  }

  /** The seed for Same Seed: from the image's provenance. */
  async recordedSeed(item: DirectiveItem): Promise<number | undefined> {
    const uri = imageUri(item.document, item.directive);
    return uri ? (await readProvenance(uri))?.seed : undefined;
  }

  /**
   * Generates one directive's image and puts its link below it (replacing the one there). Throws on
   * failure; undefined when the user dismissed a question (nothing sent).
   */
  async run(item: DirectiveItem, mode: RunMode, options: { signal?: AbortSignal; progress?: 'notification' | 'none' } = {}): Promise<GenerationOutcome | undefined> {
    const { document, directive } = item;
    const request = directive.request;
    if (!request || hasErrors(directive)) {
      throw new Error(directive.issues.find((issue) => issue.severity === 'error')?.message ?? vscode.l10n.t('The directive has problems.'));
    }
    let seed: number | undefined = request.seed;
    if (mode === 'regenerate') {
      seed = -1;
    } else if (mode === 'sameSeed') {
      seed = await this.recordedSeed(item);
      if (seed === undefined) {
        throw new Error(vscode.l10n.t('The image of this directive has no recorded seed (no provenance found).'));
      }
    }
    const key = refKey({ uri: document.uri.toString(), raw: directive.raw });
    if (this.running.has(key)) {
      throw new Error(vscode.l10n.t('This directive is already generating.'));
    }
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (options.signal?.aborted) {
      controller.abort();
    }
    this.setRunning(key, { startedAt: Date.now(), controller });
    const previous = { raw: directive.raw, index: directive.index };
    // The directive was found when the batch was planned; other links may have landed since.
    const current = findDirectiveAgain(parseDirectives(document.getText(), translate), previous) ?? directive;
    try {
      const outcome = await this.service.tryGenerate(
        {
          prompt: request.prompt,
          width: request.width,
          height: request.height,
          seed,
          usePreLlm: request.usePreLlm,
          target: {
            document,
            offset: current.image ? current.image.start : current.end,
            ownParagraph: !current.image,
            // When the image is ready: the link the directive manages now, wherever it moved.
            replaceRange: (current) => {
              const again = findDirectiveAgain(parseDirectives(current.getText(), translate), previous);
              return again?.image ? new vscode.Range(current.positionAt(again.image.start), current.positionAt(again.image.end)) : undefined;
            },
          },
        },
        { progress: options.progress ?? 'notification', signal: controller.signal },
      );
      if (outcome && !outcome.inserted && outcome.images[0]) {
        // Two links landing in one document at the same moment: the editor refuses the edit made
        // against the older version. The image is saved; put its link in place now, one edit at a time.
        outcome.inserted = await this.placeLink(document, previous, outcome.images[0], outcome.result.provenance);
      }
      return outcome;
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      this.setRunning(key, undefined);
    }
  }

  /** Through the one link queue of the window, so it never races a palette generation's link. */
  private placeLink(document: vscode.TextDocument, previous: Pick<Directive, 'raw' | 'index'>, image: vscode.Uri, provenance: Provenance): Promise<boolean> {
    return this.service.editLinks(document.uri, 'directive', async () => {
      if (document.isClosed) {
        return 'gone';
      }
      const text = document.getText();
      const again = findDirectiveAgain(parseDirectives(text, translate), previous);
      if (!again) {
        return 'gone';
      }
      const link = linkFor({ documentUri: document.uri, imageUri: image, prompt: provenance.prompt, width: provenance.width, height: provenance.height, syntax: 'markdown' });
      if (again.image?.text === link) {
        return 'applied';
      }
      const change = linkEdit(text, again, link);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
      if (!(await vscode.workspace.applyEdit(edit))) {
        return 'refused';
      }
      this.logger.info(`linked ${image.path} below the directive on line ${again.line + 1}`);
      return 'applied';
    });
  }

  /** Estimated cost of generating these directives at the settings' default size where none is given. */
  estimate(items: readonly DirectiveItem[]): number {
    return items.reduce((sum, item) => {
      const fallback = readSettings(item.document.uri).defaultSize ?? { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
      return sum + (item.directive.request ? estimateCostUsd(directiveSize(item.directive.request, fallback).width, directiveSize(item.directive.request, fallback).height) : 0);
    }, 0);
  }

  /**
   * Asks once (unless told not to), then generates every item under one cancellable notification,
   * at most `batchConcurrency` at a time; one failure never stops the others. Ends with a summary.
   */
  async runBatch(scope: string, items: readonly DirectiveItem[], invalid: readonly DirectiveItem[], confirm: boolean): Promise<BatchSummary> {
    const summary: BatchSummary = {
      planned: items.length,
      generated: 0,
      failed: [],
      invalid: invalid.map((item) => describeFailure(item, item.directive.issues.find((issue) => issue.severity === 'error')?.message ?? '', item.directive.issues.find((issue) => issue.severity === 'error')?.code)),
      cancelled: 0,
      notSent: 0,
      estimatedCostUsd: this.estimate(items),
      confirmed: true,
    };
    if (items.length === 0) {
      const message =
        invalid.length > 0
          ? vscode.l10n.t('No missing images to generate in {0}; {1} directive(s) have problems (see Problems).', scope, invalid.length)
          : vscode.l10n.t('No missing images in {0}: every directive has its image.', scope);
      void vscode.window.showInformationMessage(message);
      return summary;
    }
    if (confirm) {
      const generate = vscode.l10n.t('Generate');
      const lines = items.slice(0, 12).map((item) => `• ${vscode.workspace.asRelativePath(item.document.uri)}:${item.directive.line + 1} ${item.directive.prompt.slice(0, 60)}`);
      if (items.length > lines.length) {
        lines.push(vscode.l10n.t('… and {0} more', items.length - lines.length));
      }
      if (invalid.length > 0) {
        lines.push('', vscode.l10n.t('{0} directive(s) with problems will be skipped.', invalid.length));
      }
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('Generate {0} missing image(s) in {1}? Estimated cost: {2}.', items.length, scope, formatUsd(summary.estimatedCostUsd)),
        { modal: true, detail: lines.join('\n') },
        generate,
      );
      if (choice !== generate) {
        summary.confirmed = false;
        return summary;
      }
    }
    const concurrency = Math.min(8, Math.max(1, Math.floor(vscode.workspace.getConfiguration('sparkImage').get<number>('batchConcurrency', 3))));
    const outcomes = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Spark Image: generating {0} image(s)', items.length), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        progress.report({ message: vscode.l10n.t('{0} of {1}', 0, items.length) });
        try {
          return await runBatch(items, (item, signal) => this.run(item, 'generate', { signal, progress: 'none' }), {
            concurrency,
            signal: controller.signal,
            stopAfter: isAccountFailure,
            onSettled: (_item, _index, _outcome, done) => progress.report({ message: vscode.l10n.t('{0} of {1}', done, items.length), increment: 100 / items.length }),
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    outcomes.forEach((outcome: BatchOutcome<GenerationOutcome | undefined>, index) => {
      const item = items[index];
      if (outcome.status === 'fulfilled' && outcome.value) {
        summary.generated++;
      } else if (outcome.status === 'notSent') {
        summary.notSent++;
        summary.stoppedBecause ??= outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      } else if (outcome.status === 'skipped' || (outcome.status === 'rejected' && isCancellation(outcome.error)) || (outcome.status === 'fulfilled' && !outcome.value)) {
        summary.cancelled++;
      } else if (outcome.status === 'rejected') {
        const error = outcome.error;
        const message = error instanceof Error ? error.message : String(error);
        const code = (error as { code?: string }).code;
        summary.failed.push(describeFailure(item, message, code));
        this.logger.error(`${vscode.workspace.asRelativePath(item.document.uri)}:${item.directive.line + 1}: ${message}`);
      }
    });
    reportBatch(scope, summary, this.logger);
    return summary;
  }

  /** Items of a document: the valid directives without an image (or with a broken link), and the invalid ones. */
  static async missingIn(document: vscode.TextDocument): Promise<{ missing: DirectiveItem[]; invalid: DirectiveItem[] }> {
    const missing: DirectiveItem[] = [];
    const invalid: DirectiveItem[] = [];
    for (const directive of directivesOf(document)) {
      const item = { document, directive };
      if (hasErrors(directive) || !directive.request) {
        invalid.push(item);
        continue;
      }
      const uri = imageUri(document, directive);
      if (!directive.image || (uri && !(await uriExists(uri)))) {
        missing.push(item);
      }
    }
    return { missing, invalid };
  }

  dispose(): void {
    for (const run of this.running.values()) {
      run.controller.abort();
    }
    if (this.ticker) {
      clearInterval(this.ticker);
    }
    this.changed.dispose();
  }
}

