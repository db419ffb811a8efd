import { performance } from 'perf_hooks';
import { SparkClient } from '../../src/core/api/client';
import { systemClock } from '../../src/core/base/clock';
import { FetchLike } from '../../src/core/api/http';
import { silentLogger } from '../../src/core/base/logger';
import { nodeFetch } from '../../src/node/nodeFetch';
import { pollTask } from '../../src/core/polling/polling';
import { PollPolicy } from '../../src/core/polling/pollPolicy';
import { DEFAULT_CREATE_PATH, DEFAULT_TASK_PATH, MODEL_ID } from '../../src/core/spec/spec';
import { GenerationRequest } from '../../src/core/spec/validation';
import { MockServer, startMockServer } from '../mock/server';
import { simulateTrial, TrialResult } from './polling';
import { seededRandom } from './seededRandom';
import { mean } from './stats';
import { formatTable, seconds } from './table';

const REQUEST: GenerationRequest = { model: MODEL_ID, prompt: 'cross-check', use_pre_llm: false, seed: 1, width: 512, height: 512 };
const QUEUED_MS = 1000;

interface RealTrial extends TrialResult {
  seed: number;
  /** Mean round trip of this trial's status requests. */
  roundTripMs: number;
}

function clientFor(mock: MockServer, random: () => number, roundTrips: number[]): SparkClient {
  const timedFetch: FetchLike = async (url, init) => {
    const started = performance.now();
    const response = await nodeFetch(url, init);
    if (init.method === 'GET') {
      roundTrips.push(performance.now() - started);
    }
    return response;
  };
  const api = { baseUrl: mock.baseUrl, createPath: DEFAULT_CREATE_PATH, taskPath: DEFAULT_TASK_PATH, apiKey: mock.apiKey };
  return new SparkClient(api, { fetch: timedFetch, clock: systemClock, random, logger: silentLogger });
}

/** One task in real time, measured against the moment the mock says it completed. */
async function realTrial(mock: MockServer, policy: PollPolicy, durationMs: number, seed: number): Promise<RealTrial> {
  const random = seededRandom(seed);
  const roundTrips: number[] = [];
  const client = clientFor(mock, random, roundTrips);
  const createdAt = systemClock.now();
  const task = await client.createTask(REQUEST);
  const stats = { statusRequests: 0 };
  await pollTask(client, task.id, { clock: systemClock, random, logger: silentLogger }, { createdAt, policy }, stats);
  const noticedAt = systemClock.now();
  const serverCreatedAt = mock.tasks.find((t) => t.id === task.id)?.createdAt ?? createdAt;
  return { seed, overheadMs: noticedAt - (serverCreatedAt + durationMs), statusRequests: stats.statusRequests, roundTripMs: mean(roundTrips) };
}

/** The mock renders an image at the first poll that sees it complete; render it once beforehand so that poll is not slower. */
async function warmUp(mock: MockServer): Promise<void> {
  mock.setScenario({ next: [{ queuedMs: 0, durationMs: 0 }] });
  const client = clientFor(mock, Math.random, []);
  const task = await client.createTask(REQUEST);
  await client.getTask(task.id);
}

/**
 * Real clock, real loopback, real mock: a few tasks of `durationMs` run side by side, each replayed
 * in virtual time with the same jitter draws and its measured round trip. Matching figures mean
 * the virtual tables describe what a real client does.
 */
export async function crossCheck(policy: PollPolicy, durationMs = 5000, trials = 5): Promise<string> {
  // Without progress: the virtual replay below checks the time-based schedule (the simulated task reports none).
  const mock = await startMockServer({ defaultScenario: { queuedMs: QUEUED_MS, durationMs, progress: 'none' } });
  try {
    await warmUp(mock);
    const real = await Promise.all(Array.from({ length: trials }, (_, index) => realTrial(mock, policy, durationMs, index + 1)));
    const rows: string[][] = [];
    const differences: number[] = [];
    for (const trial of real) {
      const virtual = await simulateTrial(policy, durationMs, { latencyMs: trial.roundTripMs, queuedMs: QUEUED_MS }, seededRandom(trial.seed));
      differences.push(Math.abs(trial.overheadMs - virtual.overheadMs));
      rows.push([
        String(trial.seed),
        seconds(trial.overheadMs, 3),
        seconds(virtual.overheadMs, 3),
        String(trial.statusRequests),
        String(virtual.statusRequests),
        `${trial.roundTripMs.toFixed(1)} ms`,
      ]);
    }
    const table = formatTable(['seed', 'real overhead', 'virtual overhead', 'real requests', 'virtual requests', 'round trip'], rows);
    const sameRequests = rows.every((row) => row[3] === row[4]);
    const verdict = `largest overhead difference ${Math.max(...differences).toFixed(0)} ms; request counts ${sameRequests ? 'identical' : 'DIFFER'}`;
    return `Cross-check: ${policy.name}, a ${durationMs / 1000} s task against the mock over loopback with the real clock,\nreplayed in virtual time with the same jitter seed and the measured round trip\n${table}\n${verdict}`;
  } finally {
    await mock.close();
  }
}
