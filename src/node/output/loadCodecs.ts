import * as path from 'path';
import { Worker } from 'worker_threads';
import type { Codecs } from './codecTypes';

/**
 * The codecs run in a worker thread started from their own bundle (dist/codecs.js, wasm in
 * dist/codecs/) on the first conversion: the extension's and the CLI's bundles never contain them,
 * activation never loads them, and the ~100 MB of wasm memory a 2048² conversion leaves behind goes
 * away with the worker once it has been idle for a while.
 */
const IDLE_MS = 10_000;
const loaded = new Map<string, WorkerCodecs>();

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type WorkerCodecs = Codecs & { release(): void };

function workerCodecs(folder: string): WorkerCodecs {
  let worker: Worker | undefined;
  let idle: NodeJS.Timeout | undefined;
  let next = 0;
  const pending = new Map<number, Pending>();
  const stop = () => {
    void worker?.terminate();
    worker = undefined;
  };
  const start = () => {
    const started = new Worker(path.join(folder, 'codecs.js'), { workerData: { sparkImageCodecs: path.join(folder, 'codecs') } });
    started.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const call = pending.get(id);
      pending.delete(id);
      if (error !== undefined) call?.reject(new Error(error));
      else call?.resolve(result);
      if (pending.size === 0) {
        // Idle: it never keeps a CLI process alive on its own, and goes after a while.
        worker?.unref();
        idle = setTimeout(stop, IDLE_MS);
        idle.unref();
      }
    });
    started.on('error', (error) => {
      for (const call of pending.values()) call.reject(error);
      pending.clear();
      worker = undefined;
    });
    return started;
  };
  const call = (method: keyof Codecs, ...args: unknown[]) =>
    new Promise((resolve, reject) => {
      clearTimeout(idle);
      worker ??= start();
      // A call in flight keeps the process alive until it is answered.
      worker.ref();
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
  return {
    release: () => (clearTimeout(idle), stop()),
    decode: (bytes) => call('decode', bytes) as ReturnType<Codecs['decode']>,
    resize: (pixels, width, height) => call('resize', pixels, width, height) as ReturnType<Codecs['resize']>,
    encode: (pixels, format, quality) => call('encode', pixels, format, quality) as ReturnType<Codecs['encode']>,
  };
}

/** `folder` holds codecs.js; the running bundle's own folder by default (dist/ for the extension and the CLI). */
export function loadCodecs(folder: string = __dirname): Codecs {
  let codecs = loaded.get(folder);
  if (!codecs) {
    codecs = workerCodecs(folder);
    loaded.set(folder, codecs);
  }
  return codecs;
}

/** Ends the codec workers now (their memory with them): for a bench or a process about to exit. */
export function releaseCodecs(): void {
  for (const codecs of loaded.values()) codecs.release();
}
