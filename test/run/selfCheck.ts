import { spawn } from 'child_process';
import * as path from 'path';
import { onExitCleanup } from '../rig/cleanup';
import { PROJECT_ROOT } from '../rig/layout';
import { STRAY_ERRORS_TITLE } from '../host/strayErrors';
import { LayerResult } from './results';
import { TEST_ENV } from './testEnv';

const RUNNER = path.join(PROJECT_ROOT, 'out', 'test', 'run', 'all.js');

interface Check {
  title: string;
  passed: (output: string[], exitCode: number | null) => boolean;
}

const CHECKS: Check[] = [
  { title: 'a failing test makes the runner exit non-zero', passed: (_, code) => code !== 0 && code !== null },
  // The host fixtures: one failing test, and one passing test that leaves a rejection nobody handles.
  { title: 'a failing host test is counted by the host layer', passed: (lines) => lines.includes('host: 1 passed, 2 failed') },
  { title: 'an unhandled rejection in the extension host fails the host layer', passed: (lines) => lines.some((line) => line.includes(`✖ ${STRAY_ERRORS_TITLE}`)) && lines.some((line) => line.includes('left unhandled on purpose')) },
  { title: 'a failing ui test is counted by the ui layer', passed: (lines) => lines.includes('ui: 0 passed, 1 failed') },
  { title: 'the totals line comes last and counts every failure', passed: (lines) => lines[lines.length - 1] === '1 passed, 3 failed' },
];

/**
 * Proves that failures propagate: runs the runner itself on the host and ui layers with only the
 * deliberately failing fixture suites (SPARK_TEST_INCLUDE_FAILING=1, grep "self-check"), and checks
 * its exit code and counts. Costs one extension-host start (the ui fixture opens no editor).
 */
export async function runSelfCheck(timeoutMs: number): Promise<LayerResult> {
  const { lines, exitCode } = await runNested(timeoutMs);
  const result: LayerResult = { passed: 0, failed: 0, failures: [], tests: [] };
  for (const check of CHECKS) {
    const ok = check.passed(lines, exitCode);
    result.tests?.push({ title: `runner self-check: ${check.title}`, state: ok ? 'passed' : 'failed' });
    if (ok) {
      result.passed += 1;
    } else {
      result.failed += 1;
      result.failures.push({ title: `runner self-check: ${check.title}`, error: `nested run (exit ${exitCode}) printed:\n${lines.join('\n')}` });
    }
  }
  return result;
}

function runNested(timeoutMs: number): Promise<{ lines: string[]; exitCode: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUNNER, 'host', 'ui'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        [TEST_ENV.includeFailing]: '1',
        [TEST_ENV.grep]: 'self-check',
        [TEST_ENV.hostProfiles]: 'default',
        [TEST_ENV.runName]: 'selfcheck-',
      },
    });
    const removeHook = onExitCleanup(() => child.kill('SIGTERM'));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      removeHook();
      const lines = output.split('\n').map((line) => line.trimEnd()).filter((line) => line.length > 0);
      resolve({ lines, exitCode: code });
    });
  });
}
