import * as path from 'path';
import { estimateCostUsd, estimateText, PriceBook, formatBilledUsd } from '../../core/spend/pricing';
import { isStale, IntentRecord, PendingRecord } from '../../node/tasks/taskRecord';
import { busyElsewhere, TaskStore } from '../../node/tasks/taskStore';
import { ResumeCommand, SharedOptions } from '../commandTypes';
import { apiConfigFrom } from '../config';
import { coreDeps } from '../coreDeps';
import { finishDocsRecord, directiveStillAsking, isDocsRecord } from '../docs/docsResume';
import { ExitCode, ExitCodeValue, runExitCode } from '../exitCodes';
import { reportFailure } from '../failure';
import { priceBookFrom } from '../spendLimit';
import { DEFAULT_GRACE_SECONDS, graceSignal } from '../terminal/interrupts';
import { CliIo } from '../terminal/io';
import { CliTaskTarget, cliTaskStore, UNKNOWN_OUTCOME } from './cliTasks';
import { cliSink, Delivery } from './deliver';
import { generatedName } from './fileName';
import { styleRecordingSink } from '../../core/job/styledSink';
import { finishStored, StoredResult, StoredRun } from './storedResume';

type Kept = PendingRecord<CliTaskTarget> | IntentRecord<CliTaskTarget>;

function inside(folder: string, full: string): boolean {
  const relative = path.relative(folder, full);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Where a kept task's image goes: the file it names, else its folder. */
function destinationOf(kept: Kept): string | undefined {
  const destination = kept.target?.destination;
  return destination === undefined ? undefined : destination.kind === 'file' ? path.join(destination.folder, destination.name) : destination.folder;
}

/** The kept tasks (and unknowns) in scope: under the current folder, or every one with --all. */
function keptInScope(records: ReadonlyArray<PendingRecord<CliTaskTarget>>, intents: ReadonlyArray<IntentRecord<CliTaskTarget>>, io: CliIo, all: boolean): Kept[] {
  const inScope = (kept: Kept) => {
    const where = kept.target?.directive?.file ?? destinationOf(kept);
    return all || (where !== undefined && inside(io.cwd, where));
  };
  return [...records, ...intents].filter(inScope).sort((a, b) => a.createdAt - b.createdAt);
}

function age(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`;
}

function shown(io: CliIo, full: string | undefined): string {
  return full === undefined ? '?' : path.relative(io.cwd, full).replace(/\\/g, '/') || '.';
}

/** resume --list [--json]: the kept tasks, their age, destination and estimated cost; nothing is sent. */
function listKept(kept: readonly Kept[], io: CliIo, json: boolean, book: PriceBook): ExitCodeValue {
  const now = Date.now();
  const rows = kept.map((entry) => ({
    taskId: entry.state === 'pending' ? entry.taskId : null,
    prompt: entry.request.prompt,
    createdAt: new Date(entry.createdAt).toISOString(),
    destination: destinationOf(entry) ?? null,
    estimatedCostUsd: estimateCostUsd(entry.request.width, entry.request.height, book),
    stale: isStale(entry, now),
    ...(entry.state === 'intent' ? { outcome: 'unknown' } : {}),
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify(rows)}\n`);
    return ExitCode.ok;
  }
  for (const [index, row] of rows.entries()) {
    const id = row.taskId ?? UNKNOWN_OUTCOME;
    const stale = row.stale ? ' · stale (older than 7 days: resumed only by its id)' : '';
    const origin = kept[index].target?.directive ? ` · ${shown(io, kept[index].target?.directive?.file)}:${kept[index].target?.directive?.line}` : '';
    io.stdout.write(`${id} · ${age(now - kept[index].createdAt)} ago · ${shown(io, row.destination ?? undefined)}${origin} · ${estimateText(row.estimatedCostUsd)} · “${row.prompt}”${stale}\n`);
  }
  io.stderr.line(rows.length === 0 ? 'No paid task is kept here.' : `${rows.length} kept task(s); spark-image resume fetches them, nothing was sent now.`);
  return ExitCode.ok;
}

/** A generate task (or the MCP server's): saved at its destination with its full provenance. */
async function finishGenerateRecord(record: PendingRecord<CliTaskTarget>, run: StoredRun, io: CliIo, json: boolean): Promise<StoredResult> {
  const destination = record.target?.destination ?? { kind: 'folder' as const, folder: io.cwd };
  // As its run asked: the same output and house style (a record from before they were kept has neither).
  const delivery: Delivery = { destination, json, output: record.target?.output, nameInFolder: (info, provenance) => generatedName(provenance.userPrompt ?? provenance.prompt, String(provenance.seed), info), known: (image) => image.provenance };
  return finishStored(record, run, { sink: styleRecordingSink(cliSink(delivery, { ...io, signal: run.signal }), record.target?.styled) });
}

