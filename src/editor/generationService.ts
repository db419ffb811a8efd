import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import { ApiConfig, checkApiConfig } from '../core/client';
import { isCancellation, isSparkError, SparkError } from '../core/errors';
import { CreatedTask, generateImage, GenerationResult, requireValidRequest, resumeTask } from '../core/generate';
import { FetchLike } from '../core/http';
import { anchorAt, endOfLine, findAnchor } from '../core/insertion';
import { slugify } from '../core/naming';
import { altTextFromPrompt, syntaxForLanguage } from '../core/linkText';
import { nodeFetch } from '../core/nodeFetch';
import { GenerationPhase, ProgressReport } from '../core/polling';
import { PollPolicy } from '../core/pollPolicy';
import { Provenance } from '../core/provenance';
import { embedProvenance } from '../core/imageMetadata';
import { GenerationRequest, PromptExpansion } from '../core/validation';
import { ApiKeyStore } from './apiKey';
import { readSettings, SparkSettings } from './config';
import { presentError } from './errorPresenter';
import { chooseDestination, DestinationError, writeImage } from './imageWriter';
import { translate } from './l10n';
import { documentLinksTo, insertLinkAt, insertLinkAtAnchor, LinkRequest, linkFor, replaceWithLink } from './linkInserter';
import { ExtensionLog } from './log';
import { PendingEntry, PendingStore, PendingTarget } from './pendingStore';
import { PlaceholderTracker } from './placeholders';
import { Semaphore } from './semaphore';
import { SpendGuard } from './spendGuard';
import type { SpendTicket } from '../core/spendLedger';
import { GenerationStatusBar } from './statusBar';

export interface GenerationSpec {
  prompt: string;
  width?: number;
  height?: number;
  seed?: number;
  usePreLlm?: PromptExpansion;
  /** Where the link goes; undefined saves the image and opens it. */
  target?: GenerationTarget;
}

export interface GenerationTarget {
  document: vscode.TextDocument;
  offset: number;
  ownParagraph: boolean;
  /**
   * Asked when the image is ready: a range whose text the link replaces (the image a directive
   * manages, on regeneration). Undefined inserts at the placeholder instead.
   */
  replaceRange?: (document: vscode.TextDocument) => vscode.Range | undefined;
}

export interface RunOptions {
  /** 'none' when the caller shows one progress for many jobs (batch generation). */
  progress?: 'notification' | 'none';
  /** Cancels this job together with others (a batch's own cancel). */
  signal?: AbortSignal;
  /** Phase and elapsed time, for callers that show progress themselves. */
  onProgress?: (report: ProgressReport) => void;
  /** false: without a target document, the saved image is not opened (the caller shows it). */
  openWithoutTarget?: boolean;
}

/** Every finished or failed generation, for history views. */
export type GenerationRecord =
  | { kind: 'completed'; provenance: Provenance; images: vscode.Uri[]; documentUri?: string }
  | { kind: 'failed'; prompt: string; width?: number; height?: number; seed?: number; taskId?: string; message: string; code?: string; resumable: boolean };

export interface GenerationOutcome {
  images: vscode.Uri[];
  inserted: boolean;
  result: GenerationResult;
}

/** Thrown (and shown) when the user stopped at a prompt; nothing was sent. */
class Dismissed extends Error {
  override name = 'CancellationError';
}

