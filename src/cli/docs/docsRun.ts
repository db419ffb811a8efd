import * as fs from 'fs';
import * as path from 'path';
import { ApiConfig } from '../../core/api/client';
import { runBatch } from '../../core/job/batch';
import { Directive, parseDirectives } from '../../core/directives/directives';
import { GenerationJob, isResumable, JobFailure } from '../../core/job/generationJob';
import { estimateCostUsd, PriceBook, formatBilledUsd } from '../../core/spend/pricing';
import { isAccountFailure, isSparkError, SparkError } from '../../core/spec/errors';
import { DirectiveClaims } from '../../node/tasks/claims';
import { stateDirOf } from '../../node/tasks/stateDir';
import { SharedOptions } from '../commandTypes';
import { coreDeps } from '../coreDeps';
import { ExitCode, exitCodeFor, ExitCodeValue } from '../exitCodes';
import { cliTaskStore, maybeBilled, StoredDirective, storedStyle, UNKNOWN_OUTCOME } from '../generate/cliTasks';
import { StoredResult, StoredRun } from '../generate/storedResume';
import { DEFAULT_GRACE_SECONDS, graceSignal } from '../terminal/interrupts';
import { CliIo } from '../terminal/io';
import { docsLinkPlacer, docsSink, imagesFolderFor } from './docsDelivery';
import { styleRecordingSink } from '../../core/job/styledSink';
import { relative } from './docsReport';
import { DocsRecord, DocsTaskTarget, finishDocsRecord, partitionKept } from './docsResume';
import { replacingSink } from '../output/replacingSink';
import { Found } from './docsSurvey';
import { findStoredDirective, Reported, requestOf, stillToDo, storedDirectiveOf } from './docsTasks';
import { TaskEntry } from './docsOutcomes';

export interface DocsRunResult {
  tasks: TaskEntry[];
  codes: ExitCodeValue[];
  notSent: number;
  skipped: Array<{ file: string; line: number; pid: number }>;
  /**
   * Forgets the intents this run reported as "outcome unknown". Called once the report is out: a
   * run killed before it printed one leaves them for the next run to report.
   */
  reported: () => void;
}

/**
 * Generates the directives of a docs run, resuming before creating: a paid task an interrupted run
 * kept for a directive that still asks for the same request is fetched instead of created again;
 * one whose directive changed is fetched and saved beside the others. Each directive is claimed
 * first, so two runs at once never make the same image twice. After an interrupt no new task is
 * sent; the paid ones have their grace period, then are kept for the next run.
 */
