import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fetch from 'node-fetch';
import { Page } from 'playwright-core';
import { sniffImage } from '../../src/core/imageType';
import { TEST_ENV } from '../run/testEnv';
import { answerQuickInput, cursorToEnd, openFile, pickQuickPickRow, runCommand, runCommandThatAsks, waitForEditorText } from './editorText';
import { waitForNotification } from './notifications';
import { useWorkbench } from './useWorkbench';

const mockUrl = () => process.env[TEST_ENV.mockUrl] ?? '';
const mockKey = () => process.env[TEST_ENV.mockKey] ?? '';

async function mockScenario(settings: unknown): Promise<void> {
  await fetch(`${mockUrl()}/__mock/reset`, { method: 'POST' });
  const response = await fetch(`${mockUrl()}/__mock/scenario`, { method: 'POST', body: JSON.stringify(settings), headers: { 'Content-Type': 'application/json' } });
  assert.strictEqual(response.status, 200, await response.text());
}

/** Types the key into the masked input if it shows, and waits until it has closed. */
async function answerKeyPrompt(page: Page, timeoutMs: number): Promise<boolean> {
  const keyInput = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
  const shown = await keyInput.waitFor({ state: 'visible', timeout: timeoutMs }).then(
    () => true,
    () => false,
  );
  if (shown) {
    await keyInput.fill(mockKey());
    await page.keyboard.press('Enter');
    // Opening anything else before it closes would dismiss it, and the job with it.
    await keyInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  return shown;
}

describe('Generate Image… from the Command Palette', function () {
  this.timeout(90_000);
  // The editor's user settings have seed 42, so the file names are known in advance.
  const workbench = useWorkbench('generate-palette');

  it('asks for the prompt, the size and the key (masked), shows progress, then links a real image at the cursor', async () => {
    const { page, server, screenshot } = workbench();
    // Done at 4.5 s, noticed at the third status request (4.8 s): the progress is still up for the
    // screenshot even when the machine is busy.
    await mockScenario({ default: { queuedMs: 500, durationMs: 4500 } });
    await runCommand(page, 'Spark Image: Clear API Key');
    await openFile(page, 'notes.md');
    await cursorToEnd(page);
    await runCommandThatAsks(page, 'Spark Image: Generate Image…');
    await answerQuickInput(page, 'a paper boat on a pond');
    await pickQuickPickRow(page, '1664 × 936');
    // No key is stored: the masked input asks for it, then the job continues.
    assert.ok(await answerKeyPrompt(page, 10_000), 'the masked key prompt did not appear');
    const progress = await waitForNotification(page, 'Generating “a paper boat on a pond”');
    assert.match(progress, /Spark Image: (Queued|Generating|Submitting) “a paper boat on a pond” · \d+ s/);
    await runCommand(page, 'Spark Image: Show Log');
    await screenshot('generate-progress');
    await page.keyboard.press('Escape');
    const text = await waitForEditorText(page, (t) => t.includes('a-paper-boat-on-a-pond-42.png'), 30_000);
    assert.match(text, /!\[a paper boat on a pond\]\(images\/a-paper-boat-on-a-pond-42\.png\)/);
    const file = path.join(server.workspace, 'images', 'a-paper-boat-on-a-pond-42.png');
    const info = sniffImage(fs.readFileSync(file));
    assert.deepStrictEqual([info?.format, info?.width, info?.height], ['png', 1664, 936]);
    await screenshot('generate-palette');
  });

  it('a window reload mid-poll: the task resumes and its link is inserted exactly once', async () => {
    const { page, server, screenshot } = workbench();
    await mockScenario({ default: { queuedMs: 500, durationMs: 6000 } });
    await openFile(page, 'notes.md');
    await cursorToEnd(page);
    await page.keyboard.press('Enter');
    await runCommandThatAsks(page, 'Spark Image: Generate Image…');
    await answerQuickInput(page, 'survives a reload');
    await pickQuickPickRow(page, '1328 × 1328');
    // Stored by the first test; asked again only if this test runs alone.
    await answerKeyPrompt(page, 2000);
    await waitForNotification(page, 'survives a reload');
    await page.keyboard.press('Escape');
    // Wait for the new page, not the old one still on screen while the reload starts.
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30_000 });
    const text = await waitForEditorText(page, (t) => t.includes('survives-a-reload-42.png'), 40_000);
    await page.waitForTimeout(1500);
    const again = await waitForEditorText(page, () => true);
    assert.strictEqual(again.split('survives-a-reload-42.png').length, 2, `inserted more than once:\n${text}`);
    assert.ok(fs.existsSync(path.join(server.workspace, 'images', 'survives-a-reload-42.png')));
    const creates = (await (await fetch(`${mockUrl()}/__mock/counts`)).json()) as { creates: number };
    assert.strictEqual(creates.creates, 1, 'the reload did not create a second task');
    await screenshot('generate-after-reload');
  });

  it('a rejected key: the error offers "Enter API Key", which asks again (masked) and stores the new key', async () => {
    const { page, screenshot } = workbench();
    await mockScenario({ default: { queuedMs: 100, durationMs: 500 } });
    await runCommand(page, 'Spark Image: Clear API Key');
    await openFile(page, 'notes.md');
    await runCommandThatAsks(page, 'Spark Image: Generate Image…');
    await answerQuickInput(page, 'needs a valid key');
    await pickQuickPickRow(page, '1328 × 1328');
    const keyInput = page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await keyInput.waitFor({ state: 'visible', timeout: 10_000 });
    await keyInput.fill('not-the-right-key');
    await page.keyboard.press('Enter');
    await keyInput.waitFor({ state: 'hidden', timeout: 10_000 });
    const message = await waitForNotification(page, 'rejected');
    assert.match(message, /The API key was rejected \(HTTP 401\)/);
    const button = page.locator('.notifications-center .notification-list-item', { hasText: 'rejected' }).locator('.monaco-button', { hasText: 'Enter API Key' });
    await button.first().click();
    await keyInput.waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot('generate-key-rejected');
    await keyInput.fill(mockKey());
    await page.keyboard.press('Enter');
    await waitForNotification(page, 'the API key is set');
    const creates = (await (await fetch(`${mockUrl()}/__mock/counts`)).json()) as { creates: number };
    assert.strictEqual(creates.creates, 1, 'the rejected create was not retried');
  });
});
