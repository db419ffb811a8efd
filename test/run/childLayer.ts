import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { onExitCleanup } from '../rig/cleanup';
import { PROJECT_ROOT } from '../rig/layout';
import { LayerRun } from './layerRun';
import { readResultFile } from './results';
import { TEST_ENV } from './testEnv';

export interface ChildLayerOptions {
  /** Names the results file. */
  label: string;
  /** The compiled test folder, e.g. out/test/unit. */
  testDir: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  testTimeoutMs: number;
  /** Test files run this many at once, each file in one of mocha's worker processes (default 1: in turn). */
  jobs?: number;
}

const ENTRY = path.join(PROJECT_ROOT, 'out', 'test', 'run', 'nodeLayer.js');

/**
 * Runs one plain-Node layer with mocha in a child process, its reporter output passed straight
 * through. A child that outlives its time budget is stopped: SIGTERM first, so its exit hooks can
 * stop the code-servers it started, SIGKILL a few seconds later.
 */
export function runChildLayer(options: ChildLayerOptions): Promise<LayerRun> {
  const resultsFile = path.join(PROJECT_ROOT, 'test-results', `${options.label}.results.json`);
  fs.rmSync(resultsFile, { force: true });
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', ENTRY, options.testDir, String(options.testTimeoutMs), String(options.jobs ?? 1)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...options.env, [TEST_ENV.results]: resultsFile },
    });
    // If the runner itself is stopped (Ctrl-C, CI timeout), the child must stop too: its own exit
    // hooks then stop the code-servers it started.
    const removeHook = onExitCleanup(() => child.kill('SIGTERM'));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, options.timeoutMs);
    const finish = (problem: string | undefined) => {
      clearTimeout(timer);
      removeHook();
      resolve({ reported: readResultFile(resultsFile), problem });
    };
    child.on('error', (error) => finish(`could not start: ${error.message}`));
    child.on('exit', (code, signal) => {
      if (timedOut) {
        finish(`did not finish within ${options.timeoutMs / 1000} s`);
      } else if (code !== 0) {
        finish(`exited with ${signal ?? `code ${code}`}`);
      } else {
        finish(undefined);
      }
    });
  });
}
