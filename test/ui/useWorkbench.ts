import * as fs from 'fs';
import * as path from 'path';
import { openWorkbench, SCREENSHOT_DIR, Workbench, WorkbenchOptions } from './workbench';

/**
 * Mocha hooks for a suite that drives one editor: opens it before the suite, screenshots
 * test-results/<scenario>-failed-<n>.png when a test fails, closes it after the suite.
 * Returns a getter, since the workbench exists only once `before` ran.
 */
export function useWorkbench(options: WorkbenchOptions): () => Workbench {
  let workbench: Workbench | undefined;
  let failures = 0;
  before(async function () {
    this.timeout(60_000);
    removeOldFailureShots(options.scenario);
    workbench = await openWorkbench(options);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      failures += 1;
      await workbench.screenshot(`${options.scenario}-failed-${failures}`).catch(() => undefined);
    }
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) {
      throw new Error(`the workbench for ${options.scenario} did not open (see the before hook's error)`);
    }
    return workbench;
  };
}

/** A failure screenshot from an earlier run would suggest this run failed too. */
function removeOldFailureShots(scenario: string): void {
  if (!fs.existsSync(SCREENSHOT_DIR)) {
    return;
  }
  for (const name of fs.readdirSync(SCREENSHOT_DIR)) {
    if (name.startsWith(`${scenario}-failed-`) && name.endsWith('.png')) {
      fs.rmSync(path.join(SCREENSHOT_DIR, name), { force: true });
    }
  }
}
