import { sanitizeServerText } from '../core/spec/errors';
import type { GenerationRecord } from '../editor/generation/generationTypes';
import type { PendingEntry } from '../editor/generation/pendingStore';
import type { HistoryEntry } from './historyStore';

/** A finished or failed generation as the studio's history keeps it (server text made safe to show). */
export function historyEntryOf(record: GenerationRecord, newId: () => string): HistoryEntry {
  let entry: HistoryEntry;
  if (record.kind === 'completed') {
    const p = record.provenance;
    entry = {
      id: p.taskId,
      status: 'completed',
      prompt: p.prompt,
      width: p.width,
      height: p.height,
      seed: p.seed,
      expansion: p.usePreLlm ? 'on' : 'off',
      costUsd: p.costUsd,
      createdAt: p.createdAt,
      taskId: p.taskId,
      resumable: false,
      image: record.images[0]?.toString(),
      documentUri: record.documentUri,
    };
  } else {
    entry = {
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
  return entry;
}

/** Pending tasks (paid, not finished) that the history does not show yet, as history entries. */
export function pendingHistoryEntries(pending: readonly PendingEntry[], known: ReadonlySet<string>): HistoryEntry[] {
  return pending
    .filter((p) => !known.has(p.taskId))
    .map((p) => ({
      id: p.taskId,
      status: 'pending' as const,
      prompt: p.request.prompt,
      width: p.request.width,
      height: p.request.height,
      seed: p.request.seed,
      expansion: p.request.use_pre_llm ? ('on' as const) : ('off' as const),
      createdAt: new Date(p.createdAt).toISOString(),
      taskId: p.taskId,
      message: p.lastError ? sanitizeServerText(p.lastError) : undefined,
      resumable: true,
    }));
}
