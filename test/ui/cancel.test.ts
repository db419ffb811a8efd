import * as assert from 'assert';
import { answerQuickInput, cursorToEnd, openFile, pickQuickPickRow, runCommandThatAsks, waitForEditorText } from './editorText';
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
    const { page, screenshot } = workbench();
    await mockScenario({ queuedMs: 200, never: true });
    await openFile(page, 'notes.md');
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
  });
});
