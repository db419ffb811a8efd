import { english, Translate } from '../base/messages';
import { CODE_DESCRIPTIONS, isDocumentedCode } from './spec';

/**
 * What went wrong, in the terms a caller acts on:
 * - validation: the input breaks a rule of the seed; nothing was sent.
 * - config: a setting (base URL, key, path) is missing or unsafe; nothing was sent.
 * - auth: the key was rejected (401); never retried.
 * - balance: the account has not enough balance (a balance code 40201–40208 in any answer, or a
 *   402/403 or a failed task saying so); never retried.
 * - permission: the key or the account may not do this (any other 403; a 402 "payment required",
 *   40200); never retried.
 * - rateLimited: the server asked us to wait longer than we are willing to.
 * - unreachable: the create request provably never reached the server.
 * - outcomeUnknown: the create request may have created a (paid) task we cannot see.
 * - api: the server answered with an error, or the task failed.
 * - protocol: the server's answer could not be understood.
 * - timeout: the task did not finish before the deadline; it may still be resumed.
 * - cancelled: the user stopped it.
 * - download: the result was refused by the download or safety checks.
 */
export type SparkErrorKind =
  | 'validation'
  | 'config'
  | 'auth'
  | 'balance'
  | 'permission'
  | 'rateLimited'
  | 'unreachable'
  | 'outcomeUnknown'
  | 'api'
  | 'protocol'
  | 'timeout'
  | 'cancelled'
  | 'download';

/** The parts of a connection a config error can be about. */
export type ConnectionInput = 'baseUrl' | 'createPath' | 'taskPath' | 'requestFormat';

export interface SparkErrorDetails {
  /** The 9-digit code of the seed, or the server's own code verbatim when it is not documented. */
  code?: string;
  taskId?: string;
  httpStatus?: number;
  retryAfterMs?: number;
  /** The server's own message, already sanitized. */
  serverMessage?: string;
  /** For config errors: which input of the connection is wrong; each front end names its own setting or flag for it. */
  input?: ConnectionInput;
  cause?: unknown;
}

export class SparkError extends Error {
  readonly kind: SparkErrorKind;
  readonly code?: string;
  readonly taskId?: string;
  readonly httpStatus?: number;
  readonly retryAfterMs?: number;
  readonly serverMessage?: string;
  readonly input?: ConnectionInput;

  constructor(kind: SparkErrorKind, message: string, details: SparkErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SparkError';
    this.kind = kind;
    this.code = details.code;
    this.taskId = details.taskId;
    this.httpStatus = details.httpStatus;
    this.retryAfterMs = details.retryAfterMs;
    this.serverMessage = details.serverMessage;
    this.input = details.input;
  }

  /** The same error, now knowing the task it belongs to. */
  withTaskId(taskId: string): SparkError {
    if (this.taskId) {
      return this;
    }
    return new SparkError(this.kind, this.message, { ...this.details(), taskId });
  }

  details(): SparkErrorDetails {
    return {
      code: this.code,
      taskId: this.taskId,
      httpStatus: this.httpStatus,
      retryAfterMs: this.retryAfterMs,
      serverMessage: this.serverMessage,
      input: this.input,
      cause: this.cause,
    };
  }
}

export function isSparkError(error: unknown): error is SparkError {
  return error instanceof SparkError;
}

/**
 * Failures that every further request with the same key would repeat: a batch stops sending when it
 * meets one, rather than paying nothing for a run of identical errors.
 */
export function isAccountFailure(error: unknown): boolean {
  return isSparkError(error) && (error.kind === 'auth' || error.kind === 'balance' || error.kind === 'permission');
}

export function isCancellation(error: unknown): boolean {
  return (
    (isSparkError(error) && error.kind === 'cancelled') ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'CancellationError'))
  );
}

/**
 * Codes arrive as integers (3002005) or strings ("003002005" or "3002005"). Those that are documented
 * codes without their leading zeros are shown in the documented 9-digit form; anything else verbatim.
 */
export function normalizeCode(raw: unknown): string | undefined {
  let text: string;
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    text = String(raw);
  } else if (typeof raw === 'string' && raw.trim() !== '') {
    text = raw.trim();
  } else {
    return undefined;
  }
  if (/^\d{1,9}$/.test(text)) {
    const padded = text.padStart(9, '0');
    if (isDocumentedCode(padded)) {
      return padded;
    }
  }
  return sanitizeServerText(text, 64);
}

/** "003002006 Invalid aspect ratio", or the code alone when the seed does not document it. */
export function describeCode(code: string, t: Translate = english): string {
  return isDocumentedCode(code) ? `${code} ${t(CODE_DESCRIPTIONS[code])}` : code;
}

/**
 * Text that came from a server is shown to people: drop control characters, fold white space,
 * and shorten it. Renderers still escape it; this only keeps it readable and bounded.
 */
export function sanitizeServerText(text: string, maxLength = 300): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]+/g, ' ').replace(/\s+/g, ' ').trim();
  const points = Array.from(cleaned);
  return points.length > maxLength ? `${points.slice(0, maxLength - 1).join('')}…` : cleaned;
}
