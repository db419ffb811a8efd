import * as fs from 'fs';
import * as path from 'path';
import { Browser, Page } from 'playwright-core';
import { format } from 'util';
import { launchChromium, TEST_PAGE_HEADERS } from '../rig/browser';
import { CodeServer, CodeServerOptions, LOG_DIR, startCodeServer } from '../rig/codeServer';
import { ensureRig } from '../rig/install';
import { PROJECT_ROOT } from '../rig/layout';
import { workbenchUrl } from '../rig/workbenchUrl';

export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-results');

export interface WorkbenchOptions extends Omit<CodeServerOptions, 'label'> {
  /** Names the screenshot (test-results/<scenario>.png) and the logs. */
  scenario: string;
}

/** One editor for one scenario: its own code-server (fresh user data, workspace copy) and browser. */
export interface Workbench {
  page: Page;
  server: CodeServer;
  /** Saves test-results/<name>.png (defaults to the scenario name) and returns its path. */
  screenshot(name?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts code-server with the extension loaded from the project folder (as F5 does), opens the
 * workbench in headless Chromium and waits until it is drawn. The runner's environment
 * (SPARK_MOCK_URL, ...) reaches the extension host through code-server.
 */
export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const layout = await ensureRig();
  const { scenario, ...serverOptions } = options;
  const server = await startCodeServer(layout, { ...serverOptions, label: `ui-${scenario}` });
  let browser: Browser | undefined;
  const logStream = fs.createWriteStream(path.join(LOG_DIR, `ui-${scenario}.workbench.log`));
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server.stop();
    await new Promise((resolve) => logStream.end(resolve));
  };
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, extraHTTPHeaders: TEST_PAGE_HEADERS });
    // The smoke-test driver sends the workbench's log here; kept on disk for when a test fails.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      logStream.write(`[${type}] ${format(...(Array.isArray(args) ? args : [args]))}\n`);
    });
    page.on('pageerror', (error) => logStream.write(`[pageerror] ${error.stack ?? error.message}\n`));
    await page.goto(workbenchUrl({ authority: server.authority, folder: server.workspace }));
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30_000 });
    const screenshot = async (name = scenario) => {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    };
    return { page, server, screenshot, close };
  } catch (error) {
    await close();
    throw error;
  }
}
