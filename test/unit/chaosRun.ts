// One run of the CLI in the chaos test, interrupted (or not) at a mock event: the k-th create or
// status answer since the run started, counted on the mock's event stream.
import { spawn } from 'child_process';
import type { MockEvent, MockServer } from '../mock/server';
import { cleanEnv } from '../helpers/env';

export interface Interruption {
  signal: 'SIGTERM' | 'SIGKILL';
  /** Interrupt right after the n-th answer of this kind in this run. */
  kind: MockEvent['kind'];
  n: number;
}

/** A task as `docs --json` reports it (docsJsonTasks.md). */
export interface ReportedTask {
  file: string;
  line: number;
  occurrence?: number;
  taskId?: string;
  outcome: 'saved' | 'kept' | 'unknown' | 'failed' | 'gone';
  resumed?: boolean;
  path?: string;
  costUsd?: number;
  costIsEstimate?: boolean;
  linked?: boolean;
  message?: string;
}

export interface DocsReport {
  tasks?: ReportedTask[];
  spentUsd?: number;
  spentIsEstimate?: boolean;
  interrupted?: boolean;
  [key: string]: unknown;
}

export interface ChaosRun {
  index: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The interruption asked for, and whether its event came before the run ended. */
  planned?: Interruption;
  interrupted: boolean;
  /** Date.now() at spawn, at the signal, at exit. */
  startedAt: number;
  signalledAt?: number;
  endedAt: number;
  /** The one JSON line on stdout, when there is one. */
  report?: DocsReport;
  /** The report's line was there but not JSON. */
  reportError?: string;
}

function lastJsonLine(stdout: string): { report?: DocsReport; error?: string } {
  const line = stdout.trim().split('\n').filter((text) => text.trim().startsWith('{')).pop();
  if (line === undefined) return {};
  try {
    return { report: JSON.parse(line) as DocsReport };
  } catch (error) {
    return { error: `${String(error)} in ${line.slice(0, 200)}` };
  }
}

export function runChaosOnce(index: number, mock: MockServer, cli: string, args: string[], cwd: string, env: Record<string, string>, planned?: Interruption): Promise<ChaosRun> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const run: ChaosRun = { index, code: null, signal: null, stdout: '', stderr: '', planned, interrupted: false, startedAt: Date.now(), endedAt: 0 };
  let seen = 0;
  let exited = false;
  const stop = mock.onEvent((event) => {
    if (!planned || exited || event.kind !== planned.kind || ++seen !== planned.n) return;
    stop();
    run.interrupted = true;
    run.signalledAt = Date.now();
    child.kill(planned.signal);
  });
  child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      stop();
      reject(error);
    });
    child.on('close', (code, signal) => {
      exited = true;
      stop();
      Object.assign(run, { code, signal, endedAt: Date.now() });
      const { report, error } = lastJsonLine(run.stdout);
      if (report) run.report = report;
      if (error) run.reportError = error;
      resolve(run);
    });
  });
}
