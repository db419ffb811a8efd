import { isCancellation, isSparkError } from '../core/spec/errors';
import { UsageError } from './usageError';

/** The process exit codes, as documented in --help, the README and SKILL.md (EXIT_CODE_TABLE). */
export const ExitCode = {
  ok: 0,
  /** A bug, or the image could not be written to disk; docs --check: the gate fails. */
  unexpected: 1,
  /** Bad arguments, input, configuration or destination: nothing was sent. */
  invalidInput: 2,
  /** The API or the task failed, the key was rejected, the network failed, or the outcome is unknown. */
  failed: 3,
  /** The result was refused by the download or safety checks. */
  refused: 4,
  /** The task did not finish in time; it can be resumed. */
  timedOut: 5,
  /** docs --keep-going: the valid directives were done, the invalid ones refused. */
  partlyDone: 6,
  /** 128 + SIGINT, as shells report it. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** One row per code, in the words the help, the README and SKILL.md use (a test holds them to it). */
export const EXIT_CODE_TABLE: ReadonlyArray<{ code: ExitCodeValue; meaning: string }> = [
  { code: ExitCode.ok, meaning: 'done: saved, or docs --check passed' },
  { code: ExitCode.unexpected, meaning: 'unexpected error or could not save (the task can be resumed); docs --check: an image is missing, out of date or over the weight budget, or a directive has an error' },
  { code: ExitCode.invalidInput, meaning: 'invalid input, options, key setting or destination: nothing was sent' },
  { code: ExitCode.failed, meaning: 'the API or the task failed: key rejected, balance, network, rate limit, unknown task, outcome unknown' },
  { code: ExitCode.refused, meaning: 'the result was refused by the download checks' },
  { code: ExitCode.timedOut, meaning: 'timed out: the task can be resumed' },
  { code: ExitCode.partlyDone, meaning: 'partly done: docs --keep-going generated the valid directives and refused the invalid ones' },
  { code: ExitCode.interrupted, meaning: 'interrupted (Ctrl+C or SIGTERM): paid tasks are kept for a rerun or spark-image resume' },
];

/** When a run has several outcomes (a docs batch), the first of these that applies is its exit code. */
export const EXIT_CODE_PRECEDENCE: readonly ExitCodeValue[] = [ExitCode.interrupted, ExitCode.failed, ExitCode.refused, ExitCode.timedOut, ExitCode.partlyDone, ExitCode.unexpected, ExitCode.ok];

/**
 * The exit code of a run that sent something: the first of EXIT_CODE_PRECEDENCE among `codes`.
 * "Nothing was sent" (2) cannot be true once something was: the API refusing one item counts as 3.
 */
export function runExitCode(codes: readonly ExitCodeValue[]): ExitCodeValue {
  const applying = new Set<ExitCodeValue>(codes.map((code) => (code === ExitCode.invalidInput ? ExitCode.failed : code)));
  return EXIT_CODE_PRECEDENCE.find((code) => applying.has(code)) ?? ExitCode.ok;
}

export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError) {
    return ExitCode.invalidInput;
  }
  if (isCancellation(error)) {
    return ExitCode.interrupted;
  }
  if (!isSparkError(error)) {
    return ExitCode.unexpected;
  }
  switch (error.kind) {
    case 'validation':
    case 'config':
      return ExitCode.invalidInput;
    case 'download':
      return ExitCode.refused;
    case 'timeout':
      return ExitCode.timedOut;
    case 'cancelled':
      return ExitCode.interrupted;
    case 'auth':
    case 'balance':
    case 'permission':
    case 'rateLimited':
    case 'unreachable':
    case 'outcomeUnknown':
    case 'api':
    case 'protocol':
      return ExitCode.failed;
  }
}