export async function generateDirectives(todo: readonly Found[], io: CliIo, shared: SharedOptions, api: ApiConfig, book: PriceBook, concurrency: number): Promise<DocsRunResult> {
  const store = cliTaskStore(io);
  const claims = new DirectiveClaims(stateDirOf(io.env));
  const deps = coreDeps(io, api.apiKey, shared.verbose);
  const graceSeconds = shared.graceSeconds ?? DEFAULT_GRACE_SECONDS;
  const live = new Set<string>();
  const grace = graceSignal(io.signal, graceSeconds * 1000, () => live.size > 0 && io.stderr.line(`waiting up to ${graceSeconds} s for ${live.size} paid task(s) to finish…`));
  const run: StoredRun = { api, deps, store, signal: grace.signal, timeoutSeconds: shared.timeoutSeconds };
  const reportedIntents: string[] = [];
  const result: DocsRunResult = { tasks: [], codes: [], notSent: 0, skipped: [], reported: () => reportedIntents.forEach((intentId) => store.dropIntent(intentId)) };
  const line = (text: string) => io.stderr.line(text);
  const directivesOf = new Map<string, Directive[]>();
  const storedOf = (item: Found) => {
    if (!directivesOf.has(item.file)) {
      directivesOf.set(item.file, parseDirectives(fs.readFileSync(item.file, 'utf8')));
    }
    return storedDirectiveOf(item.file, directivesOf.get(item.file) ?? [], item.directive);
  };
  const keyOf = (stored: StoredDirective) => DirectiveClaims.keyOf(stored.file, stored.text, stored.occurrence);
  const where = (stored: StoredDirective) => `${relative(io, stored.file)}:${stored.line}`;
  const entryOf = (stored: StoredDirective, resumed: boolean): TaskEntry => ({ file: relative(io, stored.file), line: stored.line, occurrence: stored.occurrence, outcome: 'unknown', resumed });

  // What earlier runs left for these files: paid tasks to resume, and creates whose answer was lost.
  const files = new Set(todo.map((item) => path.resolve(item.file)));
  const todoKeys = new Map(todo.map((item) => [keyOf(storedOf(item)), item]));
  const { resumeFor, beside } = await partitionKept(await store.list(), files, todoKeys, keyOf);
  const unknownKeys = new Set<string>();
  for (const intent of store.orphanIntents()) {
    const wasStored = intent.target?.directive;
    if (intent.target?.origin === 'docs' && wasStored && files.has(path.resolve(wasStored.file))) {
      // Named by the line the directive has now: links placed above it since have moved it.
      const now = findStoredDirective(wasStored);
      const stored = now ? { ...wasStored, line: now.line + 1 } : wasStored;
      line(`${where(stored)}: ${UNKNOWN_OUTCOME}: a run that ended without its answer sent this create; it is made again now`);
      result.tasks.push({ ...entryOf(stored, true), costUsd: estimateCostUsd(intent.request.width, intent.request.height, book), costIsEstimate: true });
      unknownKeys.add(keyOf(stored));
      reportedIntents.push(intent.intentId);
    }
  }
  if (resumeFor.size + beside.length > 0) {
    line(`${resumeFor.size + beside.length} paid task(s) from an interrupted run: resuming`);
  }

  const report = (stored: StoredDirective, taskId: string, outcome: StoredResult, resumed: boolean, estimate: number, exitCode?: ExitCodeValue): void => {
    const entry: TaskEntry = { ...entryOf(stored, resumed), taskId, outcome: outcome.outcome };
    if (outcome.outcome === 'saved') {
      entry.path = relative(io, outcome.path);
      if (outcome.image) {
        entry.seed = outcome.image.provenance.seed;
      }
      if (!outcome.linked) {
        entry.linked = false;
      }
      line(`${where(stored)}: ${entry.path}${outcome.image ? ` · seed ${outcome.image.provenance.seed}` : ''}${resumed ? ` · resumed task ${taskId}` : ''}${outcome.costUsd === undefined ? '' : ` · ${formatBilledUsd(outcome.costUsd)}`}${outcome.linked ? '' : ' · not linked: its directive changed since it was paid, so the image is saved beside the others'}`);
      if (!shared.json) {
        io.stdout.write(`${outcome.path}\n`);
      }
    } else if (outcome.outcome === 'kept') {
      line(`${where(stored)}: paid task ${taskId} kept (${outcome.message})`);
    } else if (outcome.outcome === 'failed') {
      entry.message = outcome.message;
      if (outcome.code !== undefined) {
        entry.code = outcome.code;
      }
      line(`${where(stored)}: failed: ${outcome.message}`);
    } else {
      line(`${where(stored)}: task ${taskId}: the service no longer knows it; dropped from the store`);
    }
    if (outcome.outcome === 'saved' || outcome.outcome === 'kept') {
      const billed = outcome.outcome === 'saved' ? outcome.costUsd : undefined;
      entry.costUsd = billed ?? estimate;
      entry.costIsEstimate = billed === undefined;
    }
    result.tasks.push(entry);
    result.codes.push(exitCode ?? (outcome.outcome === 'failed' ? ExitCode.failed : outcome.outcome === 'kept' ? (io.signal.aborted ? ExitCode.interrupted : ExitCode.timedOut) : ExitCode.ok));
  };

  const resumeOne = async (record: DocsRecord, directive: Directive | undefined) => {
    live.add(record.taskId);
    try {
      const outcome = await finishDocsRecord(record, run, directive);
      report(record.target.directive, record.taskId, outcome, true, estimateCostUsd(record.request.width, record.request.height, book));
    } finally {
      live.delete(record.taskId);
    }
  };

  // Changed directives first: their images are paid for and saved beside, never linked.
  for (const record of beside) {
    const key = keyOf(record.target.directive);
    const claim = claims.claim(`${key}-${record.taskId}`);
    if (claim.ok) {
      try {
        await resumeOne(record, undefined);
      } finally {
        claims.release(`${key}-${record.taskId}`);
      }
    }
  }

  const items = [...todo, ...[...resumeFor.keys()].filter((item) => !todo.includes(item))];
  const outcomes = await runBatch(
    items,
    async (item) => {
      const stored = storedOf(item);
      const key = keyOf(stored);
      const claim = claims.claim(key);
      if (!claim.ok) {
        line(`${where(stored)}: another spark-image run (pid ${claim.pid}) is generating it; left to that run`);
        result.skipped.push({ file: relative(io, stored.file), line: stored.line, pid: claim.pid });
        return;
      }
      try {
        const record = resumeFor.get(item);
        if (claim.tookOver !== undefined && !record && !unknownKeys.has(key)) {
          line(`${where(stored)}: ${UNKNOWN_OUTCOME}: a run that ended (pid ${claim.tookOver}) was working on it; it is made again now`);
          const { width, height } = requestOf(item.directive, () => 0);
          result.tasks.push({ ...entryOf(stored, true), costUsd: estimateCostUsd(width, height, book), costIsEstimate: true });
        }
        const directive = stillToDo(item, stored);
        if (record) {
          return await resumeOne(record, directive);
        }
        if (!directive) {
          line(`${where(stored)}: done by another run meanwhile; nothing sent`);
          return;
        }
        // Read again for its place; its request keeps the house style applied when surveyed.
        return await createOne({ ...item, directive: { ...directive, request: item.directive.request } }, stored);
      } finally {
        claims.release(key);
      }
    },
    { concurrency, signal: io.signal, stopAfter: (error) => isAccountFailure(error instanceof Reported ? error.cause : error) },
  );
  result.notSent = outcomes.filter((outcome) => outcome.status === 'notSent' || outcome.status === 'skipped').length;
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status === 'rejected' && !(outcome.error instanceof Reported)) {
      const item = items[index];
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      line(`${relative(io, item.file)}:${item.directive.line + 1}: failed: ${message}`);
      result.tasks.push({ ...entryOf(storedOf(item), false), outcome: 'failed', message });
      result.codes.push(exitCodeFor(outcome.error));
    }
  }
  grace.dispose();
  return result;

  async function createOne(item: Found, stored: StoredDirective): Promise<void> {
    if (io.signal.aborted) {
      throw new SparkError('cancelled', 'Cancelled before it was sent.');
    }
    const checked = requestOf(item.directive, deps.random);
    const estimate = estimateCostUsd(checked.width, checked.height, book);
    const styled = item.directive.request?.styled;
    // A regeneration for its output keeps the file it replaces, so that a resumed one goes there too.
    const target: DocsTaskTarget = { origin: 'docs', destination: { kind: 'folder', folder: imagesFolderFor(item.file) }, directive: stored, ...storedStyle(styled), ...(item.replaces ? { replaces: item.replaces } : {}) };
    const intentId = store.intend({ request: checked, target, createdAt: Date.now() });
    const job = new GenerationJob({
      api,
      deps,
      sink: styleRecordingSink(replacingSink(docsSink(grace.signal), item.replaces), styled),
      placer: docsLinkPlacer,
      pending: store.pendingFor(intentId),
      target: item,
      polling: { signal: grace.signal, deadlineMs: shared.timeoutSeconds === undefined ? undefined : shared.timeoutSeconds * 1000 },
      onTaskCreated: (task) => void live.add(task.taskId),
    });
    try {
      const outcome = await job.run(checked);
      const image = outcome.result.images[0];
      report(stored, image.provenance.taskId, { outcome: 'saved', path: outcome.saved[0].location, linked: outcome.placed, costUsd: image.provenance.costUsd, image }, false, estimate);
    } catch (thrown) {
      const error = JobFailure.causeOf(thrown);
      const message = error instanceof Error ? error.message : String(error);
      const taskId = job.createdTaskId;
      if (taskId !== undefined) {
        const resumable = isResumable(error);
        report(stored, taskId, resumable ? { outcome: 'kept', message } : { outcome: 'failed', message, code: isSparkError(error) ? error.code : undefined }, false, estimate, resumable ? undefined : exitCodeFor(error));
        if (isAccountFailure(error)) {
          // Told already; thrown so that the batch sends nothing more that would fail the same way.
          throw new Reported(error);
        }
      } else if (maybeBilled(error)) {
        // Reported by this run, once: the intent goes after the report, so no later run reports it again.
        reportedIntents.push(intentId);
        line(`${where(stored)}: ${UNKNOWN_OUTCOME}: ${message}`);
        result.tasks.push({ ...entryOf(stored, false), costUsd: estimate, costIsEstimate: true });
        result.codes.push(ExitCode.failed);
      } else {
        store.dropIntent(intentId);
        throw error;
      }
    } finally {
      if (job.createdTaskId !== undefined) {
        live.delete(job.createdTaskId);
      }
    }
  }
}
