// The chaos run's books: what the mock billed against what the runs reported and what the documents
// link. Every rule of issue 20's chaos run is checked here and each breach is written out in full, so
// one failing run tells everything it shows (with its seed) instead of stopping at the first assertion.
import type { BillingEntry } from '../mock/server';
import type { ChaosRun, ReportedTask } from './chaosRun';
import type { DirectiveNow } from './chaosDocs';

const CENT = 1e-9;

export interface Books {
  problems: string[];
  figures: {
    directives: number;
    runs: number;
    interruptions: { SIGTERM: number; SIGKILL: number };
    billedTasks: number;
    lostByMock: number;
    duplicates: number;
    billedUsd: number;
    savedUsd: number;
    unknownEntries: number;
    unknownUsd: number;
    spentReportedUsd: number;
    seenOnlyInProvenance: number;
    graceMs: number[];
  };
}

interface Snapshots {
  /** The directives as each run found them (index = run index), and as the last run left them. */
  before: DirectiveNow[][];
  final: DirectiveNow[];
}

const usd = (value: number) => `$${value.toFixed(4)}`;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The prompts a report entry's file and line may name, likeliest first: as the run found the file, as
 * it left it, then as earlier runs found it (an intent written by an earlier run may carry its line).
 */
function promptsAt(entry: ReportedTask, run: ChaosRun, snapshots: Snapshots): string[] {
  const at = (list: DirectiveNow[] | undefined) => list?.find((directive) => directive.file === entry.file && directive.line === entry.line)?.prompt;
  const lists = [snapshots.before[run.index], snapshots.before[run.index + 1] ?? snapshots.final, ...snapshots.before.slice(0, run.index).reverse()];
  return [...new Set(lists.map(at).filter((prompt): prompt is string => prompt !== undefined))];
}

