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
}

export type FetchLike = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;

/** Reads the response as JSON; undefined when it is empty or not JSON (an HTML error page, say). */
export async function readJson(response: HttpResponse): Promise<{ json: unknown; text: string }> {
  const text = await response.text();
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

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || networkErrorCode(error) === 'ABORT_ERR');
}

/** Joins a base URL and a path without doubling or losing the slash between them. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
