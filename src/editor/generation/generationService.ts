import * as vscode from 'vscode';
import { GenerationJob, JobFailure } from '../../core/job/generationJob';
import { FetchLike } from '../../core/api/http';
import { nodeFetch } from '../../node/nodeFetch';
import { ApiKeyStore } from '../apiKey';
import { readSettings } from '../config';
import { EditorConnection } from '../connection';
import { Dismissed } from '../dismissed';
import { presentError } from './errorPresenter';
import { CheckedGeneration, GenerationOutcome, GenerationRecord, GenerationSpec, inputFor, pendingTargetFor, RunOptions } from './generationTypes';
import { JobProgress, placeholderLabel } from './jobProgress';
import { JobRecorder } from './jobRecorder';
import { translate, withSource } from '../l10n';
import { ExtensionLog } from '../log';
import { PendingEntry, PendingStore, PendingTarget } from './pendingStore';
import { PlaceholderTracker } from '../links/placeholders';
import { resumePlaceholder } from './resumePlaceholder';
import { Semaphore } from '../semaphore';
import { learnFromDelivery } from './priceMemory';
import { SpendGuard } from './spendGuard';
import { RequestChecks } from './requestChecks';
import { WindowJobs } from './windowJobs';
import type { EditAttempt } from '../links/linkEditQueue';
import type { LinkRequest } from '../links/linkInserter';
import { GenerationStatusBar } from './statusBar';

export type { CheckedGeneration, GenerationOutcome, GenerationRecord, GenerationSpec, GenerationTarget, RunOptions } from './generationTypes';
/**
 * The editor's front end of the delivery pipeline: settings and key, the placeholder, the progress
 * people see, and what is recorded; the GenerationJob does the rest, for new and resumed tasks alike.
 */
export class GenerationService implements vscode.Disposable {
  private readonly connection: EditorConnection;
  private readonly logger;
  private readonly progress: JobProgress;
  private readonly recorder: JobRecorder;
  /** Asks before a generation passes sparkImage.spendLimit (admitAll: a group at once); counts what this window spent. */
  readonly spend: SpendGuard;
  private readonly jobs: WindowJobs;
  private readonly checks = new RequestChecks();

  constructor(
    keys: ApiKeyStore,
    private readonly pending: PendingStore,
    private readonly placeholders: PlaceholderTracker,
    statusBar: GenerationStatusBar,
    log: ExtensionLog,
    fetch: FetchLike = nodeFetch,
  ) {
    this.logger = log.for('generate');
    this.connection = new EditorConnection(keys, log);
    this.progress = new JobProgress(new Semaphore(() => readSettings().maxConcurrent), statusBar, placeholders);
    this.spend = new SpendGuard(this.logger);
    this.recorder = new JobRecorder(statusBar);
    statusBar.watchKey(keys);
    this.jobs = new WindowJobs(fetch, log, placeholders, pending);
  }

  /**
   * Runs a link edit of a front end (the studio's Insert, a directive's link) through the window's
   * one queue, so it never races a generation's own link in the same document.
   */
  editLinks(uri: vscode.Uri, what: string, attempt: () => Promise<EditAttempt>): Promise<boolean> {
    return this.jobs.editLinks(uri, what, attempt);
  }

  /** Inserts a link at an offset (or where a function finds it when its turn comes), through the one queue. */
  insertLink(request: LinkRequest, offset: number | (() => number | undefined)): Promise<boolean> {
    return this.jobs.insertLink(request, offset);
  }

  /** What an image of this size is estimated to cost now (the price set, learned from bills, or assumed). */
  estimateUsd(width: number, height: number): number {
    return this.spend.estimateUsd(width, height);
  }

  /** What this window session has spent: the API's reported costs, and estimates for what still runs. */
  get spentUsd(): number {
    return this.spend.ledger.spentUsd;
  }

  /** Test-only: the link edits of this window, in order. */
  get linkEditHistory(): WindowJobs['linkEditHistory'] {
    return this.jobs.linkEditHistory;
  }

  /** Test-only: counts the checks of requests from now on (a spy on checkRequest). */
  readonly countRequestChecks = (): { readonly count: number } => this.checks.countFromNow();

  /** Test-only: a fixed poll interval (undefined: the adaptive schedule). */
  readonly setPollInterval = (ms: number | undefined): void => this.jobs.setPollInterval(ms);

  /** Every finished or failed generation, for history views. */
  get onDidRecord(): vscode.Event<GenerationRecord> {
    return this.recorder.onDidRecord;
  }

  /**
   * The one check of a generation, before anything is asked, placed or sent: the settings fill what
   * the spec leaves out, then every rule of the API. Throws a validation SparkError listing each broken rule.
   */
  check(spec: GenerationSpec): CheckedGeneration {
    const settings = { ...readSettings(spec.target?.document.uri), ...spec.saveAs };
    const { request, warnings } = this.checks.check(inputFor(spec, settings), { random: Math.random, t: translate });
    warnings.forEach((warning) => this.logger.warn(warning.message));
    return { spec, settings, request };
  }

  /** Starts a generation; errors are shown to the user. Undefined when it failed or was dismissed. */
  async generate(spec: GenerationSpec): Promise<GenerationOutcome | undefined> {
    try {
      return await this.run(this.check(spec), {});
    } catch (error) {
      this.present(error);
      return undefined;
    }
  }

