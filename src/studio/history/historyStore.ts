/**
 * The studio's history of this workspace: every completed and failed generation, newest first.
 * No vscode import (the store is a Memento-like parameter), so its logic is unit-tested in Node.
 */
import type { HistoryView } from '../protocol';

export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** What is stored: the row the front-end shows, minus what the host resolves when showing it. */
export interface HistoryEntry extends Omit<HistoryView, 'imageSrc' | 'imagePath'> {
  /** URI string of the saved image (a file in the workspace). */
  image?: string;
  /** The document the image was linked into, if any. */
  documentUri?: string;
}

export const HISTORY_KEY = 'sparkImage.studio.history';
export const HISTORY_LIMIT = 500;

function isEntry(value: unknown): value is HistoryEntry {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    (entry.status === 'completed' || entry.status === 'failed' || entry.status === 'pending') &&
    typeof entry.prompt === 'string' &&
    typeof entry.createdAt === 'string' &&
    typeof entry.resumable === 'boolean'
  );
}

export class HistoryStore {
  constructor(
    private readonly state: StateStore,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  list(): HistoryEntry[] {
    const raw = this.state.get<unknown>(HISTORY_KEY);
    return Array.isArray(raw) ? raw.filter(isEntry) : [];
  }

  get(id: string): HistoryEntry | undefined {
    return this.list().find((entry) => entry.id === id);
  }

  /**
   * Adds an entry first; an entry with the same task id replaces the older one (a failed task
   * that was resumed and then completed shows once, with its final state).
   */
  async add(entry: HistoryEntry): Promise<void> {
    const rest = this.list().filter((other) => other.id !== entry.id && !(entry.taskId && other.taskId === entry.taskId));
    await this.state.update(HISTORY_KEY, [entry, ...rest].slice(0, this.limit));
  }
}
