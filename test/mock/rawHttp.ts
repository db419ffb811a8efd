// A tiny HTTP client for tests of the mock and of fault handling: unlike fetch it reports a reset,
// a hang (as a timeout) and a partial body as plain results instead of opaque errors.
import { request } from 'http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** True when the socket was destroyed or closed before the declared body arrived. */
  aborted: boolean;
  /** Parsed JSON body (undefined when it is not JSON). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type RawResult = RawResponse | { error: 'reset' | 'timeout'; partial?: RawResponse };

export interface RawOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Give up after this many ms without the response completing (default 2000). */
  timeoutMs?: number;
  /** Stop reading after this many body bytes (then destroy the request). */
  maxBytes?: number;
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function rawRequest(url: string, options: RawOptions = {}): Promise<RawResult> {
  return new Promise((resolve) => {
    const payload = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const headers: Record<string, string> = { ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}), ...options.headers };
    const chunks: Buffer[] = [];
    let received = 0;
    let partial: RawResponse | undefined;
    let settled = false;
    const finish = (result: RawResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(result);
    };
    const snapshot = (aborted: boolean): RawResponse | undefined =>
      partial && { ...partial, body: Buffer.concat(chunks), aborted, json: parse(Buffer.concat(chunks)) };
    const req = request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      partial = { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.alloc(0), aborted: false, json: undefined };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (options.maxBytes !== undefined && received >= options.maxBytes) finish(snapshot(false)!);
      });
      res.on('end', () => finish(snapshot(false)!));
      res.on('aborted', () => finish(snapshot(true)!));
      res.on('error', () => finish(snapshot(true)!));
    });
    const timer = setTimeout(() => finish({ error: 'timeout', partial: snapshot(false) }), options.timeoutMs ?? 2000);
    req.on('error', () => finish(partial ? snapshot(true)! : { error: 'reset' }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export function isResponse(result: RawResult): result is RawResponse {
  return !('error' in result);
}
