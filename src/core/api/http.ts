/**
 * The small slice of fetch the core needs. node-fetch (the extension, the CLI) and Node's own
 * fetch (some tests) both fit it, so the core never picks a transport itself.
 */
export interface HttpResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  /** A Node Readable or a web ReadableStream: both iterate asynchronously. */
  readonly body: AsyncIterable<Uint8Array | string> | null;
}

export interface HttpRequestInit {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  redirect?: 'manual' | 'follow' | 'error';
  /**
   * Asked with every address the transport is about to connect to (each one DNS gave, at connect
   * time): an error refuses the connection, and the request rejects with that very error.
   */
  refuseAddress?: (address: string, hostname: string) => Error | undefined;
}

export type FetchLike = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;

/** The largest API answer read: a task's JSON is a few KB, so anything near this is not one. */
export const MAX_JSON_BYTES = 1024 * 1024;
/** Give up on an answer when no byte of it arrives for this long. */
export const JSON_IDLE_TIMEOUT_MS = 15_000;

export interface ReadJsonOptions {
  maxBytes?: number;
  idleTimeoutMs?: number;
}

/** An answer that was dropped unread: too large, or stalled. Not a network code: nothing says it was not sent. */
export class ResponseBodyError extends Error {
  override name = 'ResponseBodyError';
}

function stopReading(body: AsyncIterable<unknown>, iterator: AsyncIterator<unknown>): void {
  // A Node stream is destroyed at once (the transport then closes the connection); a web stream
  // is cancelled through its iterator. Neither is awaited: a pending read may never settle.
  (body as { destroy?: () => void }).destroy?.();
  void iterator.return?.()?.catch(() => undefined);
}

/**
 * Reads the body as a stream, at most `maxBytes` of it: an answer announced or grown beyond that is
 * dropped at once without buffering the rest, and so is one that stalls for `idleTimeoutMs`.
 */
export async function readCappedText(response: HttpResponse, options: ReadJsonOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_JSON_BYTES;
  const idleMs = options.idleTimeoutMs ?? JSON_IDLE_TIMEOUT_MS;
  const tooLarge = () => new ResponseBodyError(`the answer is larger than ${maxBytes} bytes; it was dropped`);
  const declared = Number(response.headers.get('content-length'));
  const body = response.body;
  if (body && Number.isFinite(declared) && declared > maxBytes) {
    stopReading(body, body[Symbol.asyncIterator]());
    throw tooLarge();
  }
  if (!body) {
    // A transport without streams: the cap can only be checked afterwards.
    const text = await response.text();
    if (new TextEncoder().encode(text).byteLength > maxBytes) {
      throw tooLarge();
    }
    return text;
  }
  const iterator = body[Symbol.asyncIterator]();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    for (;;) {
      const stalled = new Promise<'stalled'>((resolve) => {
        timer = setTimeout(() => resolve('stalled'), idleMs);
      });
      const pending = iterator.next();
      // Left pending when the answer stalls; its eventual failure is expected, not unhandled.
      pending.catch(() => undefined);
      const next = await Promise.race([pending, stalled]);
      clearTimeout(timer);
      if (next === 'stalled') {
        stopReading(body, iterator);
        throw new ResponseBodyError(`no byte of the answer arrived for ${Math.round(idleMs / 1000)} s; it was dropped`);
      }
      if (next.done) {
        break;
      }
      const chunk = typeof next.value === 'string' ? new TextEncoder().encode(next.value) : next.value;
      total += chunk.byteLength;
      if (total > maxBytes) {
        stopReading(body, iterator);
        throw tooLarge();
      }
      parts.push(decoder.decode(chunk, { stream: true }));
    }
  } finally {
    clearTimeout(timer);
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * Reads the response as JSON; undefined when it is empty or not JSON (an HTML error page, say).
 * Throws ResponseBodyError when the answer is too large or stalls (see readCappedText).
 */
export async function readJson(response: HttpResponse, options: ReadJsonOptions = {}): Promise<{ json: unknown; text: string }> {
  const text = await readCappedText(response, options);
  if (text.trim() === '') {
    return { json: undefined, text };
  }
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch {
    return { json: undefined, text };
  }
}

/**
 * Retry-After is either delta-seconds or an HTTP date. Returns milliseconds from now, or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    return Math.round(Number(trimmed) * 1000);
  }
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - now);
}

/** The system error code of a failed request, wherever the fetch implementation put it. */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; errno?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) {
      return candidate.code;
    }
    if (typeof candidate.errno === 'string' && /^E[A-Z_]+$/.test(candidate.errno)) {
      return candidate.errno;
    }
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Errors after which the request certainly never reached the server: the name did not resolve or
 * nothing listened. Only then is repeating a paid create call safe.
 */
const NEVER_REACHED = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export function provablyNotSent(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NEVER_REACHED.has(code);
}

/** Joins a base URL and a path without doubling or losing the slash between them. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
