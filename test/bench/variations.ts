// Variations: 4 at generate's default concurrency against 1, the same mock task lasting T (real time,
// loopback, the real adaptive polling). Target: wall time ≤ 1.2 × the single image's, status and
// create requests ≤ 4 × the single image's.
import { performance } from 'perf_hooks';
import { runBatch } from '../../src/core/job/batch';
import { systemClock } from '../../src/core/base/clock';
import { silentLogger } from '../../src/core/base/logger';
import { generateImage } from '../../src/core/job/generate';
import { checkVariations } from '../../src/core/job/variations';
import { DEFAULT_CREATE_PATH, DEFAULT_TASK_PATH } from '../../src/core/spec/spec';
import { nodeFetch } from '../../src/node/nodeFetch';
import { GENERATE_DEFAULT_CONCURRENCY } from '../../src/cli/generate/generateArgs';
import { startMockServer } from '../mock/server';
import { formatTable } from './table';

export const VARIATION_BENCH = { taskSeconds: [5, 15], count: 4, timeTarget: 1.2, requestTarget: 4 };

interface Run {
  wallMs: number;
  requests: number;
  done: number;
}

async function timed(count: number, taskMs: number): Promise<Run> {
  const mock = await startMockServer({ defaultScenario: { queuedMs: 0, durationMs: taskMs } });
  try {
    const api = { baseUrl: mock.baseUrl, createPath: DEFAULT_CREATE_PATH, taskPath: DEFAULT_TASK_PATH, apiKey: mock.apiKey };
    const deps = { fetch: nodeFetch, clock: systemClock, random: Math.random, logger: silentLogger };
    const { requests } = checkVariations({ prompt: 'variation bench', width: 1328, height: 1328, usePreLlm: false }, count, deps);
    const started = performance.now();
    const outcomes = await runBatch(requests, (request, signal) => generateImage(request, api, deps, { signal }), { concurrency: GENERATE_DEFAULT_CONCURRENCY });
    return { wallMs: performance.now() - started, requests: mock.counts.creates + mock.counts.polls, done: outcomes.filter((outcome) => outcome.status === 'fulfilled').length };
  } finally {
    await mock.close();
  }
}

/** One row per T: the single image, then the variations, and their ratios. */
export async function variationsTable(): Promise<string> {
  const { count, timeTarget, requestTarget } = VARIATION_BENCH;
  const rows: string[][] = [];
  for (const seconds of VARIATION_BENCH.taskSeconds) {
    const one = await timed(1, seconds * 1000);
    const many = await timed(count, seconds * 1000);
    const time = many.wallMs / one.wallMs;
    const requests = many.requests / one.requests;
    const verdict = many.done === count && time <= timeTarget && requests <= requestTarget ? 'ok' : 'MISSED';
    rows.push([`${seconds} s`, `${(one.wallMs / 1000).toFixed(2)} s`, `${(many.wallMs / 1000).toFixed(2)} s`, `${time.toFixed(3)} ×`, `≤ ${timeTarget} ×`, `${one.requests}`, `${many.requests}`, `${requests.toFixed(2)} ×`, `≤ ${requestTarget} ×`, `${many.done}/${count}`, verdict]);
  }
  return formatTable(['T', '1 image', `${count} variations`, 'time ratio', 'target', 'requests (1)', `requests (${count})`, 'request ratio', 'target', 'done', ''], rows);
}
