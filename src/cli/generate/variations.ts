/**
 * spark-image generate --count N: N variations of one request, each a paid task with its own seed
 * (S..S+N−1 with --seed S, else N distinct random ones), at most --concurrency at once. Everything
 * is checked before the first create: every seed, the total estimate against --max-cost, the
 * destination. Every file is saved; with --json, one line {"images": [{path, provenance}], "costUsd"}.
 * Ctrl+C stops every variation as it stops one image: nothing new is sent, the paid ones share one
 * grace period, and those still running after it are kept in the store, listed in one line for
 * `spark-image resume` (exit 130).
 */
import { runBatch } from '../../core/job/batch';
import { CreatedTask } from '../../core/job/generate';
import { GenerationJob, isResumable, JobFailure } from '../../core/job/generationJob';
import { styleRecordingSink } from '../../core/job/styledSink';
import { checkVariations } from '../../core/job/variations';
import { isAccountFailure, SparkError } from '../../core/spec/errors';
import { estimateText, formatBilledUsd, PriceBook } from '../../core/spend/pricing';
import { GenerateCommand } from '../commandTypes';
import { apiConfigFrom } from '../config';
import { coreDeps } from '../coreDeps';
import { ExitCode, exitCodeFor, ExitCodeValue, runExitCode } from '../exitCodes';
import { reportFailure } from '../failure';
import { imageEstimateUsd, maxCostFrom, priceBookFrom, refuseOverLimit } from '../spendLimit';
import { CliIo } from '../terminal/io';
import { cliTaskStore, maybeBilled, storedStyle } from './cliTasks';
import { cliOutputPlan } from '../output/cliOutputPlan';
import { DEFAULT_GRACE_SECONDS, graceSignal } from '../terminal/interrupts';
import { cliSink, Delivery, KnownProvenance, reportSaved } from './deliver';
import { resolveDestination } from './destination';
import { generatedName } from './fileName';
import { styledGenerateInput } from '../styles/repoStyles';
import { resumeCommand } from './resumeHint';

interface Saved {
  path: string;
  provenance: KnownProvenance;
}

/** Sums in millionths of a dollar, so 0.03 + 0.03 reads 0.06; null when any image had no billed cost. */
function totalUsd(images: readonly Saved[]): number | null {
  const costs = images.map((image) => image.provenance.costUsd);
  return costs.every((cost): cost is number => typeof cost === 'number') ? costs.reduce((sum, cost) => sum + Math.round(cost * 1e6), 0) / 1e6 : null;
}

/** The one line an interrupt ends with: every paid variation kept, what they cost, how to fetch them. */
function keptLine(kept: readonly CreatedTask[], book: PriceBook): string {
  const estimate = kept.reduce((sum, task) => sum + imageEstimateUsd(task.request.width, task.request.height, book), 0);
  return `${kept.length} paid task(s) kept (${estimateText(estimate)}): ${kept.map((task) => task.taskId).join(', ')}; fetch them with spark-image resume`;
}

