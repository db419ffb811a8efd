import { BatchOutcome } from '../../src/core/job/batch';

/** Counts of each outcome, for the batch tests and the bench. */
export function tally<R>(outcomes: ReadonlyArray<BatchOutcome<R>>): { fulfilled: number; rejected: number; skipped: number; notSent: number } {
  return {
    fulfilled: outcomes.filter((outcome) => outcome.status === 'fulfilled').length,
    rejected: outcomes.filter((outcome) => outcome.status === 'rejected').length,
    skipped: outcomes.filter((outcome) => outcome.status === 'skipped').length,
    notSent: outcomes.filter((outcome) => outcome.status === 'notSent').length,
  };
}
