import { LinkedAbort } from '../base/abort';
import { abortError, Clock } from '../base/clock';
import { describeCode, SparkError } from '../spec/errors';
import { FetchLike, HttpResponse, joinUrl, networkErrorCode, parseRetryAfter, provablyNotSent, readJson } from './http';
import { Logger } from '../base/logger';
import { english, Translate } from '../base/messages';
import { failedTaskError, rejectionError, saysInsufficientBalance } from './rejection';
import { DEFAULT_REQUEST_FORMAT, ErrorCodes } from '../spec/spec';
import { errorOf, parseTask, TaskSnapshot } from './task';
import { GenerationRequest } from '../spec/validation';
import { createBody } from './wire';
import { ApiConfig, apiErrorMessage, checkApiConfig, PRODUCT } from './apiConfig';

export { apiErrorMessage, checkApiConfig, userAgentFor } from './apiConfig';
export type { ApiConfig, FrontEnd } from './apiConfig';

export interface ClientDeps {
  fetch: FetchLike;
  clock: Clock;
  random: () => number;
  logger: Logger;
  t?: Translate;
}

export interface CreateRetryOptions {
  /** Attempts in all, counting the first. */
  maxAttempts: number;
  /** First backoff after a connection that never reached the server; doubles, with jitter. */
  baseDelayMs: number;
  /** The longest Retry-After we wait for; beyond it the user is told to try later. */
  maxRetryAfterMs: number;
  /** After this long without an answer the outcome of a create is unknown. */
  requestTimeoutMs: number;
}

export const DEFAULT_CREATE_RETRY: CreateRetryOptions = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxRetryAfterMs: 30_000,
  requestTimeoutMs: 60_000,
};

export const POLL_REQUEST_TIMEOUT_MS = 20_000;

/** One status request's outcome: a task, or a failure worth trying again later. */
export type PollAnswer =
  | { kind: 'task'; task: TaskSnapshot }
  | { kind: 'transient'; reason: string; retryAfterMs?: number; notFound?: boolean };

export class SparkClient {
  private readonly t: Translate;

  constructor(
    private readonly config: ApiConfig,
    private readonly deps: ClientDeps,
    private readonly retry: CreateRetryOptions = DEFAULT_CREATE_RETRY,
  ) {
    this.t = deps.t ?? english;
    checkApiConfig(config, this.t);
  }

  get apiOrigin(): string {
    return new URL(this.config.baseUrl).origin;
  }

  taskUrl(taskId: string): string {
    return joinUrl(this.config.baseUrl, this.config.taskPath.replace('{id}', encodeURIComponent(taskId)));
  }

