// Small HTTP helpers shared by the API and image servers.
import type { IncomingMessage, ServerResponse } from 'http';

/** Request bodies above this are refused: the real API takes a short JSON object. */
export const MAX_BODY = 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(length > MAX_BODY ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parsed JSON, else the text, else null (for the request log). */
export function bodyForLog(raw: Buffer): unknown {
  if (raw.length === 0) return null;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code: status, error_message: message } }, headers);
}

/** Retry-After in seconds or as an HTTP-date (rounded up, so waiting until it is never too short). */
export function retryAfterHeader(seconds: number, format: 'seconds' | 'date' = 'seconds'): string {
  if (format === 'seconds') return String(seconds);
  return new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000).toUTCString();
}
