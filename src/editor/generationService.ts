import * as vscode from 'vscode';
import { systemClock } from '../core/clock';
import { ApiConfig, checkApiConfig } from '../core/client';
import { isSparkError, SparkError } from '../core/errors';
import { GenerationJob, isJobFailure, JobFailure, JobOutcome } from '../core/job/generationJob';
import { GeneratedImage } from '../core/job/ports';
import { FetchLike } from '../core/http';
import { anchorAt, endOfLine, findAnchor } from '../core/insertion';
import { altTextFromPrompt, syntaxForLanguage } from '../core/linkText';
import { slugify } from '../core/naming';
import { ProgressReport } from '../core/polling';
import { PollPolicy } from '../core/pollPolicy';
import { Provenance } from '../core/provenance';
import { PromptExpansion } from '../core/validation';
import { nodeFetch } from '../node/nodeFetch';
import { ApiKeyStore } from './apiKey';
import { readSettings, SparkSettings } from './config';
import { EditorLinkPlacer, LinkBinding } from './editorLinkPlacer';
import { presentError } from './errorPresenter';
import { JobProgress, ProgressOptions } from './jobProgress';
import { translate } from './l10n';
import { LinkEditQueue } from './linkEditQueue';
import { ExtensionLog } from './log';
import { PendingEntry, PendingStore, PendingTarget } from './pendingStore';
import { PlaceholderTracker } from './placeholders';
import { Semaphore } from './semaphore';
import { SpendGuard } from './spendGuard';
import { GenerationStatusBar } from './statusBar';
import { WorkspaceImageSink } from './workspaceImageSink';

export interface GenerationSpec {
  prompt: string;
  width?: number;
  height?: number;
  seed?: number;
  usePreLlm?: PromptExpansion;
  /** Where the link goes; undefined saves the image and opens it. */
  target?: GenerationTarget;
}

export interface GenerationTarget extends Pick<LinkBinding, 'replaceRange'> {
  document: vscode.TextDocument;
  offset: number;
  ownParagraph: boolean;
}

export interface RunOptions extends ProgressOptions {
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
  result: JobOutcome<vscode.Uri>['result'];
}

/** What one job of this window is made of. */
interface JobContext {
  api: ApiConfig;
  settings: SparkSettings;
  folder: vscode.WorkspaceFolder;
  target: PendingTarget | undefined;
  binding: LinkBinding;
  signal: AbortSignal;
  onProgress: (report: ProgressReport) => void;
  resumedAfterMs?: number;
}

/** Thrown (and shown) when the user stopped at a prompt; nothing was sent. */
class Dismissed extends Error {
  override name = 'CancellationError';
}

/**
 * The editor's front end of the delivery pipeline: settings and key, the placeholder, the progress
 * people see, and what is recorded; the GenerationJob does the rest, for new and resumed tasks alike.
 */
