import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { choiceOfExpansion } from '../../core/spec/expansion';
import { sanitizeServerText } from '../../core/spec/errors';
import type { GenerationRecord } from '../../editor/generation/generationTypes';
import type { PendingEntry, PendingStore } from '../../editor/generation/pendingStore';
import type { LinkRequest } from '../../editor/links/linkInserter';
import { uriExists } from '../../editor/saving/uriExists';
import { HistoryEntry, HistoryStore, StateStore } from './historyStore';
import type { HistoryView } from '../protocol';
import { isKept } from '../variations/keptImages';

/** A fresh id for a job, or for a failed generation that never got a task id. */
export function newId(): string {
  return randomBytes(9).toString('base64url');
}

/** A finished or failed generation as the studio's history keeps it (server text made safe to show). */
function historyEntryOf(record: GenerationRecord): HistoryEntry {
  if (record.kind === 'completed') {
    const p = record.provenance;
    return {
      id: p.taskId,
      status: 'completed',
      prompt: p.prompt,
      width: p.width,
      height: p.height,
      seed: p.seed,
      expansion: choiceOfExpansion(p.usePreLlm),
      costUsd: p.costUsd,
      createdAt: p.createdAt,
      taskId: p.taskId,
      resumable: false,
      image: record.images[0]?.toString(),
      documentUri: record.documentUri,
    };
  }
  return {
    id: record.taskId ?? newId(),
    status: 'failed',
    prompt: record.prompt,
    width: record.width,
    height: record.height,
    seed: record.seed,
    createdAt: new Date().toISOString(),
    taskId: record.taskId,
    message: sanitizeServerText(record.message),
    code: record.code,
    resumable: record.resumable,
  };
}

/** Pending tasks (paid, not finished) that the history does not show yet, as history entries. */
function pendingHistoryEntries(pending: readonly PendingEntry[], known: ReadonlySet<string>): HistoryEntry[] {
  return pending
    .filter((p) => !known.has(p.taskId))
    .map((p) => ({
      id: p.taskId,
      status: 'pending' as const,
      prompt: p.request.prompt,
      width: p.request.width,
      height: p.request.height,
      seed: p.request.seed,
      expansion: choiceOfExpansion(p.request.use_pre_llm),
      createdAt: new Date(p.createdAt).toISOString(),
      taskId: p.taskId,
      message: p.lastError ? sanitizeServerText(p.lastError) : undefined,
      resumable: true,
    }));
}

/**
 * The studio's history as the page shows it: the stored rows of this workspace and the paid tasks still
 * pending, each with its image's path and, while the file exists, a URI the page may load.
 */
export class StudioHistory {
  private readonly store: HistoryStore;

  constructor(
    state: StateStore,
    private readonly pending: PendingStore,
    /** Where the variations not used yet are kept (outside the workspace). */
    private readonly keptFolder: vscode.Uri,
  ) {
    this.store = new HistoryStore(state);
  }

  /** The kept file of a variation not used yet; undefined for any other entry. */
  keptImageOf(id: string): vscode.Uri | undefined {
    const image = this.store.get(id)?.image;
    const uri = image ? vscode.Uri.parse(image) : undefined;
    return uri && isKept(this.keptFolder, uri) ? uri : undefined;
  }

  /** A kept variation was used: its entry now names the image in the workspace. */
  async adopted(id: string, image: vscode.Uri, documentUri: vscode.Uri | undefined): Promise<void> {
    const entry = this.store.get(id);
    if (entry) {
      await this.store.add({ ...entry, image: image.toString(), documentUri: documentUri?.toString() ?? entry.documentUri });
    }
  }

  record(record: GenerationRecord): Promise<void> {
    return this.store.add(historyEntryOf(record));
  }

  /** A stored row, or a paid task still pending (what Resume and Regenerate can act on). */
  find(id: string): HistoryEntry | undefined {
    return this.store.get(id) ?? pendingHistoryEntries(this.pending.list(), new Set()).find((entry) => entry.id === id);
  }

  /** A completed row's image with what its link needs; undefined for a row without one (failed, pending). */
  imageOf(id: string): Pick<LinkRequest, 'imageUri' | 'prompt' | 'width' | 'height'> | undefined {
    const entry = this.store.get(id);
    if (!entry?.image || entry.width === undefined || entry.height === undefined) {
      return undefined;
    }
    return { imageUri: vscode.Uri.parse(entry.image), prompt: entry.prompt, width: entry.width, height: entry.height };
  }

  /** Pending tasks first, then the stored rows, newest first; images resolved for `webview`. */
  async views(webview: vscode.Webview | undefined): Promise<HistoryView[]> {
    const entries = this.store.list();
    const all = [...pendingHistoryEntries(this.pending.list(), new Set(entries.map((e) => e.taskId ?? ''))), ...entries];
    return Promise.all(
      all.map(async (entry): Promise<HistoryView> => {
        const { image, documentUri: _documentUri, ...rest } = entry;
        const view: HistoryView = { ...rest };
        const uri = image ? vscode.Uri.parse(image) : undefined;
        const kept = uri !== undefined && isKept(this.keptFolder, uri);
        if (uri && webview && (kept || vscode.workspace.getWorkspaceFolder(uri))) {
          view.imagePath = kept ? undefined : vscode.workspace.asRelativePath(uri);
          if (kept) {
            view.kept = true;
          }
          if (await uriExists(uri)) {
            view.imageSrc = webview.asWebviewUri(uri).toString();
          }
        }
        return view;
      }),
    );
  }
}
