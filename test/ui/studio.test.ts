import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FrameLocator } from 'playwright-core';
import { cursorToEnd, openFile, pickQuickPickRow, runCommand, runCommandThatAsks, waitForEditorText } from './editorText';
import { KEY_INPUT } from './keyPrompt';
import { mockCreates, mockKey, mockScenario } from './mockApi';
import { openStudio } from './studioFrame';
import { useWorkbench } from './useWorkbench';

const PROMPT = 'a lantern in the fog';

/** The few DOM types the page functions below use (this tsconfig has no DOM library). */
interface PageImage {
  complete: boolean;
  naturalWidth: number;
  addEventListener(type: 'load', listener: () => void, options: { once: boolean }): void;
}
type PageWindow = { getComputedStyle(element: unknown): { backgroundColor: string } };

/** Waits until the webview's background has the given lightness (the theme applied). */
async function waitForTheme(frame: FrameLocator, light: boolean): Promise<void> {
  await frame.locator('body').evaluate(
    (body, wantLight) =>
      new Promise<void>((resolve) => {
        const check = () => {
          const [r, g, b] = ((globalThis as unknown as PageWindow).getComputedStyle(body).backgroundColor.match(/\d+/g) ?? ['0', '0', '0']).map(Number);
          if (r + g + b > 382 === wantLight) {
            resolve();
          } else {
            setTimeout(check, 100);
          }
        };
        check();
      }),
    light,
  );
}

