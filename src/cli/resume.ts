import { resumeTask } from '../core/generate';
import { ImageInfo } from '../core/imageType';
import { ResumeCommand } from './args';
import { apiConfigFrom } from './config';
import { coreDeps } from './coreDeps';
import { deliver } from './deliver';
import { resolveDestination } from './destination';
import { ExitCode, ExitCodeValue } from './exitCodes';
import { reportFailure } from './failure';
import { generatedName, slugOf } from './fileName';
import { CliIo } from './io';
import { ProgressDisplay } from './progress';
import { createdTaskFor, knownProvenance, knownRequest } from './resumeRequest';
import { KnownRequest, resumeCommand } from './resumeHint';

/** spark-image resume: wait for a task created earlier, then download and save it like generate. */
export async function runResume(command: ResumeCommand, io: CliIo): Promise<ExitCodeValue> {
  const { shared, taskId } = command;
  const progress = new ProgressDisplay(io.stderr);
  let known: KnownRequest = {};
  try {
    known = knownRequest(command);
    const destination = resolveDestination(shared.out, io.cwd);
    const api = apiConfigFrom(io.env, shared);
    const result = await resumeTask(createdTaskFor(taskId, known, Date.now()), api, coreDeps(io, api.apiKey, shared.verbose), {
      signal: io.signal,
      deadlineMs: shared.timeoutSeconds === undefined ? undefined : shared.timeoutSeconds * 1000,
      onProgress: progress.report,
    });
    progress.dispose();
    const images = result.images.map((image) => ({ ...image, provenance: knownProvenance(image.provenance, known, image.info) }));
    // Without the seed, the task id keeps the generated name unique and traceable.
    const nameInFolder = (info: ImageInfo) =>
      generatedName(known.prompt, known.seed !== undefined ? String(known.seed) : slugOf(taskId), info);
    deliver(images, { destination, json: shared.json, nameInFolder }, io);
    return ExitCode.ok;
  } catch (error) {
    progress.dispose();
    return reportFailure(io.stderr, error, resumeCommand(taskId, known, shared));
  }
}
