import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { answerQuickInput, cursorToEnd, openFile, pickQuickPickRow, runCommand, runCommandThatAsks, waitForEditorText } from './editorText';
import { answerKeyPrompt } from './keyPrompt';
import { mockCreates, mockFinish, mockScenario, mockTaskFor } from './mockApi';
import { waitForNotification } from './notifications';
import { openStudio, studioFrame } from './studioFrame';
import { useWorkbench } from './useWorkbench';

const PROMPT = 'survives a reload';
const DRAFT = 'kept across a reload';

/**
 * One reload, two things that must survive it: a generation still being polled and an Image Studio
 * panel with an unsent draft. (A reload restarts the whole workbench: two seconds of both cores.)
 */
describe('Developer: Reload Window in the middle of work', function () {
  this.timeout(120_000);
  // The editor's user settings have seed 42, so the file name is known in advance.
  const workbench = useWorkbench('reload');

  it('resumes the running task and links it exactly once; the studio comes back with its draft and the finished entry', async () => {
    const { page, server, screenshot } = workbench();
    // The task runs until the test ends it after the reload: it is mid-poll when the window goes.
    await mockScenario({ queuedMs: 300, never: true });
    await openFile(page, 'notes.md');
    // The studio opens beside the editor and stays visible there, with a draft it never sent.
    const frame = await openStudio(page);
    await frame.getByLabel('Prompt', { exact: true }).fill(DRAFT);
    await runCommand(page, 'View: Focus First Editor Group');
    await cursorToEnd(page);
    await page.keyboard.press('Enter');
    await runCommandThatAsks(page, 'Spark Image: Generate Image…');
    await answerQuickInput(page, PROMPT);
    await pickQuickPickRow(page, '1328 × 1328');
    // Stored by an earlier suite; asked for only if this suite runs alone.
    await answerKeyPrompt(page, 2000);
    await waitForNotification(page, PROMPT);
    await page.keyboard.press('Escape');
    const taskId = await mockTaskFor(PROMPT);

    // Wait for the new page, not the old one still on screen while the reload starts.
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 30_000 });
    await mockFinish(taskId);

    const text = await waitForEditorText(page, (t) => t.includes('survives-a-reload-42.png'), 40_000);
    // A second insertion (the old window's job and the resumed one both finishing) would come right after.
    await page.waitForTimeout(1500);
    const again = await waitForEditorText(page, () => true);
    assert.strictEqual(again.split('survives-a-reload-42.png').length, 2, `inserted more than once:\n${text}`);
    assert.ok(fs.existsSync(path.join(server.workspace, 'images', 'survives-a-reload-42.png')));
    assert.strictEqual(await mockCreates(), 1, 'the reload did not create a second task');

    const restored = studioFrame(page).getByLabel('Prompt', { exact: true });
    await restored.waitFor({ state: 'visible', timeout: 60_000 });
    assert.strictEqual(await restored.inputValue(), DRAFT);
    await studioFrame(page).locator('.history-list .entry.completed', { hasText: PROMPT }).waitFor({ timeout: 10_000 });
    await screenshot('reload-restored');
  });
});
