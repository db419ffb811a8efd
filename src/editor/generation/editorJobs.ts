import * as vscode from 'vscode';
import { ApiConfig } from '../../core/api/client';
import { systemClock } from '../../core/base/clock';
import { FetchLike } from '../../core/api/http';
import { findAnchor } from '../../core/links/insertion';
import { GenerationJob } from '../../core/job/generationJob';
import { altTextFromPrompt } from '../../core/links/linkText';
import { ProgressReport } from '../../core/polling/polling';
import { PollPolicy } from '../../core/polling/pollPolicy';
import { SparkSettings } from '../config';
import { askWhereToSave } from '../connection';
import { EditorLinkPlacer, LinkBinding } from '../links/editorLinkPlacer';
import { translate } from '../l10n';
import { LinkEditQueue } from '../links/linkEditQueue';
import { ExtensionLog } from '../log';
import { PendingEntry, PendingStore, PendingTarget } from './pendingStore';
import { PlaceholderTracker } from '../links/placeholders';
import { WorkspaceImageSink } from '../saving/workspaceImageSink';

/** What one job of this window is made of. */
export interface JobContext {
  api: ApiConfig;
  settings: SparkSettings;
  folder: vscode.WorkspaceFolder;
  target: PendingTarget | undefined;
  binding: LinkBinding;
  signal: AbortSignal;
  onProgress: (report: ProgressReport) => void;
  /** A resumed task: its deadline runs from now, measured from its creation. */
  resumedAfterMs?: number;
}

export interface EditorJobParts {
  fetch: FetchLike;
  log: ExtensionLog;
  links: LinkEditQueue;
  placeholders: PlaceholderTracker;
  pending: PendingStore;
  onTaskCreated(taskId: string): void;
  /** A test's fixed schedule, when set. */
  pollPolicy(): PollPolicy | undefined;
}

/** Makes this window's jobs: the pipeline with the workspace sink, the editor's placer and the pending store. */
export class EditorJobs {
  constructor(private readonly parts: EditorJobParts) {}

  create(context: JobContext): GenerationJob<PendingTarget, vscode.Uri> {
    const { api, settings, folder, target, binding, signal, onProgress, resumedAfterMs = 0 } = context;
    const { fetch, log, links, placeholders, pending } = this.parts;
    const logger = log.for('generate');
    const policy = this.parts.pollPolicy();
    return new GenerationJob<PendingTarget, vscode.Uri>({
      api,
      deps: { fetch, clock: systemClock, random: Math.random, logger: log.for('api'), t: translate },
      sink: new WorkspaceImageSink({ folder, settings, logger, askDestination: (image) => askWhereToSave(folder, image) }),
      placer: new EditorLinkPlacer(links, placeholders, logger, binding),
      pending,
      target,
      onTaskCreated: (created) => this.parts.onTaskCreated(created.taskId),
      polling: {
        signal,
        onProgress,
        deadlineMs: resumedAfterMs + settings.timeoutSeconds * 1000,
        policy,
        // A test's fixed schedule is followed as given, progress or not.
        progressEstimate: policy ? false : undefined,
      },
    });
  }
}

/** A resumed task's placeholder, at the anchor its document still has (none once its image is saved). */
export async function resumePlaceholder(placeholders: PlaceholderTracker, entry: PendingEntry): Promise<string | undefined> {
  if (!entry.target || entry.savedImage) {
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.target.documentUri)).then(
    (doc) => doc,
    () => undefined,
  );
  const offset = document ? findAnchor(document.getText(), entry.target.anchor) : undefined;
  return document && offset !== undefined ? placeholders.add(document, offset, vscode.l10n.t('Resuming “{0}”', altTextFromPrompt(entry.request.prompt, 40))) : undefined;
}