  /** For callers that report errors themselves (batches): throws, or undefined when the user dismissed a question. */
  tryGenerate(spec: GenerationSpec, options: RunOptions = {}): Promise<GenerationOutcome | undefined> {
    return this.undefinedIfDismissed(() => this.run(this.check(spec), options));
  }

  /** A generation checked before (see check), run as it is: the caller showed the request first (the studio). */
  generateChecked(checked: CheckedGeneration, options: RunOptions = {}): Promise<GenerationOutcome | undefined> {
    return this.undefinedIfDismissed(() => this.run(checked, options));
  }

  private async undefinedIfDismissed(run: () => Promise<GenerationOutcome>): Promise<GenerationOutcome | undefined> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Dismissed) {
        return undefined;
      }
      throw error;
    }
  }

  private async run({ spec, settings, request }: CheckedGeneration, options: RunOptions): Promise<GenerationOutcome> {
    const document = spec.target?.document;
    // Placed before anything is awaited: the offset is the one the caller saw; from here on the
    // placeholder follows every edit (a link of another job landing first, the user typing).
    const placeholderId = document && spec.target ? this.placeholders.add(document, spec.target.offset, placeholderLabel()) : undefined;
    try {
      const api = await this.connection.apiConfig(settings);
      const folder = this.connection.workspaceFolderFor(document?.uri);
      // The one place a paid generation starts: past the spend limit, the user is asked first (or was, for all of a group).
      const ticket = options.ticket ?? (await this.spend.admit(request.width, request.height));
      if (!ticket) {
        throw new Dismissed();
      }
      // The anchor that survives a reload is taken where the placeholder is now.
      const offset = placeholderId ? this.placeholders.locate(placeholderId)?.offset : undefined;
      const target = spec.target && pendingTargetFor(spec.target, offset, spec.styled);
      let job: GenerationJob<PendingTarget, vscode.Uri> | undefined;
      try {
        const outcome = await this.progress.run(request.prompt, placeholderId, options, (signal, onProgress) => {
          job = this.jobs.newJob({ api, settings, folder, target, styled: spec.styled, sink: options.sink }, { placeholderId, replaceRange: spec.target?.replaceRange }, { signal, onProgress });
          return job.run(request);
        });
        this.spend.settleDone(ticket, outcome.result.provenance.costUsd);
        // Learned before the next estimate is made: a completed task's bill teaches its unit price.
        await learnFromDelivery(outcome.result.provenance);
        return await this.recorder.completed(outcome, target, options.openWithoutTarget !== false);
      } catch (thrown) {
        this.spend.settleFailed(ticket, JobFailure.causeOf(thrown), job?.createdTaskId !== undefined);
        throw this.recorder.failed(thrown);
      } finally {
        this.jobs.release(job?.createdTaskId);
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
    if (!this.jobs.claim(entry.taskId)) {
      this.logger.info(`task ${entry.taskId} is already being finished`);
      return undefined;
    }
    const placeholderId = await resumePlaceholder(this.placeholders, entry);
    try {
      const documentUri = entry.target ? vscode.Uri.parse(entry.target.documentUri) : undefined;
      const settings = readSettings(documentUri);
      const [api, folder] = [await this.connection.apiConfig(settings), this.connection.workspaceFolderFor(documentUri)];
      // A fresh deadline from now, measured from the task's original creation.
      const resumedAfterMs = Date.now() - entry.createdAt;
      const outcome = await this.progress.run(entry.request.prompt, placeholderId, {}, (signal, onProgress) =>
        this.jobs.newJob({ api, settings, folder, target: entry.target }, { placeholderId }, { signal, onProgress, resumedAfterMs }).resume(entry),
      );
      if (outcome === 'linkedAlready') {
        return undefined;
      }
      await learnFromDelivery(outcome.result.provenance);
      return await this.recorder.completed(outcome, entry.target, openWithoutTarget);
    } catch (thrown) {
      this.present(this.recorder.failed(thrown));
      return undefined;
    } finally {
      this.jobs.release(entry.taskId);
      if (placeholderId) {
        this.placeholders.remove(placeholderId);
      }
    }
  }

  async resumeById(taskId: string, openWithoutTarget = true): Promise<GenerationOutcome | undefined> {
    const entry = this.pending.get(taskId);
    if (!entry) {
      void vscode.window.showWarningMessage(withSource(vscode.l10n.t('The task {0} is no longer pending.', taskId)));
      return undefined;
    }
    return this.resume(entry, openWithoutTarget);
  }

  /** Resumes every task a previous window left running (reload, crash), once each. */
  async resumeInterrupted(): Promise<void> {
    for (const entry of this.pending.list()) {
      if (!entry.lastError && !this.jobs.isInFlight(entry.taskId)) {
        this.logger.info(`resuming task ${entry.taskId} left by a previous window`);
        void this.resume(entry);
      }
    }
  }

  private present(error: unknown): void {
    if (!(error instanceof Dismissed)) {
      void presentError(error, this.logger, { resume: (taskId) => void this.resumeById(taskId) });
    }
  }

  /** For shutdown: stop every request now. */
  cancelAll(): void {
    this.progress.cancelAll();
  }

  dispose(): void {
    this.progress.dispose();
    this.recorder.dispose();
  }
}
