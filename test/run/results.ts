import * as fs from 'fs';
import * as path from 'path';

/** What every layer reports back, whichever process it ran in. */
export interface LayerResult {
  passed: number;
  failed: number;
  failures: Failure[];
  /** Every test that ran, for layers whose own reporter output the runner cannot show (the host). */
  tests?: TestOutcome[];
}

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs?: number;
}

export interface Failure {
  title: string;
  error: string;
}

/** A layer that crashed, hung or reported nothing counts as one failure, never as a pass. */
export function crashed(title: string, error: string): LayerResult {
  return { passed: 0, failed: 1, failures: [{ title, error }] };
}

export function writeResultFile(file: string, result: LayerResult): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

export function readResultFile(file: string): LayerResult | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LayerResult>;
    if (typeof value.passed === 'number' && typeof value.failed === 'number' && Array.isArray(value.failures)) {
      return { passed: value.passed, failed: value.failed, failures: value.failures, tests: value.tests ?? [] };
    }
  } catch {
    // Missing or half-written: the caller treats it as a crash.
  }
  return undefined;
}

/**
 * Reconciles the reported counts with how the process ended: a non-zero exit with no failure
 * reported still fails (e.g. mocha crashed after writing), and a missing report is a crash.
 */
export function settle(label: string, reported: LayerResult | undefined, exitProblem: string | undefined): LayerResult {
  if (!reported) {
    return crashed(`${label} (no results)`, exitProblem ?? 'the test process wrote no results file');
  }
  if (exitProblem && reported.failed === 0) {
    return { ...reported, failed: 1, failures: [{ title: `${label} (process)`, error: exitProblem }] };
  }
  return reported;
}

export function addResults(a: LayerResult, b: LayerResult): LayerResult {
  return {
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    failures: [...a.failures, ...b.failures],
    tests: [...(a.tests ?? []), ...(b.tests ?? [])],
  };
}

export const EMPTY_RESULT: LayerResult = { passed: 0, failed: 0, failures: [] };