export class GenerationService implements vscode.Disposable {
  private readonly inFlight = new Set<string>();
  private readonly logger;
  private readonly progress: JobProgress;
  private readonly recorded = new vscode.EventEmitter<GenerationRecord>();
  readonly onDidRecord = this.recorded.event;
  /** The one queue every link edit goes through (commands, directives, the studio). */
  readonly links = new LinkEditQueue();
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
    this.progress = new JobProgress(new Semaphore(() => readSettings().maxConcurrent), statusBar, placeholders);
    this.spend = new SpendGuard(this.logger);
  }

  /** Starts a generation; errors are shown to the user. Undefined when it failed or was dismissed. */
  async generate(spec: GenerationSpec): Promise<GenerationOutcome | undefined> {
    try {
      return await this.run(spec, {});
    } catch (error) {
      this.present(error);
      return undefined;
    }
  }

  /** For callers that report errors themselves (batches): throws, or undefined when the user dismissed a question. */
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
    // Nothing is sent, asked or written for input the API would refuse.
    const { request, warnings } = GenerationJob.validate(
      {
        prompt: spec.prompt,
        width: spec.width ?? (spec.height === undefined ? defaults?.width : undefined),
        height: spec.height ?? (spec.width === undefined ? defaults?.height : undefined),
        seed: spec.seed ?? settings.seed,
        usePreLlm: spec.usePreLlm ?? settings.promptExpansion,
        model: settings.model,
      },
      { random: Math.random, t: translate },
    );
    warnings.forEach((warning) => this.logger.warn(warning.message));
    // Placed before anything is awaited: the offset is the one the caller saw; from here on the
    // placeholder follows every edit (a link of another job landing first, the user typing).
    const label = vscode.l10n.t('Generating “{0}”', altTextFromPrompt(request.prompt, 40));
    const placeholderId = document && spec.target ? this.placeholders.add(document, spec.target.offset, label) : undefined;
    try {
      const api = await this.apiConfig(settings);
      const folder = this.workspaceFolderFor(document?.uri);
      // The one place a paid generation starts: past the spend limit, the user is asked first.
      const ticket = await this.spend.admit(request.width, request.height);
      if (!ticket) {
        throw new Dismissed();
      }
      // The anchor that survives a reload is taken where the placeholder is now.
      const offset = placeholderId ? this.placeholders.locate(placeholderId)?.offset : undefined;
      const target: PendingTarget | undefined =
        document && spec.target ? { documentUri: document.uri.toString(), anchor: anchorAt(document.getText(), offset ?? spec.target.offset), syntax: syntaxForLanguage(document.languageId), ownParagraph: spec.target.ownParagraph } : undefined;
      let job: GenerationJob<PendingTarget, vscode.Uri> | undefined;
      try {
        const outcome = await this.progress.run(request.prompt, placeholderId, options, (signal, onProgress) => {
          job = this.newJob({ api, settings, folder, target, binding: { placeholderId, replaceRange: spec.target?.replaceRange }, signal, onProgress });
          return job.run(request);
        });
        this.spend.settleDone(ticket, outcome.result.provenance.costUsd);
        return await this.delivered(outcome, target, options.openWithoutTarget !== false);
      } catch (thrown) {
        this.spend.settleFailed(ticket, isJobFailure(thrown) ? thrown.error : thrown, job?.createdTaskId !== undefined);
        throw this.failed(thrown);
      }
    } finally {
      if (placeholderId) {
        this.placeholders.remove(placeholderId);
      }
    }
  }

  /**
   * Finishes a paid task (after a reload, a timeout or from the command). `openWithoutTarget: false`
   * is for front ends that show the image themselves (the studio): then no editor tab opens.
   */
  async resume(entry: PendingEntry, openWithoutTarget = true): Promise<GenerationOutcome | undefined> {
    if (this.inFlight.has(entry.taskId)) {
      this.logger.info(`task ${entry.taskId} is already being finished`);
      return undefined;
    }
    this.inFlight.add(entry.taskId);
    const placeholderId = await this.resumePlaceholder(entry);
    try {
      const documentUri = entry.target ? vscode.Uri.parse(entry.target.documentUri) : undefined;
      const settings = readSettings(documentUri);
      const [api, folder] = [await this.apiConfig(settings), this.workspaceFolderFor(documentUri)];
      // A fresh deadline from now, measured from the task's original creation.
      const resumedAfterMs = Date.now() - entry.createdAt;
      const outcome = await this.progress.run(entry.request.prompt, placeholderId, {}, (signal, onProgress) =>
        this.newJob({ api, settings, folder, target: entry.target, binding: { placeholderId }, signal, onProgress, resumedAfterMs }).resume(entry),
      );
      return outcome === 'linkedAlready' ? undefined : await this.delivered(outcome, entry.target, openWithoutTarget);
    } catch (thrown) {
      this.present(this.failed(thrown));
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

  /** One job: the pipeline with this window's sink, placer and pending store. */
  private newJob(parts: JobContext): GenerationJob<PendingTarget, vscode.Uri> {
    const { api, settings, folder, target, binding, signal, onProgress, resumedAfterMs = 0 } = parts;
    return new GenerationJob<PendingTarget, vscode.Uri>({
      api,
      deps: { fetch: this.fetch, clock: systemClock, random: Math.random, logger: this.log.for('api'), t: translate },
      sink: new WorkspaceImageSink({ folder, settings, logger: this.logger, askDestination: (image) => this.askDestination(folder, image) }),
      placer: new EditorLinkPlacer(this.links, this.placeholders, this.logger, binding),
      pending: this.pending,
      target,
      onTaskCreated: (created) => void this.inFlight.add(created.taskId),
      polling: {
        signal,
        onProgress,
        deadlineMs: resumedAfterMs + settings.timeoutSeconds * 1000,
        policy: this.pollPolicy,
        // A test's fixed schedule is followed as given, progress or not.
        progressEstimate: this.pollPolicy ? false : undefined,
      },
    });
  }

  private async delivered(outcome: JobOutcome<vscode.Uri>, target: PendingTarget | undefined, openWithoutTarget: boolean): Promise<GenerationOutcome> {
    const images = outcome.saved.map((saved) => saved.location);
    const provenance = outcome.result.provenance;
    this.statusBar.paid(provenance.costUsd, images.length);
    this.inFlight.delete(provenance.taskId);
    if (!target && images[0] && openWithoutTarget) {
      await vscode.commands.executeCommand('vscode.open', images[0]);
    }
    this.recorded.fire({ kind: 'completed', provenance, images, documentUri: target?.documentUri });
    return { images, inserted: outcome.placed, result: outcome.result };
  }

  /** Records a failed job for the history views and hands back the error itself. */
  private failed(thrown: unknown): unknown {
    if (!isJobFailure(thrown)) {
      return thrown;
    }
    const { error, taskId, request, resumable }: JobFailure = thrown;
    if (taskId) {
      this.inFlight.delete(taskId);
    }
    if (!(error instanceof Dismissed)) {
      const message = error instanceof Error ? error.message : String(error);
      this.recorded.fire({ kind: 'failed', prompt: request.prompt, width: request.width, height: request.height, seed: request.seed, taskId, message, code: isSparkError(error) ? error.code : undefined, resumable });
    }
    return error;
  }

  private present(error: unknown): void {
    if (!(error instanceof Dismissed)) {
      void presentError(error, this.logger, { resume: (taskId) => void this.resumeById(taskId) });
    }
  }

  private async resumePlaceholder(entry: PendingEntry): Promise<string | undefined> {
    if (!entry.target || entry.savedImage) {
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.target.documentUri)).then(
      (doc) => doc,
      () => undefined,
    );
    const offset = document ? findAnchor(document.getText(), entry.target.anchor) : undefined;
    return document && offset !== undefined ? this.placeholders.add(document, offset, vscode.l10n.t('Resuming “{0}”', altTextFromPrompt(entry.request.prompt, 40))) : undefined;
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

  private async askDestination(folder: vscode.WorkspaceFolder, image: GeneratedImage): Promise<vscode.Uri> {
    const extension = image.info.extension;
    const suggested = vscode.Uri.joinPath(folder.uri, 'images', `${slugify(image.provenance.prompt)}.${extension}`);
    const chosen = await vscode.window.showSaveDialog({ defaultUri: suggested, title: vscode.l10n.t('Save the generated image'), filters: { [vscode.l10n.t('Images')]: [extension] } });
    if (!chosen) {
      throw new Dismissed();
    }
    return chosen;
  }

  /** For shutdown: stop every request now. */
  cancelAll(): void {
    this.progress.cancelAll();
  }

  dispose(): void {
    this.progress.dispose();
    this.recorded.dispose();
  }
}

export function selectionTarget(editor: vscode.TextEditor): GenerationTarget {
  const text = editor.document.getText();
  return { document: editor.document, offset: endOfLine(text, editor.document.offsetAt(editor.selection.end)), ownParagraph: true };
}
