import * as assert from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Browser, Page } from 'playwright-core';
import { sniffImage } from '../../src/core/image/imageType';
import { DEMO_WORKSPACE } from '../demo/demo';
import { DEMO_VSIX, ensureDemoVsix } from '../demo/vsix';
import { mockControlAt } from '../mock/controlClient';
import { launchChromium } from '../rig/browser';
import { onExitCleanup } from '../rig/cleanup';
import { LOG_DIR } from '../rig/codeServer';
import { PROJECT_ROOT } from '../rig/layout';
import { openFile, runCommandThatAsks, waitForEditorText } from './editorText';
import { runCommand } from './palette';
import { README_VIEWPORT, readmeShot } from './readmeShots';
import { openStudio } from './studioFrame';

/** What `npm run demo` prints, read by the test as a person reads it. */
interface DemoOutput {
  url: string;
  mockUrl: string;
  workspace: string;
}

const RUN_JS = path.join(PROJECT_ROOT, 'out', 'test', 'demo', 'run.js');
const LABEL = 'ui-demo';
const KEY_INPUT = '.quick-input-widget .quick-input-box input[type="password"]';
const TOASTS = '.notifications-toasts .notification-toast';
const PROMPT = 'A lighthouse on a rocky coast at dawn, watercolor';

/** `npm run demo` is `node esbuild.js --tests && node out/test/demo/run.js`; the runner has built already. */
function startDemoProcess(): { child: ChildProcess; output: Promise<DemoOutput>; log: () => string } {
  const child = spawn(process.execPath, [RUN_JS], { cwd: PROJECT_ROOT, env: { ...process.env, SPARK_DEMO_LABEL: LABEL }, stdio: ['ignore', 'pipe', 'pipe'] });
  // A test process stopped by the runner (its time budget, Ctrl+C) stops the demo as Ctrl+C would.
  const removeHook = onExitCleanup(() => child.kill('SIGINT'));
  child.once('exit', removeHook);
  let text = '';
  const output = new Promise<DemoOutput>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const url = /^ {2}(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(text)?.[1];
      const mockUrl = /mock API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
      const workspace = /workspace\s+(\/\S+)/.exec(text)?.[1];
      if (url && mockUrl && workspace) {
        resolve({ url, mockUrl, workspace });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm run demo exited (${code}) before printing its URL:\n${text}`)));
  });
  return { child, output, log: () => text };
}

/** The command titles the palette lists for a filter, once the extension has been scanned. */
async function paletteTitles(page: Page, filter: string, expected: string, timeoutMs = 45_000): Promise<string[]> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const deadline = Date.now() + timeoutMs;
  let titles: string[] = [];
  while (Date.now() < deadline) {
    await page.keyboard.press('F1');
    // Right after the first load the workbench may not take keys yet (the README preview is
    // still opening): a palette that does not show is "not yet", not a failure.
    const shown = await input.waitFor({ state: 'visible', timeout: 5000 }).then(
      () => true,
      () => false,
    );
    if (!shown) {
      await page.keyboard.press('Escape');
      continue;
    }
    await input.fill(`>${filter}`);
    await page.waitForTimeout(500);
    titles = (await page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name').allInnerTexts()).map((title) => title.replace(/\u00a0/g, ' ').trim());
    await page.keyboard.press('Escape');
    if (titles.includes(expected)) {
      return titles;
    }
    await page.waitForTimeout(1000);
  }
  return titles;
}

/** Waits for a notification toast (not the Notification Center) whose text matches. */
async function waitForToast(page: Page, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await page.locator(TOASTS).allInnerTexts();
    const match = seen.find((text) => pattern.test(text));
    if (match !== undefined) {
      return match;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no toast matching ${pattern}; the toasts were ${JSON.stringify(seen)}`);
}

async function waitFor<T>(probe: () => T | null | undefined, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value || Date.now() > deadline) {
      return value ?? undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The 1-based line of the demo README that holds the text (the file is copied unchanged). */
function readmeLine(text: string): number {
  const lines = fs.readFileSync(path.join(DEMO_WORKSPACE, 'README.md'), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `the demo README has no line with ${text}`);
  return index + 1;
}

/** Toasts a picture should not show (the key was set...). */
async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator(TOASTS).first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
}

/** Picks a colour theme as a person does (Preferences: Color Theme) and waits until the workbench wears it. */
async function colorTheme(page: Page, name: string, workbenchClass: 'vs' | 'vs-dark'): Promise<void> {
  await runCommandThatAsks(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget .quick-input-box input').fill(name);
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor({ state: 'attached', timeout: 10_000 });
}

describe('npm run demo, used as a newcomer uses it', function () {
  this.timeout(240_000);
  let demo: ReturnType<typeof startDemoProcess> | undefined;
  let printed: DemoOutput;
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    // First run in a clean clone: packaging and installing the extension, then the editor.
    this.timeout(240_000);
    demo = startDemoProcess();
    const started = demo;
    let timer: NodeJS.Timeout | undefined;
    printed = await Promise.race([
      started.output,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`npm run demo printed no URL within 200 s:\n${started.log()}`)), 200_000))),
    ]).finally(() => clearTimeout(timer));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: README_VIEWPORT });
    await page.goto(printed.url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // What a newcomer sees first: the workspace README as text (not a preview), where its steps can be done.
    await page.locator('.tab', { hasText: 'README.md' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.part.editor .monaco-editor .view-lines', { hasText: 'Set API Key' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.strictEqual(await page.locator('.tab', { hasText: 'Preview README.md' }).count(), 0, 'the README opened as a preview');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await page.screenshot({ path: path.join(PROJECT_ROOT, 'test-results', `demo-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
    }
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    const child = demo?.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      // As Ctrl+C: the demo's exit hooks stop code-server's process group. SIGKILL if it hangs.
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      child.kill('SIGKILL');
    }
    // A grandchild (npm, vsce) that still holds the pipes must not keep this process alive.
    child?.stdout?.destroy();
    child?.stderr?.destroy();
  });

  it('prints a URL that opens an editor whose palette lists the Spark Image commands, installed (not a development host)', async () => {
    const titles = await paletteTitles(page, 'Spark Image: ', 'Spark Image: Set API Key');
    for (const title of ['Spark Image: Set API Key', 'Spark Image: Generate Image…', 'Spark Image: Open Image Studio', 'Spark Image: Show Log']) {
      assert.ok(titles.includes(title), `the palette did not list "${title}"; it had ${JSON.stringify(titles)}`);
    }
    assert.doesNotMatch(await page.title(), /Extension Development Host/);
    assert.ok(fs.existsSync(path.join(path.dirname(printed.workspace), 'extensions', 'spark-image.spark-image-0.1.0', 'dist', 'extension.js')), 'the extension is not in the demo editor\'s extensions folder');
  });

  it('a second start reuses the package it built: nothing it ships changed', async () => {
    const before = fs.statSync(DEMO_VSIX).mtimeMs;
    const said: string[] = [];
    assert.strictEqual(await ensureDemoVsix((line) => said.push(line)), DEMO_VSIX);
    assert.deepStrictEqual(said, [`reusing ${path.relative(PROJECT_ROOT, DEMO_VSIX)} (nothing it ships changed)`]);
    assert.strictEqual(fs.statSync(DEMO_VSIX).mtimeMs, before);
    assert.match(demo?.log() ?? '', /Spark Image demo \(ready in [\d.]+ s\)/);
  });

  it('the walkthrough "Get started with Spark Image": its first step, Set API Key, asks for the key (saying where to get one), and is then checked', async () => {
    await runCommandThatAsks(page, 'Welcome: Open Walkthrough...');
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Get started with Spark Image' }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
    const stepTitles = ['Set your API key', 'Generate from a selection', 'Write a directive', 'Open the Image Studio'];
    for (const title of stepTitles) {
      await page.locator('.getting-started-step', { hasText: title }).first().waitFor({ state: 'visible', timeout: 20_000 });
    }
    const keyStep = page.locator('.getting-started-step', { hasText: 'Set your API key' }).first();
    // Its children are not separate buttons to the accessibility tree (the step itself is a button).
    await keyStep.locator('.button-container .monaco-button', { hasText: 'Set API Key' }).click();
    const keyInput = page.locator(KEY_INPUT);
    await keyInput.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await page.locator('.quick-input-widget').innerText(), /vtrix\.ai → Dashboard → API Keys/);
    // The demo's mock accepts any key: whatever a newcomer types works.
    await keyInput.fill('my-first-key');
    await page.waitForTimeout(400);
    await page.keyboard.press('Enter');
    await keyInput.waitFor({ state: 'hidden', timeout: 10_000 });
    await waitForToast(page, /the API key is set/);
    await keyStep.locator('.codicon-getting-started-step-checked').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('generates from the selection through the palette: a progress toast, then a link to a PNG in the workspace', async () => {
    const control = mockControlAt(() => printed.mockUrl);
    // The task waits until the toast has been seen and pictured, whatever the machine's load.
    await control.scenario({ default: { queuedMs: 300, never: true } });
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'README.md');
    await page.locator('.part.editor .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget .quick-input-box input').fill(`:${readmeLine(PROMPT)}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+Home');
    await clearNotifications(page);
    await runCommand(page, 'Spark Image: Generate Image from Selection');
    const toast = await waitForToast(page, /Spark Image.*A lighthouse on a rocky coast/s);
    assert.match(toast, /Queued|Generating|Submitting/);
    await readmeShot(page, 'selection-progress');
    const [task] = (await control.tasks()).filter((candidate) => candidate.prompt === PROMPT);
    assert.ok(task, `the mock has no task for "${PROMPT}"`);
    await control.finish(task.id);
    // Monaco draws wrapped lines and reuses their elements out of order: the saved file is the
    // document's text, as a person would find it.
    await waitForEditorText(page, (t) => t.includes('a-lighthouse-on-a-rocky-coast'), 30_000);
    await page.keyboard.press('Control+S');
    const readme = path.join(printed.workspace, 'README.md');
    const link = await waitFor(() => new RegExp(`${PROMPT}\\s*\\n\\s*!\\[${PROMPT}\\]\\((images/a-lighthouse-on-a-rocky-coast-at-dawn-watercolor-\\d+\\.png)\\)`).exec(fs.readFileSync(readme, 'utf8')), 10_000);
    assert.ok(link, `no link below the selected line in the saved README:\n${fs.readFileSync(readme, 'utf8')}`);
    const info = sniffImage(fs.readFileSync(path.join(printed.workspace, link[1])));
    assert.strictEqual(info?.format, 'png');
  });

  it('a directive whose image exists shows its CodeLens (Regenerate, Same Seed)', async () => {
    await openFile(page, 'gallery.md');
    await clearNotifications(page);
    const lens = page.locator('.part.editor .codelens-decoration', { hasText: 'Regenerate' }).first();
    await lens.waitFor({ state: 'visible', timeout: 20_000 });
    assert.match(await page.locator('.part.editor .codelens-decoration').first().innerText(), /Regenerate.*Same Seed/s);
    await readmeShot(page, 'directive-codelens');
    await colorTheme(page, 'Light Modern', 'vs');
    await lens.waitFor({ state: 'visible', timeout: 10_000 });
    await readmeShot(page, 'directive-codelens-light');
  });

  it('the studio in the dark and the light theme', async () => {
    await mockControlAt(() => printed.mockUrl).scenario({ default: { queuedMs: 300, durationMs: 1500 } });
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
    await colorTheme(page, 'Dark Modern', 'vs-dark');
    const frame = await openStudio(page);
    await frame.getByLabel('Prompt', { exact: true }).fill('A lighthouse on a rocky coast at dawn, watercolor');
    await frame.getByLabel('Size', { exact: true }).selectOption('1k-16:9');
    await frame.getByRole('button', { name: /^Generate( \(≈ \$[\d.]+, estimated\))?$/ }).click();
    const preview = frame.locator('#preview');
    await preview.waitFor({ state: 'visible', timeout: 40_000 });
    await preview.evaluate((img) => new Promise<void>((resolve) => ((img as unknown as { complete: boolean }).complete ? resolve() : img.addEventListener('load', () => resolve(), { once: true }))));
    await frame.locator('.history-list .entry.completed').first().waitFor({ timeout: 10_000 });
    await clearNotifications(page);
    await readmeShot(page, 'studio-dark');
    await colorTheme(page, 'Light Modern', 'vs');
    await readmeShot(page, 'studio-light');
  });

  it('Ctrl+C stops everything it started: the editor, its processes and its scratch folder', async () => {
    assert.ok(demo, 'the demo did not start');
    const scratch = path.dirname(printed.workspace);
    const exited = new Promise<number | null>((resolve) => demo?.child.once('exit', (code) => resolve(code)));
    demo.child.kill('SIGINT');
    // 130 = 128 + SIGINT, as a shell reports a program stopped with Ctrl+C.
    assert.strictEqual(await exited, 130, demo.log());
    assert.ok(!fs.existsSync(scratch), `${scratch} is still there`);
    const response = await fetch(printed.url).then(
      () => 'answered',
      () => 'refused',
    );
    assert.strictEqual(response, 'refused', 'the demo editor still answers after Ctrl+C');
    const mock = await fetch(`${printed.mockUrl}/__mock/counts`).then(
      () => 'answered',
      () => 'refused',
    );
    assert.strictEqual(mock, 'refused', 'the demo mock still answers after Ctrl+C');
    assert.ok(fs.existsSync(path.join(LOG_DIR, `${LABEL}.log`)));
  });
});
