import type { BatchOutcome } from '../../core/job/batch';
import { isCancellation } from '../../core/spec/errors';

/** What a directive batch did, counted from its outcomes. Pure: the editor says how it is told (batchReport.ts). */

export interface BatchFailure {
  file: string;
  line: number;
  prompt: string;
  message: string;
  code?: string;
}

/** What a batch did; returned by the batch commands (tests and other extensions read it). */
export interface BatchSummary {
  planned: number;
  generated: number;
  failed: BatchFailure[];
  /** Directives with problems: skipped, nothing sent for them. */
  invalid: BatchFailure[];
  cancelled: number;
  /**
   * Not sent because an earlier one failed in a way every later one would repeat (a rejected key,
   * no balance); `stoppedBecause` says which.
   */
  notSent: number;
  stoppedBecause?: string;
  estimatedCostUsd: number;
  /** False when the user declined at the question. */
  confirmed: boolean;
}

/** A batch before it runs: nothing generated, nothing failed. */
export function plannedSummary(planned: number, estimatedCostUsd: number, invalid: BatchFailure[] = []): BatchSummary {
  return { planned, generated: 0, failed: [], invalid, cancelled: 0, notSent: 0, estimatedCostUsd, confirmed: true };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Counts each outcome into the summary: an image, nothing (cancelled, skipped, or a question dismissed),
 * not sent after a failure every later one would repeat, or a failure that `describe` names.
 */
export function tallyOutcomes<I, V>(summary: BatchSummary, items: readonly I[], outcomes: ReadonlyArray<BatchOutcome<V | undefined>>, describe: (item: I, message: string, code?: string) => BatchFailure): void {
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled' && outcome.value) {
      summary.generated++;
    } else if (outcome.status === 'notSent') {
      summary.notSent++;
      summary.stoppedBecause ??= messageOf(outcome.reason);
    } else if (outcome.status === 'rejected' && !isCancellation(outcome.error)) {
      summary.failed.push(describe(items[index], messageOf(outcome.error), (outcome.error as { code?: string } | undefined)?.code));
    } else {
      summary.cancelled++;
    }
  });
}
