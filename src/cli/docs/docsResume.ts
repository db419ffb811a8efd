import * as path from 'path';
import { Directive } from '../../core/directives/directives';
import { styleDirective } from '../../core/directives/directiveStyle';
import { styleRecordingSink } from '../../core/job/styledSink';
import { repositoryRootOf } from '../../node/repoConfigFile';
import { houseStylesFor } from '../styles/repoStyles';
import { FsImageSink } from '../../node/fsImageSink';
import { isStale, PendingRecord, TaskRecord } from '../../node/tasks/taskRecord';
import { busyElsewhere } from '../../node/tasks/taskStore';
import { CliTaskTarget, StoredDirective } from '../generate/cliTasks';
import { generatedName } from '../generate/fileName';
import { finishStored, StoredResult, StoredRun } from '../generate/storedResume';
import { docsLinkPlacer, docsSink } from './docsDelivery';
import { replacingSink } from '../output/replacingSink';
import { Found } from './docsSurvey';
import { findStoredDirective, sameRequest } from './docsTasks';

/** What a docs task keeps: its directive and, for a regeneration of its output, the image it is saved over. */
export type DocsTaskTarget = CliTaskTarget & { replaces?: string };

/** A stored docs task with its directive, as the store kept it. */
export type DocsRecord = PendingRecord<CliTaskTarget> & { target: DocsTaskTarget & { directive: StoredDirective } };

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
  // The house style its run sent it with is recorded in its provenance, as that run would have.
  const { styled } = record.target;
  if (directive) {
    return finishStored(record, run, { sink: styleRecordingSink(replacingSink(docsSink(run.signal), record.target.replaces), styled), placer: docsLinkPlacer, target: { file, directive } });
  }
  const folder = record.target.destination.folder;
  const sink = new FsImageSink<never>({ signal: run.signal, placeFor: (image) => ({ folder, name: generatedName(image.provenance.userPrompt ?? image.provenance.prompt, String(image.provenance.seed), image.info) }) });
  return finishStored(record, run, { sink: styleRecordingSink(sink, styled) });
}

/**
 * The directive a stored task still belongs to: found by text and occurrence, asking for the same
 * request as sent, that is with its file's house style applied (the task was sent styled).
 */
export async function directiveStillAsking(record: DocsRecord): Promise<Directive | undefined> {
  const directive = findStoredDirective(record.target.directive);
  if (!directive) {
    return undefined;
  }
  const folder = path.dirname(record.target.directive.file);
  const styled = styleDirective(directive, await houseStylesFor(folder, repositoryRootOf(folder), folder));
  return sameRequest(record.request, styled) ? directive : undefined;
}

/**
 * What earlier runs kept for these files, split: tasks to resume for a directive that still asks for
 * the same request (`resumeFor`), and paid tasks whose directive changed (`beside`: saved, not linked).
 * Stale ones and those a live run is finishing are left alone.
 */
export async function partitionKept(
  stored: readonly TaskRecord<CliTaskTarget>[],
  files: ReadonlySet<string>,
  todoKeys: ReadonlyMap<string, Found>,
  keyOf: (directive: StoredDirective) => string,
): Promise<{ resumeFor: Map<Found, DocsRecord>; beside: DocsRecord[] }> {
  const records = stored.filter((record): record is DocsRecord => record.state === 'pending' && isDocsRecord(record) && files.has(path.resolve(record.target.directive.file)));
  const resumeFor = new Map<Found, DocsRecord>();
  const beside: DocsRecord[] = [];
  const now = Date.now();
  for (const record of records.filter((record) => !isStale(record, now) && !busyElsewhere(record))) {
    const item = todoKeys.get(keyOf(record.target.directive));
    // Saved (and perhaps linked), or a regeneration for its output: linked where its directive still asks for it.
    const asking = item ? undefined : record.savedImage !== undefined || record.target.replaces !== undefined ? await directiveStillAsking(record) : undefined;
    if (item && !resumeFor.has(item) && sameRequest(record.request, item.directive)) {
      resumeFor.set(item, record);
    } else if (asking) {
      resumeFor.set({ file: record.target.directive.file, directive: asking }, record);
    } else {
      beside.push(record);
    }
  }
  return { resumeFor, beside };
}