  private headers(withBody: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.config.apiKey}`,
      Accept: 'application/json',
      'User-Agent': this.config.userAgent ?? PRODUCT,
    };
    if (withBody) {
      headers['Content-Type'] = 'application/json';
    }
    return headers;
  }

  /**
   * Creates the (paid) task. It is sent again only when the previous attempt provably never reached
   * the server, or the server asked us to come back (429/503); anything else that leaves the outcome
   * open is reported as such rather than risking a second charge.
   */
  async createTask(request: GenerationRequest, signal?: AbortSignal): Promise<TaskSnapshot & { id: string }> {
    const { logger, clock } = this.deps;
    const url = joinUrl(this.config.baseUrl, this.config.createPath);
    const body = JSON.stringify(createBody(request, this.config.requestFormat ?? DEFAULT_REQUEST_FORMAT));
    for (let attempt = 1; ; attempt++) {
      const linked = new LinkedAbort(signal);
      linked.restartTimer(this.retry.requestTimeoutMs);
      const started = clock.now();
      let response: HttpResponse;
      let json: unknown;
      let text: string;
      try {
        logger.info(`POST ${url} (attempt ${attempt}, ${request.width}×${request.height}, seed ${request.seed})`);
        response = await this.deps.fetch(url, { method: 'POST', headers: this.headers(true), body, signal: linked.signal, redirect: 'error' });
        ({ json, text } = await readJson(response));
      } catch (error) {
        if (linked.cancelledByParent) {
          throw new SparkError('cancelled', this.t('Cancelled.'), { cause: error });
        }
        if (!linked.timedOut && provablyNotSent(error)) {
          const code = networkErrorCode(error);
          if (attempt < this.retry.maxAttempts) {
            const delay = this.backoff(attempt);
            logger.warn(`create not delivered (${code}); retrying in ${delay} ms`);
            await this.sleep(delay, signal);
            continue;
          }
          throw new SparkError('unreachable', this.t('Could not reach the service at {0} ({1}). Nothing was sent.', this.apiOrigin, code ?? 'network error'), { cause: error });
        }
        const reason = linked.timedOut
          ? this.t('no answer within {0} s', Math.round(this.retry.requestTimeoutMs / 1000))
          : networkErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
        logger.warn(`create outcome unknown: ${reason}`);
        throw new SparkError(
          'outcomeUnknown',
          this.t('The request was sent but the connection failed ({0}). The image may have been created and charged; it was not retried.', reason),
          { cause: error },
        );
      } finally {
        linked.dispose();
      }
      logger.info(`POST ${url} → ${response.status} in ${clock.now() - started} ms`);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      if (response.status === 429 || response.status === 503) {
        const wait = retryAfterMs ?? this.backoff(attempt);
        if (wait > this.retry.maxRetryAfterMs || attempt >= this.retry.maxAttempts) {
          throw new SparkError('rateLimited', this.t('The service is busy (HTTP {0}). Try again in {1} s.', response.status, Math.ceil(wait / 1000)), {
            httpStatus: response.status,
            retryAfterMs: wait,
            code: errorOf(json)?.code,
          });
        }
        logger.warn(`create answered ${response.status}; retrying in ${wait} ms`);
        await this.sleep(wait, signal);
        continue;
      }
      return this.interpretCreate(response.status, json, text);
    }
  }

  private interpretCreate(status: number, json: unknown, text: string): TaskSnapshot & { id: string } {
    const error = errorOf(json);
    const rejected = rejectionError(status, error, this.t);
    if (rejected) {
      throw rejected;
    }
    if (status === 502 || status === 504 || (status >= 500 && error?.code === undefined)) {
      throw new SparkError(
        'outcomeUnknown',
        this.t('The gateway answered HTTP {0} after the request was sent. The image may have been created and charged; it was not retried.', status),
        { httpStatus: status, code: error?.code, serverMessage: error?.message },
      );
    }
    if (status < 200 || status >= 300) {
      throw new SparkError('api', apiErrorMessage(error?.code, error?.message, status, this.t, json === undefined || error === undefined ? text : undefined), {
        httpStatus: status,
        code: error?.code ?? ErrorCodes.httpError,
        serverMessage: error?.message,
      });
    }
    const task = json === undefined ? undefined : parseTask(json);
    if (!task) {
      const what = text.trim() === '' ? this.t('an empty answer') : /^\s*</.test(text) ? this.t('an HTML page') : this.t('an answer that is not JSON');
      // Accepted (2xx) but unreadable: a task may exist and be billed, so it is never "nothing happened".
      throw new SparkError('outcomeUnknown', this.t('The service accepted the request but sent {0} instead of a task [{1}]. The image may have been created and charged; it was not retried.', what, describeCode(ErrorCodes.resultParsing, this.t)), {
        httpStatus: status,
        code: ErrorCodes.resultParsing,
      });
    }
    if (task.status === 'failed' || (error && !task.id)) {
      throw failedTaskError({ ...task, error: task.error ?? error }, this.t, task.id, status);
    }
    if (!task.id) {
      throw new SparkError('outcomeUnknown', this.t('The service accepted the request but returned no task id, so its result cannot be fetched [{0}]. The image may have been created and charged; it was not retried.', describeCode(ErrorCodes.resultParsing, this.t)), {
        httpStatus: status,
        code: ErrorCodes.resultParsing,
      });
    }
    return { ...task, id: task.id };
  }

  /** One status request. Failures that polling should ride out come back as "transient". */
  async getTask(taskId: string, signal?: AbortSignal): Promise<PollAnswer> {
    const url = this.taskUrl(taskId);
    const linked = new LinkedAbort(signal);
    linked.restartTimer(POLL_REQUEST_TIMEOUT_MS);
    let response: HttpResponse;
    let json: unknown;
    let text: string;
    try {
      response = await this.deps.fetch(url, { method: 'GET', headers: this.headers(false), signal: linked.signal, redirect: 'error' });
      ({ json, text } = await readJson(response));
    } catch (error) {
      if (linked.cancelledByParent) {
        throw new SparkError('cancelled', this.t('Cancelled.'), { taskId, cause: error });
      }
      const reason = linked.timedOut ? `no answer within ${POLL_REQUEST_TIMEOUT_MS} ms` : networkErrorCode(error) ?? String(error);
      return { kind: 'transient', reason };
    } finally {
      linked.dispose();
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    const rejected = rejectionError(response.status, errorOf(json), this.t, taskId);
    if (rejected) {
      throw rejected;
    }
    if (response.status === 429 || response.status >= 500 || response.status === 404 || response.status === 408) {
      return { kind: 'transient', reason: `HTTP ${response.status}`, retryAfterMs, notFound: response.status === 404 };
    }
    if (response.status < 200 || response.status >= 300) {
      const error = errorOf(json);
      throw new SparkError('api', apiErrorMessage(error?.code, error?.message, response.status, this.t, error === undefined ? text : undefined), {
        httpStatus: response.status,
        code: error?.code ?? ErrorCodes.statusCheck,
        taskId,
      });
    }
    const task = json === undefined ? undefined : parseTask(json);
    if (!task) {
      return { kind: 'transient', reason: 'status answer was not JSON' };
    }
    if (task.status === 'failed' && saysInsufficientBalance('task', task.error?.code, task.error?.message)) {
      // Said here rather than left to the poll loop, so every caller meets it as the account failure it is.
      throw failedTaskError(task, this.t, taskId, response.status);
    }
    return { kind: 'task', task };
  }

  private backoff(attempt: number): number {
    const base = this.retry.baseDelayMs * 2 ** (attempt - 1);
    return Math.round(base * (0.8 + 0.4 * this.deps.random()));
  }

  private async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      await this.deps.clock.sleep(ms, signal);
    } catch (error) {
      throw new SparkError('cancelled', this.t('Cancelled.'), { cause: error ?? abortError() });
    }
  }
}
