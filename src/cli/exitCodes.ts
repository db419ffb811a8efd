import { isCancellation, isSparkError } from '../core/spec/errors';
import { UsageError } from './usageError';

/** The process exit codes, as documented in --help. */
export const ExitCode = {
  ok: 0,
  /** A bug, or the image could not be written to disk. */
  unexpected: 1,
  /** Bad arguments, input or configuration: nothing was sent. */
  invalidInput: 2,
  /** The API or the task failed, the key was rejected, the network failed, or the outcome is unknown. */
  failed: 3,
  /** The result was refused by the download or safety checks. */
  refused: 4,
  /** The task did not finish in time; it can be resumed. */
  timedOut: 5,
  /** 128 + SIGINT, as shells report it. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

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
