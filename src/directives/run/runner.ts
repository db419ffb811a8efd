import * as vscode from 'vscode';
import { silentLogger } from '../../core/base/logger';
import { isCancellation, isSparkError } from '../../core/spec/errors';
import { presentError } from '../../editor/generation/errorPresenter';
import { walkthroughEvent } from '../../editor/walkthrough';
import { Directive, findDirectiveAgain, hasErrors } from '../../core/directives/directives';
import { linkSpan } from '../../core/directives/directiveLinks';
import { GenerationOutcome, GenerationService, GenerationTarget } from '../../editor/generation/generationService';
import { DirectiveItem, directivesOf, directivesReady, imageUri, readProvenance, refOf } from '../model';
import { RunningDirectives } from './running';
import { Provenance } from '../../core/image/provenance';
import { anotherSize, sameSize, Size } from '../../core/spec/sizeChoices';
import { DirectiveRequest } from '../../core/directives/directiveTypes';
import { readSettings } from '../../editor/config';
import { askForSize } from '../../editor/prompts';
import { needsRecordedSeed, RunMode, seedFor } from './seedMode';
import { OutputPlan } from '../../core/output/outputPlan';
import { outputPlanFor } from '../../editor/output/editorOutputPlan';
import { outOfDateOf } from '../outOfDate';
import { directiveEstimateUsd } from './estimate';
import { directiveOutput } from './lazyDirectiveOutput';
import { originalsCache } from '../../editor/output/editorOutputPlan';
import { estimateLabel } from '../../editor/generation/priceMemory';

/** What Same Seed starts from: the image's seed and size, from its provenance. */
async function recordedImage(item: DirectiveItem): Promise<Provenance | undefined> {
  const uri = imageUri(item.document, item.directive);
  return uri ? await readProvenance(uri) : undefined;
}

/** Same Seed is "another size": asked first, another size than the image's offered; Escape sends nothing. */
function askSameSeedSize(document: vscode.TextDocument, request: DirectiveRequest, recorded: Provenance): Promise<Size | undefined> {
  const current = { width: recorded.width, height: recorded.height };
  const defaultSize = readSettings(document.uri).defaultSize;
  // The directive asking for another size than its image has: that one; else another than the image's.
  const asked = request.width !== undefined && request.height !== undefined ? { width: request.width, height: request.height } : defaultSize;
  return askForSize(defaultSize, {
    current,
    active: sameSize(asked, current) ? anotherSize(current) : asked,
    title: vscode.l10n.t('Spark Image: Same Seed ({0}) in Another Size', recorded.seed),
  });
}

/**
 * Where a directive's link goes. The placeholder and the anchor kept across a reload sit where the
 * link is now (or right after the comment); when the image is ready, the link takes the directive's
 * link place as it is then: its image, or a paragraph of its own after it. The document is read
 * through the per-version cache, so a run parses it only when it has changed.
 */
function directiveTarget(document: vscode.TextDocument, directive: Directive, output: OutputPlan): GenerationTarget {
  const previous = { raw: directive.raw, index: directive.index };
  return {
    document,
    output,
    offset: directive.image ? directive.image.start : directive.end,
    ownParagraph: !directive.image,
    replaceRange: (now) => {
      const again = findDirectiveAgain(directivesOf(now), previous);
      const span = again && linkSpan(again);
      return span && new vscode.Range(now.positionAt(span.start), now.positionAt(span.end));
    },
  };
}

export interface RunOptions {
  signal?: AbortSignal;
  progress?: 'notification' | 'none';
  /** Same Seed's size, when the caller asked for it already (else the picker asks). */
  size?: Size;
  /** Re-encode: a batch question agreed already to a paid regeneration when no request-free one is possible. */
  agreed?: boolean;
}

/** Runs one directive through the generation service, in one of the seed modes, and keeps the registry of running ones. */
export class DirectiveRunner {
  constructor(
    private readonly service: GenerationService,
    private readonly running: RunningDirectives,
  ) {}

