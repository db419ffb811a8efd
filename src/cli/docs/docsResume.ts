import { Directive } from '../../core/directives/directives';
import { FsImageSink } from '../../node/fsImageSink';
import { PendingRecord } from '../../node/tasks/taskRecord';
import { CliTaskTarget, StoredDirective } from '../generate/cliTasks';
import { generatedName } from '../generate/fileName';
import { finishStored, StoredResult, StoredRun } from '../generate/storedResume';
import { docsLinkPlacer, docsSink } from './docsDelivery';
import { findStoredDirective, sameRequest } from './docsTasks';

/** A stored docs task with its directive, as the store kept it. */
export type DocsRecord = PendingRecord<CliTaskTarget> & { target: CliTaskTarget & { directive: StoredDirective } };

export function isDocsRecord(record: PendingRecord<CliTaskTarget>): record is DocsRecord {
  return record.target?.origin === 'docs' && record.target.directive !== undefined;
}

/**
 * Finishes a stored docs task. `directive`: where it is linked (its directive as found now, asking
 * for the same request); without one the directive changed or went since, and the paid image is
 * saved beside the others (images/ next to the file), not linked.
 */
export async function finishDocsRecord(record: DocsRecord, run: StoredRun, directive: Directive | undefined): Promise<StoredResult> {
  const { file } = record.target.directive;
  if (directive) {
    return finishStored(record, run, { sink: docsSink(run.signal), placer: docsLinkPlacer, target: { file, directive } });
  }
  const folder = record.target.destination.folder;
  const sink = new FsImageSink<never>({ signal: run.signal, placeFor: (image) => ({ folder, name: generatedName(image.provenance.prompt, String(image.provenance.seed), image.info) }) });
  return finishStored(record, run, { sink });
}

/** The directive a stored task still belongs to: found by text and occurrence, asking for the same request. */
export function directiveStillAsking(record: DocsRecord): Directive | undefined {
  const directive = findStoredDirective(record.target.directive);
  return directive && sameRequest(record.request, directive) ? directive : undefined;
}
