import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { HostProfile } from '../host/profiles';
import { Browser } from 'playwright-core';
import { TEST_PAGE_HEADERS } from '../rig/browser';
import { LOG_DIR, startCodeServer } from '../rig/codeServer';
import { PROJECT_ROOT, RigLayout } from '../rig/layout';
import { workbenchUrl } from '../rig/workbenchUrl';
import { LayerRun } from './layerRun';
import { readResultFile } from './results';
import { TEST_ENV } from './testEnv';

export interface HostRunOptions {
  /** Names the log and results files. */
  label: string;
  profile: HostProfile;
  /** Reaches the extension host through code-server's environment (SPARK_MOCK_URL, ...). */
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** The Chromium that draws the window; each run gets its own context (storage) in it. */
  browser: Browser;
}

/**
 * Host tests read the editor through the API, never the screen: the window draws only the editor
 * area, so the file tree, status bar and tabs are not redrawn after every file a test writes.
 */
const HOST_WINDOW_SETTINGS = {
  'workbench.statusBar.visible': false,
  'workbench.activityBar.location': 'hidden',
  'workbench.editor.showTabs': 'none',
  'breadcrumbs.enabled': false,
  'explorer.autoReveal': false,
};

const HOST_ENTRY = path.join(PROJECT_ROOT, 'out', 'test', 'host', 'index.js');

/**
 * Runs the host suites inside a real extension host: code-server plus a headless Chromium page
 * whose smoke-test payload names the extension and the test entry. The workbench reports the exit
 * code through codeAutomationExit; the counts come from the results file the entry writes.
 */
export async function runHostLayer(layout: RigLayout, options: HostRunOptions): Promise<LayerRun> {
  const resultsFile = path.join(PROJECT_ROOT, 'test-results', `${options.label}.results.json`);
  const workbenchLog = path.join(LOG_DIR, `${options.label}.workbench.log`);
  fs.rmSync(resultsFile, { force: true });
  const server = await startCodeServer(layout, {
    label: options.label,
    workspaceTrust: options.profile.workspaceTrust,
    settings: HOST_WINDOW_SETTINGS,
    env: { ...options.env, [TEST_ENV.results]: resultsFile, [TEST_ENV.hostProfile]: options.profile.name },
  });
  const logStream = fs.createWriteStream(workbenchLog);
  let exitProblem: string | undefined;
  const context = await options.browser.newContext({ viewport: { width: 1024, height: 640 }, reducedMotion: 'reduce', extraHTTPHeaders: TEST_PAGE_HEADERS }).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    const page = await context.newPage();
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    // The workbench's and the extension host's console, mocha's reporter included: kept for reading.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      logStream.write(`[${type}] ${format(...(Array.isArray(args) ? args : [args]))}\n`);
    });
    await page.goto(workbenchUrl({ authority: server.authority, folder: server.workspace, extensionTestsPath: HOST_ENTRY }));
    const code = await withTimeout(exited, options.timeoutMs);
    if (code === 'timeout') {
      exitProblem = `no exit code within ${options.timeoutMs / 1000} s (hung?)`;
    } else if (code !== 0) {
      exitProblem = `the extension host test run exited with code ${code}`;
    }
  } catch (error) {
    exitProblem = (error as Error).message;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    await new Promise((resolve) => logStream.end(resolve));
  }
  const where = `see ${path.relative(PROJECT_ROOT, workbenchLog)} and ${path.relative(PROJECT_ROOT, server.logFile)}`;
  return { reported: readResultFile(resultsFile), problem: exitProblem && `${exitProblem}; ${where}` };
}

/** A hung extension host must fail the run, never hang CI. */
async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