describe('Image Studio in the real editor', function () {
  this.timeout(120_000);
  // The editor starts in Default Dark Modern (its user settings); the test switches to Light Modern.
  const workbench = useWorkbench('studio');

  it('validates before sending, generates against the mock, previews, inserts the link, and keeps the history', async () => {
    const { page, server, screenshot } = workbench();
    await mockScenario({ queuedMs: 300, durationMs: 1200 });
    await runCommand(page, 'Spark Image: Clear API Key');
    await openFile(page, 'notes.md');
    await cursorToEnd(page);
    await page.keyboard.press('Enter');

    const frame = await openStudio(page);
    const prompt = frame.getByLabel('Prompt', { exact: true });
    await prompt.fill(PROMPT);
    await assert.doesNotReject(frame.locator('#prompt-count', { hasText: `${PROMPT.length} / 800` }).waitFor());
    // The counter is not a live region (it would speak on every keystroke); its alert stays silent far from the limit.
    assert.strictEqual(await frame.locator('#prompt-count').getAttribute('aria-live'), null);
    assert.strictEqual(await frame.locator('#prompt-count-alert').textContent(), '');
    // The seed box is editable before "Lock seed" is ticked, and typing a number ticks it.
    const seedBox = frame.locator('#seed');
    const lockSeed = frame.getByLabel('Lock seed');
    await lockSeed.uncheck();
    assert.strictEqual(await seedBox.inputValue(), '', 'an unlocked seed box still shows a seed');
    assert.strictEqual(await seedBox.isEditable(), true, 'the seed box is disabled until Lock seed is ticked');
    await seedBox.fill('42');
    assert.strictEqual(await lockSeed.isChecked(), true, 'typing a seed did not lock it');
    await lockSeed.uncheck();

    // An invalid custom size is refused with the seed's code before anything is sent.
    await frame.getByLabel('Size', { exact: true }).selectOption('custom');
    await frame.getByLabel('Width', { exact: true }).fill('1800');
    await frame.getByLabel('Height', { exact: true }).fill('500');
    const sizeIssue = frame.locator('#size-issue');
    await sizeIssue.filter({ hasText: '003002006' }).waitFor({ timeout: 5000 });
    assert.match(await sizeIssue.innerText(), /1800×500 .*aspect ratio.*003002006 Invalid aspect ratio/);
    await frame.getByRole('button', { name: /^Generate( \(≈ \$[\d.]+, estimated\))?$/ }).click();
    // Refused in the front-end: the focus goes to the offending field, and the mock saw no create.
    await frame.locator('#width:focus').waitFor({ timeout: 5000 });
    assert.strictEqual(await mockCreates(), 0, 'an invalid size reached the API');

    // A preset fixes it; Ctrl+Enter generates from the keyboard.
    await frame.getByLabel('Size', { exact: true }).selectOption('1k-16:9');
    await sizeIssue.filter({ hasText: /^$/ }).waitFor({ state: 'attached', timeout: 5000 });
    // The paid act names its cost on the button itself; 2K costs twice as much.
    assert.strictEqual(await frame.locator('#generate').innerText(), 'Generate (≈ $0.03, estimated)');
    await frame.getByLabel('Size', { exact: true }).selectOption('2k-16:9');
    assert.strictEqual(await frame.locator('#generate').innerText(), 'Generate (≈ $0.06, estimated)');
    await frame.getByLabel('Size', { exact: true }).selectOption('1k-16:9');
    await prompt.focus();
    await page.keyboard.press('Control+Enter');
    // No key is stored: the workbench asks for it, masked.
    const keyInput = page.locator(KEY_INPUT);
    await keyInput.waitFor({ state: 'visible', timeout: 15_000 });
    await keyInput.fill(mockKey());
    await page.keyboard.press('Enter');

    const preview = frame.locator('#preview');
    await preview.waitFor({ state: 'visible', timeout: 40_000 });
    assert.strictEqual(await preview.getAttribute('alt'), `Preview of “${PROMPT}”`);
    // The image really loads from the workspace file (through asWebviewUri and the CSP).
    await preview.evaluate((img) => ((img as unknown as PageImage).complete && (img as unknown as PageImage).naturalWidth > 0 ? undefined : new Promise<void>((resolve) => (img as unknown as PageImage).addEventListener('load', () => resolve(), { once: true }))));
    assert.strictEqual(await preview.evaluate((img) => (img as unknown as PageImage).naturalWidth), 1664);
    assert.strictEqual(await mockCreates(), 1);
    await frame.locator('.history-list .entry.completed', { hasText: PROMPT }).waitFor({ timeout: 10_000 });
    await screenshot('studio-dark');

    // Same Seed moves the focus to the size list and keeps the form's heading in view.
    // In a short window, scrolled to the history at the bottom first: the form's heading starts out of view.
    // (A panel another suite left open would leave the form no room for both; the palette lists Hide Panel only while one shows.)
    await runCommand(page, 'View: Hide Panel', 4000).catch(() => undefined);
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: viewport?.width ?? 1280, height: 520 });
    try {
      await frame.locator('#same-seed').evaluate((button) => {
        const doc = (button as unknown as { ownerDocument: { scrollingElement: { scrollTop: number; scrollHeight: number } } }).ownerDocument;
        doc.scrollingElement.scrollTop = doc.scrollingElement.scrollHeight;
        (button as unknown as { click(): void }).click();
      });
      await frame.locator('#size:focus').waitFor({ timeout: 5000 });
      const headingTop = await frame.locator('#compose-title').evaluate((heading) => (heading as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top);
      assert.ok(headingTop >= 0, `the form's heading scrolled out of view (top ${headingTop})`);
    } finally {
      if (viewport) {
        await page.setViewportSize(viewport);
      }
    }

    // Insert goes to the editor that was active before the panel: notes.md, at its cursor.
    await frame.getByRole('button', { name: 'Insert into notes.md' }).click();
    const text = await waitForEditorText(page, (t) => t.includes('a-lantern-in-the-fog-'), 15_000);
    // Monaco wraps long lines on screen: compare the text without its visual line breaks.
    const link = /!\[a lantern in the fog\]\(images\/(a-lantern-in-the-fog-\d+\.png)\)/.exec(text.replace(/\n/g, ''));
    assert.ok(link, text);
    assert.ok(fs.existsSync(path.join(server.workspace, 'images', link[1])), 'the linked image is in the workspace');

    // Closed and opened again: the history still lists the entry, with its image from the workspace.
    await runCommand(page, 'File: Save All Files');
    await page.locator('.tab.dirty').first().waitFor({ state: 'detached', timeout: 10_000 });
    await runCommand(page, 'View: Close All Editors');
    await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    const again = await openStudio(page);
    const entry = again.locator('.history-list .entry.completed', { hasText: PROMPT });
    await entry.waitFor({ timeout: 10_000 });
    assert.match(await entry.innerText(), /1664 × 936 · Seed \d+ · Cost \$[\d.]+ .*Task \S+/s);
    assert.match(await again.locator('.history .total').innerText(), /Total cost: \$[\d.]+/);
    await again.getByLabel('Search history').fill('no such prompt');
    await again.locator('.history-list .empty').waitFor();
    await again.getByLabel('Search history').fill('lantern');
    await entry.waitFor();

    // The same panel in the light theme.
    await runCommandThatAsks(page, 'Preferences: Color Theme');
    await page.locator('.quick-input-widget .quick-input-box input').fill('Light Modern');
    await pickQuickPickRow(page, 'Light Modern');
    await waitForTheme(again, true);
    // Keyboard only: focus the entry's Show button and press Enter to preview it again.
    // Its accessible name starts with its visible text ("Show"), so speech and screen readers find it.
    await again.getByRole('button', { name: `Show: ${PROMPT}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    await again.locator('#preview').waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot('studio-light');
  });
});
