import * as fs from 'fs';
import { ApiConfig } from '../../core/api/client';
import { Directive, parseDirectives } from '../../core/directives/directives';
import { directiveSize } from '../../core/directives/directiveCost';
import { capCostUsd, estimateCostUsd, estimateText, priceNote } from '../../core/spend/pricing';
import { altEdit, changedFields } from '../../core/directives/outOfDate';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../../core/spec/spec';
import { apiConfigFrom } from '../config';
import { DocsCommand } from './docsArgs';
import { markdownFiles } from './docsFiles';
import { errorLines, jsonItems, quoted, relative, where } from './docsReport';
import { reportBudget } from '../output/budgetGate';
import { outputLine, outputStale } from '../output/outputStale';
import { applyOutputSteps, planOutput, regenerationOf, stepJson } from '../output/outputSteps';
import { cliCacheFolder, OriginalsCache } from '../../node/output/originalsCache';
import { runCheck } from './docsCheck';
import { Found, survey } from './docsSurvey';
import { ExitCode, ExitCodeValue, runExitCode } from '../exitCodes';
import { generateDirectives } from './docsRun';
import { spentBy, summaryLines } from './docsOutcomes';
import { reportFailure } from '../failure';
import { CliIo } from '../terminal/io';
import { imagesFolderFor } from './docsDelivery';
import { requireWritable } from '../generate/destination';
import { maxCostFrom, priceBookFrom, refuseOverLimit } from '../spendLimit';
import { docsHouseStyles } from '../styles/docsStyles';


function sizeOf(directive: Directive): { width: number; height: number } {
  return directiveSize(directive.request ?? { prompt: '' }, { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT });
}

function listInvalid(io: CliIo, invalid: readonly Found[]): void {
  invalid.flatMap((item) => errorLines(io, item)).forEach((line) => io.stderr.line(line));
}

/** Gives links the alt text their directives ask for, file by file; no image is made. Returns how many changed. */
function fixAltTexts(items: readonly Found[]): number {
  let fixed = 0;
  for (const file of new Set(items.map((item) => item.file))) {
    let text = fs.readFileSync(file, 'utf8');
    // From the end, so earlier offsets stay right.
    const edits = parseDirectives(text).flatMap((directive) => (directive.request && items.some((item) => item.file === file && item.directive.raw === directive.raw) ? [altEdit(directive)] : [])).filter((edit) => edit !== undefined);
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
      fixed++;
    }
    fs.writeFileSync(file, text);
  }
  return fixed;
}

/**
 * spark-image docs: the editor's directive rules for markdown files from a terminal or CI.
 * --check sends nothing and fails when an image is missing or out of date, or a link's alt text is
 * not the directive's (--check=missing: missing images only); --dry-run prints the plan and its cost;
 * otherwise missing images are generated (at most N at a time) and linked, and with --update out-of-date
 * ones too, and alt texts fixed without generating. A second run sends nothing. --json: one report.
 */
