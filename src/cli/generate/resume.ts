import { GenerationJob, JobFailure } from '../../core/job/generationJob';
import { NO_PENDING } from '../../core/job/ports';
import { ImageInfo } from '../../core/image/imageType';
import { ResumeCommand } from '../commandTypes';
import { apiConfigFrom } from '../config';
import { coreDeps } from '../coreDeps';
import { cliSink, Delivery, reportSaved } from './deliver';
import { resolveDestination } from './destination';
import { ExitCode, ExitCodeValue } from '../exitCodes';
import { reportFailure } from '../failure';
import { slugify } from '../../core/naming/slug';
import { generatedName } from './fileName';
import { CliIo } from '../terminal/io';
import { ProgressDisplay } from '../terminal/progress';
import { createdTaskFor, knownProvenance, knownRequest, resumeDeadlineMs } from './resumeRequest';
import { KnownRequest, resumeCommand } from './resumeHint';
import { resumeKeptById, runResumeStored } from './resumeStored';

/** spark-image resume: wait for a task created earlier, then download and save it like generate. */
export async function runResume(command: ResumeCommand, io: CliIo): Promise<ExitCodeValue> {
  if (command.taskId === undefined || command.list) {
    return runResumeStored(command, io);
  }
  const byId = { ...command, taskId: command.taskId };
  return (await resumeKeptById(byId, io)) ?? resumeById(byId, io);
}

async function resumeById(command: ResumeCommand & { taskId: string }, io: CliIo): Promise<ExitCodeValue> {
  const { shared, taskId } = command;
  const progress = new ProgressDisplay(io.stderr);
  let known: KnownRequest = {};
  try {
    known = knownRequest(command);
    const destination = resolveDestination(shared.out, io.cwd);
    const api = apiConfigFrom(io.env, shared);
    // Without the seed, the task id keeps the generated name unique and traceable.
    const nameInFolder = (info: ImageInfo) => generatedName(known.prompt, known.seed !== undefined ? String(known.seed) : slugify(taskId), info);
    const delivery: Delivery = { destination, json: shared.json, nameInFolder, known: (image) => knownProvenance(image.provenance, known, image.info) };
    const job = new GenerationJob<never, string>({
      api,
      deps: coreDeps(io, api.apiKey, shared.verbose),
      sink: cliSink(delivery, io),
      pending: NO_PENDING,
      polling: { signal: io.signal, deadlineMs: resumeDeadlineMs(shared.timeoutSeconds), onProgress: progress.report },
    });
    const created = createdTaskFor(taskId, known, Date.now());
    const outcome = await job.resume(created);
    progress.dispose();
    if (outcome !== 'linkedAlready') {
      reportSaved(outcome.result.images, outcome.saved, delivery, io);
    }
    return ExitCode.ok;
  } catch (thrown) {
    progress.dispose();
    return reportFailure(io.stderr, JobFailure.causeOf(thrown), resumeCommand(taskId, known, shared));
  }
}
