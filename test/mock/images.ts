// The image server's behaviour: serving /images/<taskId>/<n>.<ext>, or misbehaving as the task's
// scenario says. It never touches the API key and never contacts any other host.
import type { IncomingMessage, ServerResponse } from 'http';
import { DEFAULTS, type ImageFault } from './scenario';
import type { Task } from './tasks';

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><script>alert(1)</script><rect width="64" height="64"/></svg>');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script><p>not an image</p></body></html>');

/** The byte length a download of this image will deliver (or declare), for the output's `size`. */
export function servedSize(fault: ImageFault | undefined, image: Buffer): number {
  switch (fault?.kind) {
    case 'svg':
      return SVG.length;
    case 'html':
      return HTML.length;
    case 'oversized':
      return fault.bytes ?? DEFAULTS.oversizedBytes;
    default:
      return image.length;
  }
}

export interface ImageContext {
  /** The image server's own origin (http://localhost:PORT). */
  imageBaseUrl: string;
  /** The same server under another origin (http://127.0.0.1:PORT), for cross-origin redirects. */
  otherOriginUrl: string;
  findTask(id: string): Task | undefined;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not found');
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { Location: location, 'Content-Type': 'text/plain', 'Content-Length': '0' });
  res.end();
}

/** Streams `total` bytes (the image first, then zeros) chunk by chunk, honouring backpressure. */
function streamOversized(res: ServerResponse, image: Buffer, total: number): void {
  const filler = Buffer.alloc(64 * 1024);
  let sent = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
  });
  const pump = (): void => {
    while (!closed && sent < total) {
      const source = sent < image.length ? image.subarray(sent) : filler;
      const piece = source.subarray(0, Math.min(source.length, total - sent));
      sent += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
}

export function handleImageRequest(req: IncomingMessage, res: ServerResponse, ctx: ImageContext): void {
  const url = new URL(req.url ?? '/', ctx.imageBaseUrl);
  const match = /^\/images\/([^/]+)\/(\d+)\.(png|jpg)$/.exec(url.pathname);
  const task = match ? ctx.findTask(match[1]) : undefined;
  const image = match && task?.images?.[Number(match[2])];
  if (!match || !task || !image || image.ext !== match[3]) return notFound(res);

  // Only the URL from the task output is "the download" that a fault fires on; the hops of a redirect
  // chain keep following it, and `?direct=1` (the cross-origin target) serves plainly.
  const hop = Number(url.searchParams.get('hop') ?? '0');
  const loop = url.searchParams.get('loop');
  let fault: ImageFault | undefined;
  if (url.searchParams.has('direct')) {
    fault = undefined;
  } else if (hop > 0 || loop !== null) {
    fault = task.scenario.image?.kind === 'redirect' ? task.scenario.image : undefined;
  } else if (task.scenario.image) {
    const { times } = task.scenario.image;
    if (times === undefined || task.imageFaultsFired < times) {
      fault = task.scenario.image;
      task.imageFaultsFired++;
    }
  }

  const bytes = image.bytes;
  const self = `${ctx.imageBaseUrl}${url.pathname}`;
  const serve = (): void => {
    res.writeHead(200, { 'Content-Type': image.contentType, 'Content-Length': String(bytes.length) });
    res.end(bytes);
  };
  switch (fault?.kind) {
    case undefined:
      return serve();
    case 'svg':
    case 'html': {
      const body = fault.kind === 'svg' ? SVG : HTML;
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(body.length) });
      res.end(body);
      return;
    }
    case 'missing':
      return notFound(res);
    case 'oversized': {
      const total = fault.bytes ?? DEFAULTS.oversizedBytes;
      const headers: Record<string, string> = { 'Content-Type': image.contentType };
      if (!fault.chunked) headers['Content-Length'] = String(total);
      res.writeHead(200, headers);
      streamOversized(res, bytes, total);
      return;
    }
    case 'drip':
      // Headers promise the whole image; a few bytes follow, then nothing until the client gives up.
      res.writeHead(200, { 'Content-Type': image.contentType, 'Content-Length': String(bytes.length) });
      res.write(bytes.subarray(0, fault.bytes ?? DEFAULTS.dripBytes));
      return;
    case 'truncated':
      res.writeHead(200, { 'Content-Type': image.contentType, 'Content-Length': String(bytes.length) });
      res.write(bytes.subarray(0, fault.bytes ?? Math.floor(bytes.length / 2)), () => res.socket?.destroy());
      return;
    case 'redirect': {
      const status = fault.status ?? 302;
      const hops = Math.max(1, fault.hops ?? 1);
      const to = fault.to ?? 'image';
      if (to === 'loop') return redirect(res, status, `${self}?loop=${loop === '1' ? '2' : '1'}`);
      // The hop index at which the chain leaves this server for its target (or, for 'image', is served).
      const last = to === 'image' ? hops : hops - 1;
      if (hop < last) return redirect(res, status, `${self}?hop=${hop + 1}`);
      if (to === 'image' || hop > last) return serve();
      const target = {
        'other-origin': `${ctx.otherOriginUrl}${url.pathname}?direct=1`,
        remote: 'http://example.com/x.png',
        file: 'file:///etc/passwd',
      }[to];
      return redirect(res, status, target);
    }
  }
}