/** "Generating 45 %" while the API reports progress, else the phase alone. */
function phaseText(report: ProgressReport): string {
  const label = phaseLabel(report.phase);
  return report.phase === 'running' && report.progress !== undefined ? vscode.l10n.t('{0} {1} %', label, Math.round(report.progress * 100)) : label;
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
 * Runs generations from the editor: asks for what is missing, shows cancellable progress, keeps the
 * paid task id safe, saves the image and puts the link where the placeholder is now.
 */
export class GenerationService implements vscode.Disposable {
  private readonly semaphore: Semaphore;
  private readonly inFlight = new Set<string>();
  private readonly controllers = new Set<AbortController>();
  private readonly logger;
  /** Asks before a generation passes sparkImage.spendLimit; counts what this window spent. */
  readonly spend: SpendGuard;
  /** Replaced only by the testing API, so tests need not wait out real poll intervals. */
  pollPolicy: PollPolicy | undefined;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly pending: PendingStore,
    private readonly placeholders: PlaceholderTracker,
    private readonly statusBar: GenerationStatusBar,
    private readonly log: ExtensionLog,
    private readonly fetch: FetchLike = nodeFetch,
  ) {
    this.logger = log.for('generate');
    this.semaphore = new Semaphore(() => readSettings().maxConcurrent);
    this.spend = new SpendGuard(this.logger);
  }

  private readonly recorded = new vscode.EventEmitter<GenerationRecord>();
  readonly onDidRecord = this.recorded.event;

  /** Starts a generation; errors are shown to the user. Undefined when it failed or was dismissed. */
  async generate(spec: GenerationSpec): Promise<GenerationOutcome | undefined> {
    try {
      return await this.run(spec, {});
    } catch (error) {
      if (!(error instanceof Dismissed)) {
        void presentError(error, this.logger, { resume: (taskId) => void this.resumeById(taskId) });
      }
      return undefined;
    }
  }

  private async apiConfig(settings: SparkSettings): Promise<ApiConfig> {
    const config: ApiConfig = { baseUrl: settings.apiBaseUrl, createPath: settings.createPath, taskPath: settings.taskPath, requestFormat: settings.requestFormat, apiKey: 'unset' };
    checkApiConfig(config, translate);
    const key = await this.keys.ensure();
    if (!key) {
      throw new Dismissed();
    }
    this.log.setSecrets(this.keys.known);
    return { ...config, apiKey: key };
  }

  private workspaceFolderFor(uri: vscode.Uri | undefined): vscode.WorkspaceFolder {
    const folder = (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      throw new SparkError('config', vscode.l10n.t('Open a folder first: generated images are saved in the workspace.'));
    }
    return folder;
  }

  /**
   * The same, for callers that report errors themselves (batches): throws on failure, and returns
   * undefined only when the user dismissed a question (nothing was sent).
   */
  async tryGenerate(spec: GenerationSpec, options: RunOptions = {}): Promise<GenerationOutcome | undefined> {
    try {
      return await this.run(spec, options);
    } catch (error) {
      if (error instanceof Dismissed) {
        return undefined;
      }
      throw error;
    }
  }

  private async run(spec: GenerationSpec, options: RunOptions): Promise<GenerationOutcome> {
    const document = spec.target?.document;
    const settings = readSettings(document?.uri);
    const defaults = settings.defaultSize;
    const input = {
      prompt: spec.prompt,
      width: spec.width ?? (spec.height === undefined ? defaults?.width : undefined),
      height: spec.height ?? (spec.width === undefined ? defaults?.height : undefined),
      seed: spec.seed ?? settings.seed,
      usePreLlm: spec.usePreLlm ?? settings.promptExpansion,
      model: settings.model,
    };
    // Nothing is sent, asked or written for input the API would refuse.
    const { request, warnings } = requireValidRequest(input, { random: Math.random, t: translate });
    for (const warning of warnings) {
      this.logger.warn(warning.message);
    }
    // Placed before anything is awaited: the offset is the one the caller saw, and from here on the
    // placeholder follows every edit (a link of another job landing first, the user typing).
    const syntax = syntaxForLanguage(document?.languageId ?? 'markdown');
    const label = vscode.l10n.t('Generating “{0}”', altTextFromPrompt(request.prompt, 40));
    const placeholderId = document && spec.target ? this.placeholders.add(document, spec.target.offset, label) : undefined;
    let target: PendingTarget | undefined;
    if (document && spec.target) {
      target = { documentUri: document.uri.toString(), anchor: anchorAt(document.getText(), spec.target.offset), syntax, ownParagraph: spec.target.ownParagraph };
    }
    let api: ApiConfig;
    let folder: vscode.WorkspaceFolder;
    let ticket: SpendTicket | undefined;
    try {
      api = await this.apiConfig(settings);
      folder = this.workspaceFolderFor(document?.uri);
      // The one place a paid generation starts: past the spend limit, the user is asked first.
      ticket = await this.spend.admit(request.width, request.height);
      if (!ticket) {
        throw new Dismissed();
      }
    } catch (error) {
      if (placeholderId) {
        this.placeholders.remove(placeholderId);
      }
      throw error;
    }
    if (target && placeholderId) {
      // The anchor that survives a reload is taken where the placeholder is now.
      const now = this.placeholders.locate(placeholderId)?.offset;
      if (now !== undefined && document) {
        target = { ...target, anchor: anchorAt(document.getText(), now) };
      }
    }
    let createdTaskId: string | undefined;
    try {
      // The seed resolved above (a random one included) is the one sent, so a failure records it too.
      const result = await this.withProgress(request.prompt, placeholderId, options, (signal, onProgress) =>
        generateImage({ ...input, seed: request.seed }, api, { fetch: this.fetch, clock: systemClock, random: Math.random, logger: this.log.for('api'), t: translate }, {
          signal,
          deadlineMs: settings.timeoutSeconds * 1000,
          policy: this.pollPolicy,
          // A test's fixed schedule is followed as given, progress or not.
          progressEstimate: this.pollPolicy ? false : undefined,
          onProgress,
          // Before polling: the paid task id is safe from here on.
          onTaskCreated: async (created: CreatedTask) => {
            createdTaskId = created.taskId;
            this.inFlight.add(created.taskId);
            await this.pending.put({ taskId: created.taskId, request: created.request, createdAt: created.createdAt, target });
          },
        }),
      );
      this.spend.settleDone(ticket, result.provenance.costUsd);
      return await this.deliver(result, folder, settings, target, placeholderId, spec.target?.replaceRange, options.openWithoutTarget !== false);
    } catch (error) {
      this.spend.settleFailed(ticket, error, createdTaskId !== undefined);
      await this.recordFailure(error, createdTaskId, request);
      throw error;
    } finally {
      if (placeholderId) {
        this.placeholders.remove(placeholderId);
      }
    }
  }

  /** Resumes a task from the pending list (after a reload, a timeout or from the command). */
  /**
   * Finishes a paid task. `openWithoutTarget: false` is for front ends that show the image
   * themselves (the studio): a task with no document to link into then opens no editor tab.
   */
  async resume(entry: PendingEntry, openWithoutTarget = true): Promise<GenerationOutcome | undefined> {
    if (this.inFlight.has(entry.taskId)) {
      this.logger.info(`task ${entry.taskId} is already being finished`);
      return undefined;
    }
    this.inFlight.add(entry.taskId);
    let placeholderId: string | undefined;
    try {
      const settings = readSettings(entry.target ? vscode.Uri.parse(entry.target.documentUri) : undefined);
      const api = await this.apiConfig(settings);
      const documentUri = entry.target ? vscode.Uri.parse(entry.target.documentUri) : undefined;
      const folder = this.workspaceFolderFor(documentUri);
      if (entry.savedImage && entry.target && documentUri) {
        // The image was saved before the window went away; only the link may be missing.
        const image = vscode.Uri.parse(entry.savedImage);
        if (!(await documentLinksTo(documentUri, image))) {
          await this.placeLink(this.linkRequest(entry.request, image, entry.target), entry.target, undefined);
        }
        await this.pending.remove(entry.taskId);
        return undefined;
      }
      if (entry.target && documentUri) {
        const document = await vscode.workspace.openTextDocument(documentUri).then(
          (doc) => doc,
          () => undefined,
        );
        if (document) {
          const offset = findAnchor(document.getText(), entry.target.anchor);
          if (offset !== undefined) {
            placeholderId = this.placeholders.add(document, offset, vscode.l10n.t('Resuming “{0}”', altTextFromPrompt(entry.request.prompt, 40)));
          }
        }
      }
      const created: CreatedTask = { taskId: entry.taskId, request: entry.request, createdAt: entry.createdAt };
      const elapsed = Date.now() - entry.createdAt;
      const result = await this.withProgress(entry.request.prompt, placeholderId, {}, (signal, onProgress) =>
        resumeTask(created, api, { fetch: this.fetch, clock: systemClock, random: Math.random, logger: this.log.for('api'), t: translate }, {
          signal,
          // A fresh deadline from now, measured from the task's original creation.
          deadlineMs: elapsed + settings.timeoutSeconds * 1000,
          policy: this.pollPolicy,
          // A test's fixed schedule is followed as given, progress or not.
          progressEstimate: this.pollPolicy ? false : undefined,
          onProgress,
        }),
      );
      return await this.deliver(result, folder, settings, entry.target, placeholderId, undefined, openWithoutTarget);
    } catch (error) {
      await this.recordFailure(error, entry.taskId, entry.request);
      if (!(error instanceof Dismissed)) {
        void presentError(error, this.logger, { resume: (taskId) => void this.resumeById(taskId) });
      }
      return undefined;
    } finally {
      this.inFlight.delete(entry.taskId);
      if (placeholderId) {
        this.placeholders.remove(placeholderId);
      }
    }
  }

  async resumeById(taskId: string, openWithoutTarget = true): Promise<GenerationOutcome | undefined> {
    const entry = this.pending.get(taskId);
    if (!entry) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The task {0} is no longer pending.', taskId));
      return undefined;
    }
    return this.resume(entry, openWithoutTarget);
  }

  /** Resumes every task a previous window left running (reload, crash), once each. */
  async resumeInterrupted(): Promise<void> {
    for (const entry of this.pending.list()) {
      if (!entry.lastError && !this.inFlight.has(entry.taskId)) {
        this.logger.info(`resuming task ${entry.taskId} left by a previous window`);
        void this.resume(entry);
      }
    }
  }

  private async recordFailure(error: unknown, taskIdHint: string | undefined, request: GenerationRequest | undefined): Promise<void> {
    const taskId = (isSparkError(error) && error.taskId) || taskIdHint;
    if (request && !(error instanceof Dismissed)) {
      this.recorded.fire({
        kind: 'failed',
        prompt: request.prompt,
        width: request.width,
        height: request.height,
        seed: request.seed,
        taskId,
        message: error instanceof Error ? error.message : String(error),
        code: isSparkError(error) ? error.code : undefined,
        resumable: !!taskId && this.isResumable(error),
      });
    }
    if (!taskId) {
      return;
    }
    this.inFlight.delete(taskId);
    if (this.isResumable(error)) {
      // Paid, maybe finished later: keep it for Resume Pending Generations, but do not auto-resume.
      await this.pending.update(taskId, { lastError: error instanceof Error ? error.message : String(error) });
    } else {
      await this.pending.remove(taskId);
    }
  }

  /**
   * A paid task whose image may still be had: timed out, status checks failing, cancelled, or the
   * image could not be downloaded or saved (a setting to fix, a full disk).
   */
  private isResumable(error: unknown): boolean {
    return (
      isCancellation(error) ||
      error instanceof DestinationError ||
      !isSparkError(error) ||
      error.kind === 'timeout' ||
      error.code === '003002098' ||
      error.kind === 'auth' ||
      error.kind === 'download'
    );
  }

  private linkRequest(request: { prompt: string; width: number; height: number }, image: vscode.Uri, target: PendingTarget): LinkRequest {
    return {
      documentUri: vscode.Uri.parse(target.documentUri),
      imageUri: image,
      prompt: request.prompt,
      width: request.width,
      height: request.height,
      syntax: target.syntax,
      ownParagraph: target.ownParagraph,
    };
  }

  private async withProgress<T>(
    prompt: string,
    placeholderId: string | undefined,
    options: RunOptions,
    work: (signal: AbortSignal, onProgress: (report: ProgressReport) => void) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    if (options.signal?.aborted) {
      controller.abort();
    }
    this.controllers.add(controller);
    const statusJob = this.statusBar.started();
    try {
      const release = await this.semaphore.acquire(controller.signal);
      try {
        if (options.progress === 'none') {
          return await work(controller.signal, (report) => {
            options.onProgress?.(report);
            statusJob.progressed(report.progress);
            if (placeholderId) {
              this.placeholders.setLabel(placeholderId, vscode.l10n.t('{0} “{1}”', phaseText(report), altTextFromPrompt(prompt, 40)));
            }
          });
        }
        return await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Spark Image'), cancellable: true },
          async (progress, token) => {
            const cancel = token.onCancellationRequested(() => controller.abort());
            const shortPrompt = altTextFromPrompt(prompt, 40);
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
                this.placeholders.setLabel(placeholderId, message);
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
          },
        );
      } finally {
        release();
      }
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
      this.controllers.delete(controller);
      statusJob.ended();
    }
  }

  private async deliver(
    result: GenerationResult,
    folder: vscode.WorkspaceFolder,
    settings: SparkSettings,
    target: PendingTarget | undefined,
    placeholderId: string | undefined,
    replaceRange?: (document: vscode.TextDocument) => vscode.Range | undefined,
    openWithoutTarget = true,
  ): Promise<GenerationOutcome> {
    const provenance = result.provenance;
    const saved: vscode.Uri[] = [];
    const documentUri = target ? vscode.Uri.parse(target.documentUri) : undefined;
    for (const image of result.images) {
      let destination: vscode.Uri;
      if (documentUri?.scheme === 'untitled') {
        destination = await this.askDestination(folder, image.info.extension, provenance.prompt);
      } else {
        destination = await chooseDestination({ documentUri, workspaceFolder: folder }, settings, image.provenance, image.info.extension);
      }
      // Provenance travels inside the file (PNG iTXt / JPEG COM), so the image can be reproduced anywhere.
      await writeImage(destination, embedProvenance(image.bytes, image.provenance) ?? image.bytes);
      saved.push(destination);
      this.logger.info(`saved ${destination.path} (${image.bytes.byteLength} bytes, seed ${image.provenance.seed}, cost ${image.provenance.costUsd ?? '?'} USD)`);
    }
    await this.pending.update(provenance.taskId, { savedImage: saved[0].toString() });
    this.statusBar.paid(provenance.costUsd, saved.length);
    let inserted = false;
    if (target && documentUri) {
      // Located when the edit is applied (after other links queued for this document), not before.
      const located = placeholderId
        ? () => {
            this.placeholders.conceal(placeholderId);
            return this.placeholders.locate(placeholderId)?.offset;
          }
        : undefined;
      const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === documentUri.toString());
      if (open && replaceRange && replaceRange(open)) {
        inserted = await replaceWithLink(this.linkRequest(provenance, saved[0], target), open, replaceRange);
      } else {
        for (const image of saved) {
          inserted = (await this.placeLink(this.linkRequest(provenance, image, target), target, located)) || inserted;
        }
      }
      if (placeholderId) {
        this.placeholders.remove(placeholderId);
      }
    } else if (saved[0] && openWithoutTarget) {
      await vscode.commands.executeCommand('vscode.open', saved[0]);
    }
    await this.pending.remove(provenance.taskId);
    this.inFlight.delete(provenance.taskId);
    this.recorded.fire({ kind: 'completed', provenance, images: saved, documentUri: target?.documentUri });
    return { images: saved, inserted, result };
  }

  /** Puts the link at the placeholder; if its document is gone, offers the link instead of losing it. */
  private async placeLink(request: LinkRequest, target: PendingTarget, offset: (() => number | undefined) | undefined): Promise<boolean> {
    const started = Date.now();
    const placed = offset !== undefined && offset() !== undefined ? await insertLinkAt(request, offset) : await insertLinkAtAnchor(request, target.anchor);
    const where = vscode.workspace.asRelativePath(request.documentUri);
    if (placed) {
      this.logger.info(`linked ${vscode.workspace.asRelativePath(request.imageUri)} in ${where} (${Date.now() - started} ms)`);
      return true;
    }
    this.logger.warn(`could not place the link in ${where}: its place is gone`);
    const link = linkFor(request);
    const copy = vscode.l10n.t('Copy Link');
    const open = vscode.l10n.t('Open Image');
    void vscode.window
      .showWarningMessage(vscode.l10n.t('The image was saved to {0}, but its place in {1} is gone. Copy the link to insert it yourself.', vscode.workspace.asRelativePath(request.imageUri), vscode.workspace.asRelativePath(request.documentUri)), copy, open)
      .then(async (choice) => {
        if (choice === copy) {
          await vscode.env.clipboard.writeText(link);
        } else if (choice === open) {
          await vscode.commands.executeCommand('vscode.open', request.imageUri);
        }
      });
    return false;
  }

  private async askDestination(folder: vscode.WorkspaceFolder, extension: string, prompt: string): Promise<vscode.Uri> {
    const suggested = vscode.Uri.joinPath(folder.uri, 'images', `${slugify(prompt)}.${extension}`);
    const chosen = await vscode.window.showSaveDialog({ defaultUri: suggested, title: vscode.l10n.t('Save the generated image'), filters: { [vscode.l10n.t('Images')]: [extension] } });
    if (!chosen) {
      throw new Dismissed();
    }
    return chosen;
  }

  /** For shutdown: stop every request now. */
  cancelAll(): void {
    for (const controller of this.controllers) {
      controller.abort();
    }
  }

  dispose(): void {
    this.cancelAll();
    this.recorded.dispose();
  }
}

export function selectionTarget(editor: vscode.TextEditor): { document: vscode.TextDocument; offset: number; ownParagraph: boolean } {
  const text = editor.document.getText();
  return { document: editor.document, offset: endOfLine(text, editor.document.offsetAt(editor.selection.end)), ownParagraph: true };
}