export async function runVariations(command: GenerateCommand, io: CliIo): Promise<ExitCodeValue> {
  const { shared, count, concurrency } = command;
  let prepared;
  try {
    const api = apiConfigFrom(io.env, shared);
    const book = priceBookFrom(shared, io.env);
    const { input, styled } = await styledGenerateInput(command, io);
    const deps = coreDeps(io, api.apiKey, shared.verbose);
    const { requests, warnings } = checkVariations(input, count, deps);
    // The total, before anything is sent: N variations are N paid images.
    refuseOverLimit(requests.reduce((sum, request) => sum + imageEstimateUsd(request.width, request.height, book), 0), maxCostFrom(shared, io.env), `${count} variations`);
    const destination = resolveDestination(shared.out, io.cwd);
    warnings.forEach((warning) => io.stderr.line(`warning: ${warning.message}`));
    const output = await cliOutputPlan(command.output, io.cwd);
    prepared = { api, book, styled, deps, requests, destination, output };
  } catch (error) {
    return reportFailure(io.stderr, error);
  }
  const { api, book, styled, deps, requests, destination, output } = prepared;
  const delivery: Delivery = { output, destination, json: false, nameInFolder: (info, provenance) => generatedName(provenance.userPrompt ?? provenance.prompt, String(provenance.seed), info), known: (image) => image.provenance };
  const store = cliTaskStore(io);
  const saved: Saved[] = [];
  const created: Array<CreatedTask | undefined> = [];
  // One grace period for every paid variation still running when the interrupt comes.
  const graceSeconds = shared.graceSeconds ?? DEFAULT_GRACE_SECONDS;
  const live = new Set<string>();
  const grace = graceSignal(io.signal, graceSeconds * 1000, () => live.size > 0 && io.stderr.line(`waiting up to ${graceSeconds} s for ${live.size} paid variation(s) to finish…`));
  const graceIo = { ...io, signal: grace.signal };
  io.stderr.line(`generating ${count} variations, ${Math.min(concurrency, count)} at a time, seeds ${requests.map((request) => request.seed).join(', ')}`);
  const outcomes = await runBatch(
    requests,
    async (request, _signal, index) => {
      if (io.signal.aborted) {
        throw new SparkError('cancelled', 'Cancelled before it was sent.');
      }
      // As a single generate keeps it: a resumed variation is saved the same way (output, house style).
      const intentId = store.intend({ request, target: { origin: 'generate', destination, output, ...storedStyle(styled) }, createdAt: Date.now() });
      const job = new GenerationJob<never, string>({
        api,
        deps,
        sink: styleRecordingSink(cliSink(delivery, graceIo), styled),
        pending: store.pendingFor(intentId),
        polling: { signal: grace.signal, deadlineMs: shared.timeoutSeconds === undefined ? undefined : shared.timeoutSeconds * 1000 },
        onTaskCreated: (task) => {
          created[index] = task;
          live.add(task.taskId);
          io.stderr.line(`task ${task.taskId} created · seed ${task.request.seed} · ${task.request.width}×${task.request.height}`);
        },
      });
      try {
        const outcome = await job.run(request);
        // Paths on stdout (one per line), or kept for the one JSON line below.
        reportSaved(outcome.result.images, outcome.saved, delivery, shared.json ? { ...io, stdout: { write: () => undefined } } : io);
        outcome.result.images.forEach((image, at) => saved.push({ path: outcome.saved[at].location, provenance: image.provenance }));
        return outcome;
      } catch (thrown) {
        if (!created[index] && !maybeBilled(JobFailure.causeOf(thrown))) {
          store.dropIntent(intentId);
        }
        throw JobFailure.causeOf(thrown);
      } finally {
        live.delete(created[index]?.taskId ?? '');
      }
    },
    { concurrency, signal: io.signal, stopAfter: isAccountFailure },
  );
  grace.dispose();
  const interrupted = io.signal.aborted;
  const codes: ExitCodeValue[] = [interrupted ? ExitCode.interrupted : ExitCode.ok];
  const kept: CreatedTask[] = [];
  outcomes.forEach((outcome, index) => {
    const task = created[index];
    if (outcome.status === 'rejected' && interrupted && task && isResumable(outcome.error)) {
      // Paid and still running after the grace: in the store, named once below.
      kept.push(task);
    } else if (outcome.status === 'rejected') {
      io.stderr.line(`variation ${index + 1} (seed ${requests[index].seed}) failed:`);
      const hint = task && resumeCommand(task.taskId, { ...task.request, usePreLlm: task.request.use_pre_llm }, shared);
      codes.push(reportFailure(io.stderr, outcome.error, hint));
    } else if (outcome.status !== 'fulfilled') {
      codes.push(exitCodeFor(outcome.status === 'notSent' ? outcome.reason : new SparkError('cancelled', 'Cancelled before it was sent.')));
    }
  });
  const costUsd = totalUsd(saved);
  io.stderr.line(`${saved.length} of ${count} variations saved${costUsd === null ? '' : ` · ${formatBilledUsd(costUsd)}`} (${estimateText(requests.reduce((sum, request) => sum + imageEstimateUsd(request.width, request.height, book), 0))})`);
  if (kept.length > 0) {
    io.stderr.line(keptLine(kept, book));
  }
  if (shared.json) {
    io.stdout.write(`${JSON.stringify({ images: saved, costUsd })}\n`);
  }
  return runExitCode(codes);
}
