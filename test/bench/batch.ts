// Batch timing: 8 directives at concurrency 4, each task lasting T on the mock (real time, loopback).
// Two waves of four: the ideal is 2 × T; the target is ≤ 2.3 × T end to end (create, poll, download).
import { performance } from 'perf_hooks';
import { runBatch } from '../../src/core/job/batch';
import { tally } from '../unit/batchTally';
import { systemClock } from '../../src/core/base/clock';
import { generateImage } from '../../src/core/job/generate';
import { checkRequest } from '../../src/core/spec/validation';
import { silentLogger } from '../../src/core/base/logger';
import { nodeFetch } from '../../src/node/nodeFetch';
import { PollPolicy } from '../../src/core/polling/pollPolicy';
import { DEFAULT_CREATE_PATH, DEFAULT_TASK_PATH } from '../../src/core/spec/spec';
import { startMockServer } from '../mock/server';
import { formatTable } from './table';

export interface BatchBenchOptions {
  items: number;
  concurrency: number;
  taskMs: number;
  /** Status requests every this many ms: the batch is measured, not the polling schedule. */
  pollMs: number;
  target: number;
}

export const DEFAULT_BATCH_BENCH: BatchBenchOptions = { items: 8, concurrency: 4, taskMs: 1500, pollMs: 50, target: 2.3 };

export interface BatchBenchResult {
  totalMs: number;
  ratio: number;
  peakConcurrency: number;
  fulfilled: number;
}

export async function benchBatch(options: BatchBenchOptions = DEFAULT_BATCH_BENCH): Promise<BatchBenchResult> {
  const mock = await startMockServer({ defaultScenario: { queuedMs: 0, durationMs: options.taskMs } });
  try {
    const policy: PollPolicy = { name: `fixed ${options.pollMs} ms`, jitter: 0, delay: () => options.pollMs };
    const api = { baseUrl: mock.baseUrl, createPath: DEFAULT_CREATE_PATH, taskPath: DEFAULT_TASK_PATH, apiKey: mock.apiKey };
    const deps = { fetch: nodeFetch, clock: systemClock, random: Math.random, logger: silentLogger };
    let running = 0;
    let peak = 0;
    const started = performance.now();
    const outcomes = await runBatch(
      Array.from({ length: options.items }, (_, index) => index),
      async (index, signal) => {
        running++;
        peak = Math.max(peak, running);
        try {
          return await generateImage(checkRequest({ prompt: `batch bench ${index}`, width: 512, height: 512, seed: index + 1, usePreLlm: false }, deps).request, api, deps, { signal, policy });
        } finally {
          running--;
        }
      },
      { concurrency: options.concurrency },
    );
    const totalMs = performance.now() - started;
    return { totalMs, ratio: totalMs / options.taskMs, peakConcurrency: peak, fulfilled: tally(outcomes).fulfilled };
  } finally {
    await mock.close();
  }
}

export function batchTable(result: BatchBenchResult, options: BatchBenchOptions = DEFAULT_BATCH_BENCH): string {
  const verdict = result.fulfilled === options.items && result.ratio <= options.target ? 'ok' : 'MISSED';
  return formatTable(
    ['items', 'concurrency', 'T', 'total', 'total / T', 'target', 'peak running', 'done', ''],
    [[String(options.items), String(options.concurrency), `${(options.taskMs / 1000).toFixed(2)} s`, `${(result.totalMs / 1000).toFixed(2)} s`, `${result.ratio.toFixed(2)} × T`, `≤ ${options.target} × T`, String(result.peakConcurrency), `${result.fulfilled}/${options.items}`, verdict]],
  );
}