function resultLine(io: CliIo, record: PendingRecord<CliTaskTarget>, result: StoredResult): string {
  const where = record.target?.directive ? `${shown(io, record.target.directive.file)}:${record.target.directive.line}: ` : '';
  switch (result.outcome) {
    case 'saved':
      return `${where}task ${record.taskId}: saved ${shown(io, result.path)}${record.target?.directive && !result.linked ? ' (not linked: its directive changed since)' : ''}${result.costUsd === undefined ? '' : ` · ${formatBilledUsd(result.costUsd)}`}`;
    case 'kept':
      return `${where}task ${record.taskId}: kept (${result.message}); spark-image resume tries again`;
    case 'failed':
      return `${where}task ${record.taskId}: failed: ${result.message}`;
    case 'gone':
      return `${where}task ${record.taskId}: the service no longer knows it; dropped from the store`;
  }
}

/**
 * resume TASK_ID for a task the store keeps (a stale one included), when nothing about its request
 * or destination was given: finished as it was asked for. Undefined when the store has no such task.
 */
export async function resumeKeptById(command: ResumeCommand & { taskId: string }, io: CliIo): Promise<ExitCodeValue | undefined> {
  const { request, shared } = command;
  const given = command.prompt !== undefined || Object.values(request).some((value) => value !== undefined) || shared.out !== undefined;
  const store = cliTaskStore(io);
  const record = given ? undefined : await store.get(command.taskId);
  if (record?.state !== 'pending') {
    return undefined;
  }
  return withStoredRun(shared, io, store, (run) => finishOne(record, run, io, shared.json));
}

/**
 * Runs `use` with what finishing kept tasks needs: the API (a bad key setting is reported, nothing
 * sent) and a grace period after a signal, released afterwards.
 */
async function withStoredRun(shared: SharedOptions, io: CliIo, store: TaskStore<CliTaskTarget>, use: (run: StoredRun) => Promise<ExitCodeValue>): Promise<ExitCodeValue> {
  let api;
  try {
    api = apiConfigFrom(io.env, shared);
  } catch (error) {
    return reportFailure(io.stderr, error);
  }
  const grace = graceSignal(io.signal, (shared.graceSeconds ?? DEFAULT_GRACE_SECONDS) * 1000);
  const run: StoredRun = { api, deps: coreDeps(io, api.apiKey, shared.verbose), store, signal: grace.signal, timeoutSeconds: shared.timeoutSeconds };
  try {
    return await use(run);
  } finally {
    grace.dispose();
  }
}

async function finishOne(entry: PendingRecord<CliTaskTarget>, run: StoredRun, io: CliIo, json: boolean): Promise<ExitCodeValue> {
  const result = isDocsRecord(entry) ? await finishDocsRecord(entry, run, await directiveStillAsking(entry)) : await finishGenerateRecord(entry, run, io, json);
  io.stderr.line(resultLine(io, entry, result));
  if (result.outcome === 'saved') {
    io.stdout.write(`${json ? JSON.stringify({ taskId: entry.taskId, path: result.path, provenance: result.image?.provenance }) : result.path}\n`);
  }
  return result.outcome === 'kept' ? (io.signal.aborted ? ExitCode.interrupted : ExitCode.timedOut) : result.outcome === 'failed' ? ExitCode.failed : ExitCode.ok;
}

/** spark-image resume [--all] [--list]: the kept tasks of interrupted runs, fetched without paying again. */
export async function runResumeStored(command: ResumeCommand, io: CliIo): Promise<ExitCodeValue> {
  const { shared } = command;
  const store = cliTaskStore(io);
  const records = (await store.list()).filter((record): record is PendingRecord<CliTaskTarget> => record.state === 'pending');
  const kept = keptInScope(records, store.orphanIntents(), io, command.all);
  if (command.list) {
    return listKept(kept, io, shared.json, priceBookFrom(shared, io.env));
  }
  const now = Date.now();
  const stale = kept.filter((entry) => isStale(entry, now));
  const fresh = kept.filter((entry) => !isStale(entry, now));
  if (stale.length > 0) {
    io.stderr.line(`${stale.length} kept task(s) older than 7 days not resumed on their own (spark-image resume --list shows them; resume one by its id).`);
  }
  if (fresh.length === 0) {
    io.stderr.line('No paid task to resume here.');
    return ExitCode.ok;
  }
  return withStoredRun(shared, io, store, async (run) => {
    const codes: ExitCodeValue[] = [];
    for (const entry of fresh) {
      if (entry.state === 'intent') {
        io.stderr.line(`${UNKNOWN_OUTCOME}: “${entry.request.prompt}” (${shown(io, destinationOf(entry))}): its create was sent ${age(now - entry.createdAt)} ago but no answer was kept; dropped from the store.`);
        store.dropIntent(entry.intentId);
        codes.push(ExitCode.failed);
        continue;
      }
      if (busyElsewhere(entry) || io.signal.aborted) {
        continue;
      }
      codes.push(await finishOne(entry, run, io, shared.json));
    }
    return runExitCode([io.signal.aborted ? ExitCode.interrupted : ExitCode.ok, ...codes]);
  });
}
