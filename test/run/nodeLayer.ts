import * as fs from 'fs';
import * as path from 'path';
import { findTestFiles, runMochaFiles } from './mochaSuite';
import { writeResultFile } from './results';
import { TEST_ENV } from './testEnv';

/**
 * Child-process entry for the layers that run in plain Node (unit, ui):
 * `node out/test/run/nodeLayer.js <compiled test folder> <timeout ms> [files at once]`.
 * A separate process per layer keeps one layer's globals, timers and crashes out of the others.
 */
async function main(): Promise<void> {
  const [dir, timeout, jobs] = process.argv.slice(2);
  if (!dir) {
    throw new Error('usage: nodeLayer.js <test folder> [timeout ms] [files at once]');
  }
  const files = findTestFiles(dir, ['selfcheck']);
  const failing = path.join(dir, 'selfcheck', 'failing.fixture.js');
  if (process.env[TEST_ENV.includeFailing] === '1' && fs.existsSync(failing)) {
    files.push(failing);
  }
  const result = await runMochaFiles(files, { timeoutMs: Number(timeout) || 10_000, grep: process.env[TEST_ENV.grep], jobs: Number(jobs) || 1 });
  const resultsFile = process.env[TEST_ENV.results];
  if (resultsFile) {
    writeResultFile(resultsFile, { ...result, tests: [] });
  }
  process.exitCode = result.failed > 0 ? 1 : 0;
  // A test that leaks a socket or timer must not keep the layer (and CI) waiting: the results are written.
  setTimeout(() => process.exit(), 2000).unref();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