  /**
   * Generates one directive's image and puts its link below it (replacing the one there). Throws on
   * failure; undefined when the user dismissed a question (nothing sent).
   */
  async run(item: DirectiveItem, mode: RunMode, options: RunOptions = {}): Promise<GenerationOutcome | undefined> {
    const { document } = item;
    // Sent as its spark-image.json styles it now: the file is read first if it is not yet.
    const directive = findDirectiveAgain(await directivesReady(document), item.directive) ?? item.directive;
    const request = directive.request;
    if (!request || hasErrors(directive)) {
      throw new Error(directive.issues.find((issue) => issue.severity === 'error')?.message ?? vscode.l10n.t('The directive has problems.'));
    }
    let keptSeed: number | undefined;
    if (mode === 'reencode') {
      const reencoded = await this.reencode(document, directive, request, options);
      if (reencoded !== 'paid' && reencoded !== 'generate') {
        return reencoded;
      }
      // Agreed to pay for an output change: the image's own seed, at the directive's settings.
      keptSeed = reencoded === 'paid' ? (await recordedImage({ document, directive }))?.seed : undefined;
    }
    const recorded = needsRecordedSeed(mode) ? await recordedImage({ document, directive }) : undefined;
    if (needsRecordedSeed(mode) && recorded === undefined) {
      throw new Error(vscode.l10n.t('Spark Image: the image of this directive has no recorded seed (no provenance found).'));
    }
    const size = recorded ? (options.size ?? (await askSameSeedSize(document, request, recorded))) : { width: request.width, height: request.height };
    if (!size) {
      return undefined;
    }
    const run = this.running.start(refOf(document, directive), options.signal);
    try {
      // The directive was found when the batch was planned; other links may have landed since.
      const current = findDirectiveAgain(directivesOf(document), directive) ?? directive;
      // Its format=, max-width=, encode-quality=, else spark-image.json's output, else the settings: kept with the task.
      const output = await outputPlanFor(document.uri, vscode.workspace.getWorkspaceFolder(document.uri), request.output);
      const outcome = await this.service.tryGenerate(
        { prompt: request.styled?.prompt ?? request.prompt, styled: request.styled, width: size.width, height: size.height, seed: keptSeed ?? seedFor(mode, request.seed, recorded?.seed), usePreLlm: request.usePreLlm, target: directiveTarget(document, current, output) },
        { progress: options.progress ?? 'notification', signal: run.signal },
      );
      if (outcome) {
        walkthroughEvent('directiveGenerated');
      }
      return outcome;
    } catch (error) {
      // Cancelled after the create: the task is kept pending; the person learns its id and can Resume it.
      if (isCancellation(error) && isSparkError(error) && error.taskId) {
        void presentError(error, silentLogger, { resume: (taskId) => void this.service.resumeById(taskId) });
      }
      throw error;
    } finally {
      run.finish();
    }
  }

  /** Re-encode: without a request when it can; 'paid' when the person agreed to a regeneration with the image's seed; 'generate' when its request changed too; undefined when nothing is done. */
  private async reencode(document: vscode.TextDocument, directive: Directive, request: DirectiveRequest, options: RunOptions): Promise<GenerationOutcome | undefined | 'paid' | 'generate'> {
    const state = await outOfDateOf(document, directive);
    const uri = imageUri(document, directive);
    if (state.state === 'outOfDate') {
      // Its request changed too: only a regeneration makes it (the lens says Regenerate, with the cost).
      return 'generate';
    }
    const lazy = directiveOutput();
    if (state.state !== 'output' || !uri) {
      lazy.showNothingToReencode();
      return undefined;
    }
    const run = this.running.start(refOf(document, directive), options.signal);
    let done: GenerationOutcome | 'paid';
    try {
      done = await lazy.reencodeImage(uri, state, originalsCache(), (to) => this.relink(document, directive, uri, to));
    } finally {
      run.finish();
    }
    if (done !== 'paid' || options.agreed) {
      return done;
    }
    const estimate = estimateLabel(directiveEstimateUsd(request, readSettings(document.uri).defaultSize));
    return (await lazy.agreeToRegenerate(uri, state, estimate)) ? 'paid' : undefined;
  }

  /** The directive's link now names the re-encoded file (its extension followed the format), through the window's one link queue. */
  private relink(document: vscode.TextDocument, directive: Directive, from: vscode.Uri, to: vscode.Uri): Promise<boolean> {
    return this.service.editLinks(document.uri, 're-encoded image', async () => {
      const image = findDirectiveAgain(directivesOf(document), directive)?.image;
      const renamed = image && directiveOutput().renamedLink(image.text, from, to);
      if (!image || !renamed) {
        return 'gone';
      }
      const start = image.start + renamed.at;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(start), document.positionAt(start + renamed.was.length)), renamed.now);
      return (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'refused';
    });
  }
}
