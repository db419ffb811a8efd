/**
 * Searching and totalling the studio's history: shared by the host and the page (no vscode, no DOM).
 */
import type { HistoryView } from './protocol';

type Costed = Pick<HistoryView, 'costUsd'>;

/** Sum of known costs, in USD, rounded to a tenth of a cent. */
export function totalCost(entries: readonly Costed[]): number {
  const sum = entries.reduce((total, entry) => total + (typeof entry.costUsd === 'number' && Number.isFinite(entry.costUsd) ? entry.costUsd : 0), 0);
  return Math.round(sum * 10_000) / 10_000;
}

/** Case-insensitive match on prompt, task id, size, seed and status (every word must match). */
export function matchesQuery(entry: Pick<HistoryView, 'prompt' | 'taskId' | 'width' | 'height' | 'seed' | 'status'>, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return true;
  }
  const haystack = [entry.prompt, entry.taskId ?? '', entry.width && entry.height ? `${entry.width}x${entry.height} ${entry.width}×${entry.height}` : '', entry.seed ?? '', entry.status].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}
