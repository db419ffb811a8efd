import { CreatedTask } from '../../core/job/generate';
import { GenerationJob, JobFailure } from '../../core/job/generationJob';
import { checkRequest } from '../../core/spec/validation';
import { SparkError } from '../../core/spec/errors';
import { GenerateCommand } from '../commandTypes';
import { apiConfigFrom } from '../config';
import { coreDeps } from '../coreDeps';
import { cliSink, Delivery, reportSaved, SaveFailure } from './deliver';
import { Destination, resolveDestination, workingOut } from './destination';
import { ExitCode, ExitCodeValue } from '../exitCodes';
import { reportFailure } from '../failure';
import { generatedName } from './fileName';
import { CliIo } from '../terminal/io';
import { ProgressDisplay } from '../terminal/progress';
import { resumeCommand } from './resumeHint';
import { imageEstimateUsd, maxCostFrom, priceBookFrom, refuseOverLimit } from '../spendLimit';
import { estimateCostUsd, estimateText, PriceBook } from '../../core/spend/pricing';
import { PriceStore } from '../../node/priceStore';
import { stateDirOf } from '../../node/tasks/stateDir';
import { cliTaskStore, maybeBilled, storedStyle, UNKNOWN_OUTCOME } from './cliTasks';
import { DEFAULT_GRACE_SECONDS, graceSignal } from '../terminal/interrupts';
import { styleRecordingSink } from '../../core/job/styledSink';
import { styledGenerateInput } from '../styles/repoStyles';
import { runVariations } from './variations';
import { cliOutputPlan } from '../output/cliOutputPlan';

function createdLine(task: CreatedTask, book: PriceBook): string {
  const { request } = task;
  const estimate = estimateText(estimateCostUsd(request.width, request.height, book));
  return `task ${task.taskId} created · seed ${request.seed} · ${request.width}×${request.height} · prompt expansion ${request.use_pre_llm ? 'on' : 'off'} · ${estimate}`;
}

/** spark-image generate: validate, create, wait, download, save. */
export async function runGenerate(command: GenerateCommand, io: CliIo): Promise<ExitCodeValue> {
  if (command.count > 1) {
    return runVariations(command, io);
  }
  const { shared } = command;
  const progress = new ProgressDisplay(io.stderr);
  let created: CreatedTask | undefined;
  let destination: Destination | undefined;
  let intent: { id: string; drop(): void } | undefined;
  // After an interrupt, the paid task still has its grace period to finish and be saved.
  const grace = graceSignal(io.signal, (shared.graceSeconds ?? DEFAULT_GRACE_SECONDS) * 1000, () => created && io.stderr.line(`waiting up to ${shared.graceSeconds ?? DEFAULT_GRACE_SECONDS} s for the paid task ${created.taskId}…`));
  try {
    // All checked before anything is sent: a typo must not cost a paid task.
    const api = apiConfigFrom(io.env, shared);
    const book = priceBookFrom(shared, io.env);
    // The house style (spark-image.json) makes the prompt sent, and may set the size it is paid at.
    const { input, styled } = await styledGenerateInput(command, io);
    refuseOverLimit(imageEstimateUsd(input.width as string | number | undefined, input.height as string | number | undefined, book), maxCostFrom(shared, io.env), 'This image');
    const deps = coreDeps(io, api.apiKey, shared.verbose);
    const { request: checked, warnings } = checkRequest(input, deps);
    // Last, as it makes the missing folders: proven writable, so the image paid for can be saved.
    destination = resolveDestination(shared.out, io.cwd);
    warnings.forEach((warning) => io.stderr.line(`warning: ${warning.message}`));
    const output = await cliOutputPlan(command.output, io.cwd);
    const delivery: Delivery = { output, destination, json: shared.json, nameInFolder: (info, provenance) => generatedName(provenance.userPrompt ?? provenance.prompt, String(provenance.seed), info), known: (image) => image.provenance };
    // Written ahead: should this process die after the create, `spark-image resume` finds the task.
    const store = cliTaskStore(io);
    if (io.signal.aborted) {
      throw new SparkError('cancelled', 'Cancelled before anything was sent.');
    }
    const intentId = store.intend({ request: checked, target: { origin: 'generate', destination, output, ...storedStyle(styled) }, createdAt: Date.now() });
    intent = { id: intentId, drop: () => store.dropIntent(intentId) };
    const job = new GenerationJob<never, string>({
      api,
      deps,
      sink: styleRecordingSink(cliSink(delivery, { ...io, signal: grace.signal }), styled),
      pending: store.pendingFor(intentId),
      polling: { signal: grace.signal, deadlineMs: shared.timeoutSeconds === undefined ? undefined : shared.timeoutSeconds * 1000, onProgress: progress.report },
      onTaskCreated: (task) => {
        created = task;
        io.stderr.line(createdLine(task, book));
        // The core's next report comes with the first poll; until then the task is queued, not submitting.
        progress.report({ phase: 'queued', elapsedMs: Date.now() - task.createdAt, taskId: task.taskId });
      },
    });
    const outcome = await job.run(checked);
    grace.dispose();
    progress.dispose();
    reportSaved(outcome.result.images, outcome.saved, delivery, io);
    const { provenance } = outcome.result;
    new PriceStore(stateDirOf(io.env)).learnFromBill(provenance.costUsd, provenance.generatedImages ?? outcome.result.images.length, checked.width, checked.height, (message) => io.stderr.line(`warning: ${message}`));
    return ExitCode.ok;
  } catch (thrown) {
    grace.dispose();
    progress.dispose();
    const error = JobFailure.causeOf(thrown);
    if (intent && !created && !maybeBilled(error)) {
      // The API refused the create: nothing was made, nothing to find later.
      intent.drop();
    } else if (intent && !created) {
      io.stderr.line(`${UNKNOWN_OUTCOME}: the create was sent but its answer never came; spark-image resume --list shows it.`);
    }
    // The folder that refused the image is not named again: the hint saves where saving works now.
    const out = error instanceof SaveFailure && destination ? (workingOut(destination, io.cwd) ?? shared.out) : shared.out;
    const hint = created && resumeCommand(created.taskId, { ...created.request, usePreLlm: created.request.use_pre_llm }, { ...shared, out });
    return reportFailure(io.stderr, error, hint);
  }
}
