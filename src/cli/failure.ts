import { describeCode, isSparkError } from '../core/spec/errors';
import { isResumable } from '../core/job/generationJob';
import { UsageError } from './usageError';
import { keyRejectedMessage } from './config';
import { exitCodeFor, ExitCodeValue } from './exitCodes';
import { StatusLine } from './terminal/statusLine';

function failureLines(error: unknown): string[] {
  if (error instanceof UsageError) {
    return [`spark-image: ${error.message}`, 'Run "spark-image --help" for the options.'];
  }
  if (!isSparkError(error)) {
    return [`spark-image: ${error instanceof Error ? error.message : String(error)}`];
  }
  const lines = [`spark-image: ${error.kind === 'auth' ? keyRejectedMessage(error.httpStatus) : error.message}`];
  if (error.code !== undefined && !error.message.includes(error.code)) {
    lines.push(`code: ${describeCode(error.code)}`);
  }
  if (error.taskId !== undefined && !error.message.includes(error.taskId)) {
    lines.push(`task: ${error.taskId}`);
  }
  return lines;
}

/** Whether fetching the task again could still give its image; not when the task itself failed or was refused. */
/** The core's own rule: a task that failed for good (a refusal, no balance, unknown) gives no image to fetch. */
function worthResuming(error: unknown): boolean {
  return isResumable(error);
}

/**
 * Prints what went wrong on stderr and returns the exit code. When a (paid) task exists and may
 * still deliver, it ends with the exact command that fetches it.
 */
export function reportFailure(stderr: StatusLine, error: unknown, resumeCommand?: string): ExitCodeValue {
  const exitCode = exitCodeFor(error);
  for (const line of failureLines(error)) {
    stderr.line(line);
  }
  if (resumeCommand !== undefined && worthResuming(error)) {
    stderr.line('To fetch this task\'s image later, run:');
    stderr.line(`  ${resumeCommand}`);
  }
  return exitCode;
}
