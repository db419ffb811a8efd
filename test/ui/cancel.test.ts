import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { answerQuickInput, cursorToEnd, openFile, pickQuickPickRow, runCommand, runCommandThatAsks, waitForEditorText } from './editorText';
import { answerKeyPrompt } from './keyPrompt';
import { mockCreates, mockFinish, mockScenario, mockTaskFor } from './mockApi';
import { waitForNotification } from './notifications';
import { useWorkbench } from './useWorkbench';

const PROMPT = 'a kettle whistling at noon';
const ITEM = '.notifications-center .notification-list-item';

describe('Cancel tells the truth', function () {
  this.timeout(120_000);
  const workbench = useWorkbench('cancel');

  it('says the task may still finish and be billed, and Resume fetches it without a second create', async () => {
    const { page, server, screenshot } = workbench();
    await mockScenario({ queuedMs: 200, never: true });
    // A document of its own: the suites share one editor, and notes.md is another suite's.
    fs.writeFileSync(path.join(server.workspace, 'kettle.md'), '# Kettle\n\nThe link goes below.\n');
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'kettle.md');
    await cursorToEnd(page);
    await runCommandThatAsks(page, 'Spark Image: Generate Image…');
    await answerQuickInput(page, PROMPT);
    await pickQuickPickRow(page, '1664 × 936');
    await answerKeyPrompt(page, 5000);
    await waitForNotification(page, `“${PROMPT}”`);
    assert.strictEqual(await mockCreates(), 1);
    await page.locator(ITEM, { hasText: `“${PROMPT}”` }).locator('.monaco-button', { hasText: 'Cancel' }).first().click();

    const message = await waitForNotification(page, 'Stopped watching');
    assert.match(message, /^Spark Image: Stopped watching\. The task may still finish and be billed\. Task id: \S+/);
    await screenshot('cancel-stopped-watching');
    await mockFinish(await mockTaskFor(PROMPT));
    await page.locator(ITEM, { hasText: 'Stopped watching' }).locator('.monaco-button', { hasText: 'Resume' }).first().click();
    await waitForEditorText(page, (t) => t.includes('a-kettle-whistling-at-noon-42.png'), 30_000);
    assert.strictEqual(await mockCreates(), 1, 'Resume created a second task');
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'File: Save All Files');
    await runCommand(page, 'View: Close All Editors');
  });
});
