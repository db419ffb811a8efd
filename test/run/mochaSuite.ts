import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { LayerResult, TestOutcome } from './results';

/**
 * Every `*.test.js` under a folder, sorted so runs are in the same order everywhere;
 * `skipDirs` names sub-folders (directly under `dir`) left out.
 */
export function findTestFiles(dir: string, skipDirs: readonly string[] = []): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skipDirs.includes(entry.name)) {
        found.push(...findTestFiles(full));
      }
    } else if (entry.name.endsWith('.test.js')) {
      found.push(full);
    }
  }
  return found.sort();
}

export interface SuiteOptions {
  timeoutMs: number;
  /** Defaults to 'spec'; colors are off because the output goes to logs and CI. */
  reporter?: string;
  /** Only tests whose full title matches run. */
  grep?: string;
  /** Test files run in this many worker processes at once (mocha's parallel mode); 1 = in turn, here. */
  jobs?: number;
}

/** Runs files with mocha (bdd: describe/it) and counts passes and failures, hooks included. */
export function runMochaFiles(files: readonly string[], options: SuiteOptions): Promise<LayerResult> {
  const jobs = options.jobs ?? 1;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: options.timeoutMs, reporter: options.reporter ?? 'spec', parallel: jobs > 1, jobs });
  if (options.grep) {
    mocha.grep(options.grep);
  }
  for (const file of files) {
    mocha.addFile(file);
  }
  const result: LayerResult = { passed: 0, failed: 0, failures: [], tests: [] };
  const record = (title: string, state: TestOutcome['state'], durationMs?: number) => result.tests?.push({ title, state, durationMs });
  return new Promise((resolve) => {
    try {
      const runner = mocha.run(() => resolve(result));
      runner.on('pass', (test) => {
        result.passed += 1;
        record(test.fullTitle(), 'passed', test.duration);
      });
      runner.on('pending', (test) => record(test.fullTitle(), 'skipped'));
      runner.on('fail', (test, error: Error) => {
        result.failed += 1;
        result.failures.push({ title: test.fullTitle(), error: error?.stack ?? String(error) });
        record(test.fullTitle(), 'failed', test.duration);
      });
    } catch (error) {
      // A test file that throws while loading (bad import, syntax) stops mocha before any test runs.
      result.failed += 1;
      result.failures.push({ title: 'loading test files', error: (error as Error)?.stack ?? String(error) });
      resolve(result);
    }
  });
}
