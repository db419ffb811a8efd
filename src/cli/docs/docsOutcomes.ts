import { estimateText, formatUsd, formatBilledUsd } from '../../core/spend/pricing';

/** What became of one task of a docs run: the `tasks` entries of `docs --json` (docsJsonTasks contract). */
export interface TaskEntry {
  file: string;
  line: number;
  occurrence: number;
  taskId?: string;
  outcome: 'saved' | 'kept' | 'unknown' | 'failed' | 'gone';
  /** From the store (an earlier run), not created by this run. */
  resumed: boolean;
  path?: string;
  seed?: number;
  /** false when saved beside the others because its directive changed. */
  linked?: boolean;
  costUsd?: number;
  costIsEstimate?: boolean;
  message?: string;
  code?: string;
}

/**
 * What this run asked the API to make: saved, kept and unknown tasks of its own creates (a resumed
 * task was paid by the run that created it). Never less than that: an estimate stands in for a
 * cost not (yet) billed, and says so.
 */
export function spentBy(tasks: readonly TaskEntry[]): { spentUsd: number; spentIsEstimate: boolean } {
  const counted = tasks.filter((task) => !task.resumed && (task.outcome === 'saved' || task.outcome === 'kept' || task.outcome === 'unknown'));
  const spentUsd = Number(counted.reduce((sum, task) => sum + (task.costUsd ?? 0), 0).toFixed(4));
  return { spentUsd, spentIsEstimate: counted.some((task) => task.costIsEstimate === true) };
}

/** The closing lines of a docs run in words: what was made, what it cost, what is kept and how to fetch it. */
export function summaryLines(tasks: readonly TaskEntry[], todo: number, extra: { notSent: number; skipped: number }): string[] {
  const { spentUsd, spentIsEstimate } = spentBy(tasks);
  const count = (outcome: TaskEntry['outcome']) => tasks.filter((task) => task.outcome === outcome);
  const linked = count('saved').filter((task) => task.linked !== false).length;
  const resumed = count('saved').filter((task) => task.resumed).length;
  // What this run's own creates cost; a resumed task was paid by the run that created it.
  const parts = [`${linked} of ${todo} image(s) generated`, `spent ${spentIsEstimate ? estimateText(spentUsd) : formatBilledUsd(spentUsd)}${resumed > 0 ? ` (${resumed} resumed, paid by an earlier run)` : ''}`];
  const failed = count('failed').length;
  if (failed > 0) {
    parts.push(`${failed} failed`);
  }
  if (extra.notSent > 0) {
    parts.push(`${extra.notSent} not sent`);
  }
  if (extra.skipped > 0) {
    parts.push(`${extra.skipped} left to another run`);
  }
  const lines = [parts.join(' · ')];
  const kept = count('kept');
  if (kept.length > 0) {
    const cost = kept.reduce((sum, task) => sum + (task.costUsd ?? 0), 0);
    const estimated = kept.some((task) => task.costIsEstimate);
    lines.push(`${kept.length} paid task(s) kept (${estimated ? estimateText(cost) : formatUsd(cost)}): ${kept.map((task) => task.taskId).join(', ')}; run the same command again, or spark-image resume`);
  }
  const unknown = count('unknown').length;
  if (unknown > 0) {
    lines.push(`${unknown} create(s) whose outcome is unknown (maybe billed): see the lines above`);
  }
  return lines;
}
