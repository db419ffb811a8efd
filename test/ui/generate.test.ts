import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { sniffImage } from '../../src/core/image/imageType';
import { answerQuickInput, cursorToEnd, openFile, pickQuickPickRow, runCommand, runCommandThatAsks, waitForEditorText } from './editorText';
import { answerKeyPrompt, KEY_INPUT } from './keyPrompt';
import { mockCreates, mockFinish, mockKey, mockScenario, mockTaskFor } from './mockApi';
import { waitForNotification } from './notifications';
import { useWorkbench } from './useWorkbench';

describe('Generate Image… from the Command Palette', function () {
  this.timeout(90_000);
  // The editor's user settings have seed 42, so the file names are known in advance.
  const workbench = useWorkbench('generate-palette');

  it('asks for the prompt, the size and the key (masked), shows progress, then links a real image at the cursor', async () => {
    const { page, server, screenshot } = workbench();
    // The task runs until its progress has been screenshotted, whatever the machine's load.
    await mockScenario({ queuedMs: 500, never: true });
    await runCommand(page, 'Spark Image: Clear API Key');
    await openFile(page, 'notes.md');
    await cursorToEnd(page);
    await runCommandThatAsks(page, 'Spark Image: Generate Image…');
    await answerQuickInput(page, 'a paper boat on a pond');
    await pickQuickPickRow(page, '1664 × 936');
    // No key is stored: the masked input asks for it, then the job continues.
    assert.ok(await answerKeyPrompt(page, 10_000), 'the masked key prompt did not appear');
    // The gateway reports progress (the mock's endless task stays at 50%): the toast shows it.
    const progress = await waitForNotification(page, '% “a paper boat on a pond”');
    assert.match(progress, /Spark Image: Generating \d+% “a paper boat on a pond” · \d+ s/);
    await runCommand(page, 'Spark Image: Show Log');
    await screenshot('generate-progress');
    await page.keyboard.press('Escape');
    await mockFinish(await mockTaskFor('a paper boat on a pond'));
    const text = await waitForEditorText(page, (t) => t.includes('a-paper-boat-on-a-pond-42.png'), 30_000);
    assert.match(text, /!\[a paper boat on a pond\]\(images\/a-paper-boat-on-a-pond-42\.png\)/);
    const file = path.join(server.workspace, 'images', 'a-paper-boat-on-a-pond-42.png');
    const info = sniffImage(fs.readFileSync(file));
    assert.deepStrictEqual([info?.format, info?.width, info?.height], ['png', 1664, 936]);
    await screenshot('generate-palette');
  });

  it('a rejected key: the error offers "Enter API Key", which asks again (masked) and stores the new key', async () => {
    const { page, screenshot } = workbench();
    await mockScenario({ queuedMs: 100, durationMs: 500 });
    await runCommand(page, 'Spark Image: Clear API Key');
    await openFile(page, 'notes.md');
    await runCommandThatAsks(page, 'Spark Image: Generate Image…');
    await answerQuickInput(page, 'needs a valid key');
    await pickQuickPickRow(page, '1328 × 1328');
    const keyInput = page.locator(KEY_INPUT);
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
    assert.strictEqual(await mockCreates(), 1, 'the rejected create was not retried');
  });
});
