import * as fs from 'fs';
import * as path from 'path';
import { PROJECT_ROOT } from '../rig/layout';
import { TEST_ENV } from '../run/testEnv';
import { openWorkbench, SCREENSHOT_DIR, Workbench } from './workbench';

/**
 * The one editor every ui suite drives, opened by the first suite and closed after the last:
 * each workbench start costs seconds of two busy cores, so the suites share it. Its workspace
 * merges the fixtures they need; its user settings point at the layer's mock. Suites must
 * not rely on state another suite left (a stored key, an open panel): they set up their own.
 */
const UI_EDITOR = {
  scenario: 'ui',
  fixture: [path.join(PROJECT_ROOT, 'test/fixtures/workspace'), path.join(PROJECT_ROOT, 'test/fixtures/directives')],
  settings: {
    'sparkImage.apiBaseUrl': process.env[TEST_ENV.mockUrl] ?? '',
    'sparkImage.seed': 42,
    'workbench.colorTheme': 'Default Dark Modern',
  },
};

let shared: Promise<Workbench> | undefined;

function sharedWorkbench(): Promise<Workbench> {
  shared ??= openWorkbench(UI_EDITOR);
  return shared;
}

// A root hook (registered when the first suite file loads): the editor outlives every suite.
after(async () => {
  const workbench = await shared?.catch(() => undefined);
  await workbench?.close();
});

/**
 * Mocha hooks for a suite that drives the shared editor: gets it before the suite (opening it
 * if this suite is the first), closes whatever input or notification a previous suite left,
 * and screenshots test-results/<scenario>-failed-<n>.png when a test fails.
 * Returns a getter, since the workbench exists only once `before` ran; its screenshot() defaults
 * to the scenario's name.
 */
export function useWorkbench(scenario: string): () => Workbench {
  let workbench: Workbench | undefined;
  let failures = 0;
  before(async function () {
    this.timeout(60_000);
    removeOldFailureShots(scenario);
    const opened = await sharedWorkbench();
    await opened.page.keyboard.press('Escape');
    await opened.page.keyboard.press('Escape');
    workbench = { ...opened, screenshot: (name = scenario) => opened.screenshot(name) };
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench) {
      failures += 1;
      await workbench.screenshot(`${scenario}-failed-${failures}`).catch(() => undefined);
    }
  });
  return () => {
    if (!workbench) {
      throw new Error(`the editor for ${scenario} did not open (see the before hook's error)`);
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
