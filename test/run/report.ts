import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../rig/layout';
import { LayerResult } from './results';

/** A layer's outcome and the lines to print for it; printed as one block, so parallel layers do not interleave. */
export interface LayerReport {
  layer: string;
  result: LayerResult;
  lines: string[];
  seconds: number;
}

export function countsLine(result: LayerResult): string {
  return `${result.passed} passed, ${result.failed} failed`;
}

/** Lists a layer's tests, for layers whose reporter output stayed inside another process (the host). */
export function formatTests(result: LayerResult): string[] {
  return (result.tests ?? []).map((test) => {
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✖' : '-';
    const duration = test.state === 'skipped' ? ' (skipped)' : test.durationMs !== undefined ? ` (${test.durationMs} ms)` : '';
    return `  ${mark} ${test.title}${duration}`;
  });
}

export function formatFailures(result: LayerResult): string[] {
  return result.failures.flatMap((failure) => [`  ✖ ${failure.title}`, ...failure.error.split('\n').map((line) => `      ${line}`)]);
}

/** The block of one layer, ending with its `layer: N passed, N failed` line. */
export function printReport(report: LayerReport): void {
  for (const line of report.lines) {
    console.log(line);
  }
  console.log(`[run] ${report.layer} took ${report.seconds.toFixed(1)} s`);
  console.log(`${report.layer}: ${countsLine(report.result)}`);
}

/**
 * The runner's last line is also kept in test-results/totals.txt, so .ci/run can repeat it after
 * npm's own closing lines; a nested run (the self-check) names its own file.
 */
export function totalsFile(runName: string): string {
  return path.join(PROJECT_ROOT, 'test-results', `${runName}totals.txt`);
}

/** Must stay the very last line the runner prints. */
export function printTotals(total: LayerResult, runName: string): void {
  const line = countsLine(total);
  const file = totalsFile(runName);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${line}\n`);
  console.log(line);
}
