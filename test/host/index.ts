import * as path from 'path';
import * as vscode from 'vscode';
import { findTestFiles, runMochaFiles } from '../run/mochaSuite';
import { writeResultFile } from '../run/results';
import { TEST_ENV } from '../run/testEnv';
import { HOST_PROFILES, NOT_DEFAULT_DIRS } from './profiles';
import { STRAY_ERRORS_TITLE, watchStrayErrors } from './strayErrors';

/**
 * Entry point the workbench loads in the extension host (extensionTestsPath): runs the current
 * profile's `*.test.js` files under out/test/host with mocha. The counts go to the results file
 * the runner named; a rejected promise makes the workbench report exit code 1 (codeAutomationExit).
 */
export async function run(): Promise<void> {
  const profile = HOST_PROFILES.find((candidate) => candidate.name === process.env[TEST_ENV.hostProfile]) ?? HOST_PROFILES[0];
  const files = profile.dir ? findTestFiles(path.join(__dirname, profile.dir)) : findTestFiles(__dirname, NOT_DEFAULT_DIRS);
  if (process.env[TEST_ENV.includeFailing] === '1' && !profile.dir) {
    files.push(path.join(__dirname, 'selfcheck', 'failing.fixture.js'), path.join(__dirname, 'selfcheck', 'unhandled.fixture.js'));
  }
  // Nothing a host test reads is in the side bar or the panel; closed, they are not redrawn.
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');
  const stray = watchStrayErrors();
  const result = await runMochaFiles(files, { timeoutMs: 20_000, grep: process.env[TEST_ENV.grep] });
  // Node reports an unhandled rejection after the microtasks of its turn: give the last test's a moment.
  await new Promise((resolve) => setTimeout(resolve, 50));
  stray.stop();
  if (stray.seen.length > 0) {
    result.failed += 1;
    result.failures.push({ title: STRAY_ERRORS_TITLE, error: stray.seen.join('\n') });
    result.tests?.push({ title: STRAY_ERRORS_TITLE, state: 'failed' });
  }
  const resultsFile = process.env[TEST_ENV.results];
  if (resultsFile) {
    writeResultFile(resultsFile, result);
  }
  if (result.failed > 0) {
    throw new Error(`host (${profile.name}): ${result.passed} passed, ${result.failed} failed`);
  }
}
