import { styleRecordingSink } from '../../core/job/styledSink';
import * as vscode from 'vscode';
import { FetchLike } from '../../core/api/http';
import { systemClock } from '../../core/base/clock';
import { GenerationJob } from '../../core/job/generationJob';
import { ProgressReport } from '../../core/polling/polling';
import { PollPolicy } from '../../core/polling/pollPolicy';
import { askWhereToSave } from '../connection';
import { translate } from '../l10n';
import { EditorLinkPlacer, LinkBinding } from '../links/editorLinkPlacer';
import { EditAttempt, LinkEditQueue } from '../links/linkEditQueue';
import { insertLinkAt, LinkRequest } from '../links/linkInserter';
import { PlaceholderTracker } from '../links/placeholders';
import { ExtensionLog } from '../log';
import { WorkspaceImageSink } from '../saving/workspaceImageSink';
import { JobPlace } from './generationTypes';
import { PendingStore, PendingTarget } from './pendingStore';

/** What a running job reports to, and how long it may take. */
export interface JobWatch {
  signal: AbortSignal;
  onProgress: (report: ProgressReport) => void;
  /** A resumed task: its deadline runs from now, measured from its creation. */
  resumedAfterMs?: number;
}

/**
 * This window's delivery pipeline: the one link queue every front end's edits go through, the
 * pending store, the tasks in flight, and the jobs made of them (workspace sink, editor placer).
 */
export class WindowJobs {
  /** The one queue every link edit goes through (commands, directives, the studio). */
  private readonly links = new LinkEditQueue();
  /** Tasks this window is polling: a reload's resume never races this window's own poll. */
  private readonly inFlight = new Set<string>();
  /** Set only through the testing API, so tests need not wait out real poll intervals. */
  private pollPolicy: PollPolicy | undefined;

  constructor(
    private readonly fetch: FetchLike,
    private readonly log: ExtensionLog,
    private readonly placeholders: PlaceholderTracker,
    private readonly pending: PendingStore,
  ) {}

  newJob(place: JobPlace, binding: LinkBinding, watch: JobWatch): GenerationJob<PendingTarget, vscode.Uri> {
    const { api, settings, folder, target, styled, sink } = place;
    const logger = this.log.for('generate');
    const policy = this.pollPolicy;
    return new GenerationJob<PendingTarget, vscode.Uri>({
      api,
      deps: { fetch: this.fetch, clock: systemClock, random: Math.random, logger: this.log.for('api'), t: translate },
      sink: styleRecordingSink(sink ?? new WorkspaceImageSink({ folder, settings, logger, askDestination: (image) => askWhereToSave(folder, image) }), styled ?? target?.styled),
      placer: new EditorLinkPlacer(this.links, this.placeholders, logger, binding),
      pending: this.pending,
      target,
      onTaskCreated: (created) => void this.inFlight.add(created.taskId),
      polling: {
        signal: watch.signal,
        onProgress: watch.onProgress,
        deadlineMs: (watch.resumedAfterMs ?? 0) + settings.timeoutSeconds * 1000,
        policy,
        // A test's fixed schedule is followed as given, progress or not.
        progressEstimate: policy ? false : undefined,
      },
    });
  }

  /** Marks a task in flight; false when it is already (a resume must not poll it twice). */
  claim(taskId: string): boolean {
    if (this.inFlight.has(taskId)) {
      return false;
    }
    this.inFlight.add(taskId);
    return true;
  }

  isInFlight(taskId: string): boolean {
    return this.inFlight.has(taskId);
  }

  release(taskId: string | undefined): void {
    if (taskId !== undefined) {
      this.inFlight.delete(taskId);
    }
  }

  editLinks(uri: vscode.Uri, what: string, attempt: () => Promise<EditAttempt>): Promise<boolean> {
    return this.links.apply(uri, what, attempt);
  }

  insertLink(request: LinkRequest, offset: number | (() => number | undefined)): Promise<boolean> {
    return insertLinkAt(this.links, request, offset);
  }

  get linkEditHistory(): LinkEditQueue['history'] {
    return this.links.history;
  }

  setPollInterval(ms: number | undefined): void {
    this.pollPolicy = ms === undefined ? undefined : { name: `test ${ms} ms`, jitter: 0, delay: () => ms };
  }
}