export function keepBooks(runs: ChaosRun[], billing: readonly BillingEntry[], snapshots: Snapshots): Books {
  const problems: string[] = [];
  const billedById = new Map(billing.map((entry) => [entry.taskId, entry]));
  const finalDirectives = snapshots.final;
  const directivesPerPrompt = new Map<string, number>();
  finalDirectives.forEach((directive) => directivesPerPrompt.set(directive.prompt, (directivesPerPrompt.get(directive.prompt) ?? 0) + 1));

  // Every report entry, with its run.
  const entries = runs.flatMap((run) => (run.report?.tasks ?? []).map((entry) => ({ run, entry })));

  // Runs and their reports.
  for (const run of runs) {
    const name = `run ${run.index + 1}`;
    const killed = run.interrupted && run.planned?.signal === 'SIGKILL';
    if (run.reportError) problems.push(`${name}: its --json line is not JSON: ${run.reportError}`);
    if (!killed && !run.report) problems.push(`${name} (exit ${run.code}${run.signal ? `, ${run.signal}` : ''}) printed no --json report; stderr: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    if (run.interrupted && run.planned?.signal === 'SIGTERM') {
      if (run.code !== 130) problems.push(`${name}: SIGTERM ended it with exit ${run.code}${run.signal ? ` (${run.signal})` : ''}, not 130`);
      if (run.report && run.report.interrupted !== true) problems.push(`${name}: SIGTERM, but its report says interrupted: ${JSON.stringify(run.report.interrupted)}`);
    }
    if (run.report && !run.interrupted && run.report.interrupted === true) problems.push(`${name}: not interrupted, but its report says interrupted: true`);
    if (run.report && !Array.isArray(run.report.tasks)) problems.push(`${name}: its report has no "tasks" array (keys: ${Object.keys(run.report).join(', ')})`);
    if (run.report) {
      // Never understates: what this run asked the API to make, as the mock billed it during the run.
      const billedHere = sum(billing.filter((entry) => entry.at >= run.startedAt && entry.at <= run.endedAt).map((entry) => entry.costUsd));
      const spent = run.report.spentUsd;
      if (typeof spent !== 'number') problems.push(`${name}: its report has no spentUsd`);
      else if (spent + CENT < billedHere) problems.push(`${name}: spentUsd ${usd(spent)} understates the ${usd(billedHere)} the mock billed during the run`);
    }
    for (const entry of run.report?.tasks ?? []) {
      if (entry.outcome === 'failed' || entry.outcome === 'gone') problems.push(`${name}: ${entry.file}:${entry.line} reported "${entry.outcome}" (${entry.message ?? ''}), yet the mock fails no task and forgets none`);
      if ((entry.outcome === 'saved' || entry.outcome === 'kept') && !entry.taskId) problems.push(`${name}: ${entry.file}:${entry.line} "${entry.outcome}" without a taskId`);
      if (entry.outcome === 'unknown' && entry.taskId) problems.push(`${name}: ${entry.file}:${entry.line} "unknown" but with a taskId ${entry.taskId}`);
    }
  }

  // Saved entries: each names a billed task, at its billed cost, once across all runs.
  const savedById = new Map<string, Array<{ run: ChaosRun; entry: ReportedTask }>>();
  for (const item of entries.filter(({ entry }) => entry.outcome === 'saved' && entry.taskId)) {
    savedById.set(item.entry.taskId!, [...(savedById.get(item.entry.taskId!) ?? []), item]);
    const billed = billedById.get(item.entry.taskId!);
    if (!billed) problems.push(`run ${item.run.index + 1}: ${item.entry.file}:${item.entry.line} saved task ${item.entry.taskId}, which the mock never billed`);
    else if (item.entry.costUsd === undefined || Math.abs(item.entry.costUsd - billed.costUsd) > CENT || item.entry.costIsEstimate !== false) {
      problems.push(`run ${item.run.index + 1}: task ${billed.taskId} saved at ${item.entry.costUsd === undefined ? 'no cost' : usd(item.entry.costUsd)} (costIsEstimate ${item.entry.costIsEstimate}); the mock billed ${usd(billed.costUsd)}`);
    }
  }
  for (const [taskId, items] of savedById) {
    if (items.length > 1) problems.push(`task ${taskId} reported saved ${items.length} times (runs ${items.map(({ run }) => run.index + 1).join(', ')})`);
  }

  // The documents: one linked image per directive, made by a billed task for that directive.
  const linkedTaskIds = new Map<string, DirectiveNow>();
  for (const directive of finalDirectives) {
    const name = `${directive.file}:${directive.line} “${directive.prompt}”`;
    if (!directive.image) problems.push(`${name} has no image link`);
    else if (!directive.image.exists) problems.push(`${name} links ${directive.image.path}, which does not exist`);
    else if (!directive.image.taskId) problems.push(`${name}: ${directive.image.path} holds no provenance task id`);
    else {
      const billed = billedById.get(directive.image.taskId);
      if (!billed) problems.push(`${name}: its image comes from task ${directive.image.taskId}, which the mock never billed`);
      else if (billed.prompt !== directive.prompt) problems.push(`${name}: its image comes from task ${billed.taskId}, made for “${billed.prompt}”`);
      if (linkedTaskIds.has(directive.image.taskId)) problems.push(`${name} and ${linkedTaskIds.get(directive.image.taskId)!.file}:${linkedTaskIds.get(directive.image.taskId)!.line} link the same task's image`);
      linkedTaskIds.set(directive.image.taskId, directive);
    }
  }

  // Every billed task: saved once in a report; or saved by a run SIGKILL ended before it could report
  // (seen only in the linked image's provenance); or else one of the "unknown" entries for its directive.
  const killedWindows = runs.filter((run) => run.interrupted && run.planned?.signal === 'SIGKILL').map((run) => [run.startedAt, run.endedAt]);
  let seenOnlyInProvenance = 0;
  const unaccounted = new Map<string, BillingEntry[]>();
  const accountedPerPrompt = new Map<string, number>();
  for (const billed of billing) {
    let accounted = savedById.has(billed.taskId);
    if (!accounted) {
      const linked = linkedTaskIds.get(billed.taskId);
      const mtime = linked?.image?.mtimeMs;
      if (linked && mtime !== undefined && killedWindows.some(([from, to]) => mtime >= from - 1000 && mtime <= to + 1000)) {
        accounted = true;
        seenOnlyInProvenance++;
      }
    }
    if (accounted) accountedPerPrompt.set(billed.prompt, (accountedPerPrompt.get(billed.prompt) ?? 0) + 1);
    else unaccounted.set(billed.prompt, [...(unaccounted.get(billed.prompt) ?? []), billed]);
  }
  // Each "unknown" entry stands for one unaccounted task of the directive it names (an "unknown" with
  // none left is an honest "maybe": its create may never have arrived). A line that named the directive
  // only in an earlier run's file is a report problem of its own, kept apart from the money.
  const unknownPerPrompt = new Map<string, number>();
  for (const { run, entry } of entries.filter(({ entry }) => entry.outcome === 'unknown')) {
    const prompts = promptsAt(entry, run, snapshots);
    const owing = prompts.find((prompt) => (unaccounted.get(prompt)?.length ?? 0) > (unknownPerPrompt.get(prompt) ?? 0));
    const prompt = owing ?? prompts[0];
    if (prompt === undefined) problems.push(`run ${run.index + 1}: "unknown" for ${entry.file}:${entry.line}, where no directive is or was`);
    else unknownPerPrompt.set(prompt, (unknownPerPrompt.get(prompt) ?? 0) + 1);
    if (prompt !== undefined && prompt !== prompts[0]) {
      problems.push(`run ${run.index + 1}: "unknown" for ${entry.file}:${entry.line} means “${prompt}”, which is no longer on that line (“${prompts[0]}” is): the entry carries the line an earlier run saw`);
    }
  }
  for (const [prompt, tasks] of unaccounted) {
    const unknown = unknownPerPrompt.get(prompt) ?? 0;
    if (unknown < tasks.length) {
      const detail = tasks.map((task) => `${task.taskId} (${usd(task.costUsd)}, create ${task.answered ? 'answered' : 'answer lost by the mock'}, at +${task.at - runs[0].startedAt} ms)`).join(', ');
      problems.push(`“${prompt}”: ${tasks.length} billed task(s) in no report as saved, and only ${unknown} "unknown" entr${unknown === 1 ? 'y' : 'ies'} for it: ${detail}`);
    }
  }
  // No directive paid twice, except through a task nobody could know about ("unknown").
  for (const [prompt, count] of directivesPerPrompt) {
    const accounted = accountedPerPrompt.get(prompt) ?? 0;
    if (accounted > count) {
      const ids = billing.filter((entry) => entry.prompt === prompt && !unaccounted.get(prompt)?.includes(entry)).map((entry) => entry.taskId);
      problems.push(`“${prompt}” paid ${accounted} times for ${count} directive(s), every task known to the CLI: ${ids.join(', ')}`);
    }
  }

  const unknownEntries = entries.filter(({ entry }) => entry.outcome === 'unknown');
  return {
    problems,
    figures: {
      directives: finalDirectives.length,
      runs: runs.length,
      interruptions: {
        SIGTERM: runs.filter((run) => run.interrupted && run.planned?.signal === 'SIGTERM').length,
        SIGKILL: runs.filter((run) => run.interrupted && run.planned?.signal === 'SIGKILL').length,
      },
      billedTasks: billing.length,
      lostByMock: billing.filter((entry) => !entry.answered).length,
      duplicates: billing.length - finalDirectives.length,
      billedUsd: sum(billing.map((entry) => entry.costUsd)),
      savedUsd: sum([...savedById.values()].map((items) => items[0].entry.costUsd ?? 0)),
      unknownEntries: unknownEntries.length,
      unknownUsd: sum(unknownEntries.map(({ entry }) => entry.costUsd ?? 0)),
      spentReportedUsd: sum(runs.map((run) => run.report?.spentUsd ?? 0)),
      seenOnlyInProvenance,
      graceMs: runs.filter((run) => run.interrupted && run.planned?.signal === 'SIGTERM').map((run) => run.endedAt - run.signalledAt!),
    },
  };
}