export async function runDocs(command: DocsCommand, io: CliIo): Promise<ExitCodeValue> {
  const { options, shared } = command;
  let files: string[];
  try {
    files = markdownFiles(options.paths, io.cwd);
  } catch (error) {
    return reportFailure(io.stderr, error);
  }
  const outOfDate = options.check === 'all' || options.update;
  const found = survey(files, { outOfDate, styles: await docsHouseStyles(files, io) });
  const { total, missing, invalid } = found;
  const staleOutput = outOfDate ? await outputStale(files, new Set(found.outOfDate.map((item) => item.image)), io.cwd) : [];
  const book = priceBookFrom(shared, io.env);
  const cache = new OriginalsCache(cliCacheFolder(io.env));
  // What happens to each image out of date: output, decided before anything is written or sent.
  const steps = planOutput(staleOutput, cache, options.regenerate === true, book);
  const output = steps.length > 0 ? { output: steps.map((step) => stepJson(step, (file) => relative(io, file))) } : {};
  const json = (extra: Record<string, unknown>) => io.stdout.write(`${JSON.stringify({ files: files.length, directives: total, ...extra, items: jsonItems(io, found, { outOfDate }), ...output })}\n`);
  if (options.check) {
    const heavy = await reportBudget(io, files, options.maxBytes, shared.json);
    staleOutput.forEach((item) => (shared.json ? io.stderr.line(outputLine(io, item)) : io.stdout.write(`${outputLine(io, item)}\n`)));
    return runCheck(io, found, files.length, options.check, shared, json, { overBudget: heavy, outputOutOfDate: staleOutput.length });
  }

  const regenerations = steps.filter((step) => step.action === 'regenerate').map((step) => regenerationOf(step.item));
  const todo: Found[] = (options.update ? [...missing, ...found.outOfDate, ...regenerations] : missing).sort((a, b) => (a.file === b.file ? a.directive.start - b.directive.start : a.file < b.file ? -1 : 1));
  const estimate = todo.reduce((sum, item) => sum + estimateCostUsd(sizeOf(item.directive).width, sizeOf(item.directive).height, book), 0);
  const capped = todo.reduce((sum, item) => sum + capCostUsd(sizeOf(item.directive).width, sizeOf(item.directive).height, book), 0);
  if (options.dryRun) {
    await applyOutputSteps(io, steps, cache, { dryRun: true, json: shared.json });
    if (shared.json) {
      json({ dryRun: true, update: options.update, generate: todo.length, regenerate: regenerations.length, altUpdates: options.update ? found.alt.length : 0, estimatedCostUsd: Number(estimate.toFixed(2)) });
    } else {
      // Regenerations for their output are listed with the output steps above.
      for (const item of todo.filter((item) => item.replaces === undefined)) {
        const { width, height } = sizeOf(item.directive);
        const seed = item.directive.request?.seed;
        const outOfDate = found.outOfDate.find((candidate) => candidate === item);
        const why = outOfDate ? `  (out of date: ${changedFields(outOfDate.changes)})` : '';
        io.stdout.write(`${where(io, item)}  ${width}×${height}  seed ${seed ?? 'random'}  ${quoted(item.directive.prompt)}${why}\n`);
      }
      if (options.update) {
        for (const item of found.alt) {
          io.stdout.write(`${where(io, item)}  alt text ${quoted(item.was)} → ${quoted(item.now)}  (no image generated)\n`);
        }
      }
      const alt = options.update && found.alt.length > 0 ? ` and ${found.alt.length} alt text(s) to update for free` : '';
      const regenerated = regenerations.length > 0 ? ` (${regenerations.length} of them regenerated with the same seed for their output)` : '';
      io.stdout.write(`${todo.length} image(s) to generate${regenerated}${alt}, ${estimateText(estimate)} (${priceNote(book)}).\n`);
    }
    listInvalid(io, invalid);
    return invalid.length > 0 ? ExitCode.invalidInput : ExitCode.ok;
  }

  listInvalid(io, invalid);
  if (invalid.length > 0 && !options.keepGoing) {
    // Before anything is sent or written: a run either does everything asked, or nothing.
    io.stderr.line(`refused: ${invalid.length} directive(s) with errors; nothing was sent or changed. Edit them, or add --keep-going to generate the others (exit ${ExitCode.partlyDone}).`);
    if (shared.json) {
      json({ refused: true, generated: [] });
    }
    return ExitCode.invalidInput;
  }
  // With --keep-going, refused directives make the run "partly done", whatever else happens.
  const refusedCode = invalid.length > 0 ? ExitCode.partlyDone : ExitCode.ok;
  let api: ApiConfig | undefined;
  if (todo.length > 0) {
    try {
      // Before anything is sent or written: the whole batch's estimate (regenerations too) against --max-cost.
      refuseOverLimit(capped, maxCostFrom(shared, io.env), `${todo.length} image(s)`);
      api = apiConfigFrom(io.env, shared);
      // Last, as it makes the missing folders: each images/ folder takes a file.
      new Set(todo.map((item) => imagesFolderFor(item.file))).forEach(requireWritable);
    } catch (error) {
      return reportFailure(io.stderr, error);
    }
  }
  await applyOutputSteps(io, steps, cache, { dryRun: false, json: shared.json });
  if (options.update && found.alt.length > 0) {
    const fixed = fixAltTexts(found.alt);
    found.alt.forEach((item) => io.stderr.line(`${where(io, item)}: alt text ${quoted(item.was)} → ${quoted(item.now)}`));
    io.stderr.line(`${fixed} alt text(s) updated; no image generated for them.`);
  }
  if (todo.length === 0 || !api) {
    io.stderr.line(`${total} directive(s) in ${files.length} file(s): nothing to generate.`);
    if (shared.json) {
      json({ generated: [] });
    }
    return refusedCode;
  }
  io.stderr.line(`generating ${todo.length} image(s), ${options.concurrency} at a time, ${estimateText(estimate)}`);
  const run = await generateDirectives(todo, io, shared, api, book, options.concurrency);
  const interrupted = io.signal.aborted;
  if (run.notSent > 0 && !interrupted) {
    const stopper = run.tasks.find((task) => task.outcome === 'failed')?.message;
    io.stderr.line(`stopped: ${run.notSent} image(s) not sent, because every one would fail the same way: ${stopper ?? 'see above'}`);
  }
  if (shared.json) {
    const generated = run.tasks.filter((task) => task.outcome === 'saved' && task.linked !== false).map((task) => ({ file: task.file, line: task.line, path: task.path, seed: task.seed, taskId: task.taskId, costUsd: task.costUsd }));
    const failed = run.tasks.filter((task) => task.outcome === 'failed').map((task) => ({ file: task.file, line: task.line, message: task.message }));
    json({ generated, failed, tasks: run.tasks, ...spentBy(run.tasks), interrupted, ...(run.skipped.length > 0 ? { skipped: run.skipped } : {}) });
  }
  summaryLines(run.tasks, todo.length, { notSent: run.notSent, skipped: run.skipped.length }).forEach((line) => io.stderr.line(line));
  run.reported();
  // Something was sent: the first of 130, 3, 4, 5, 6, 1, 0 that applies.
  return runExitCode([interrupted ? ExitCode.interrupted : ExitCode.ok, ...run.codes, refusedCode]);
}
