import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Page } from 'playwright-core';
import { openFile, runCommand, waitForEditorText } from './editorText';
import { answerKeyPrompt } from './keyPrompt';
import { mockCreates, mockScenario } from './mockApi';
import { useWorkbench } from './useWorkbench';

const DOCUMENT = 'spending.md';
const directiveText = (prompt: string) => `# Spending\n\n<!-- spark-image: ${prompt} {seed=7} -->\n\nEnd.\n`;

function lens(page: Page, text: string) {
  return page.locator('.part.editor .editor-group-container.active .monaco-editor .codelens-decoration a', { hasText: text }).first();
}

/** No create reaches the mock for a while after a click that must not spend. */
async function noCreateSince(page: Page, before: number): Promise<void> {
  await page.waitForTimeout(2000);
  assert.strictEqual(await mockCreates(), before, 'a task was created');
}

describe('Directive clicks that must not spend', function () {
  this.timeout(120_000);
  const workbench = useWorkbench('directive-spending');

  it('Same Seed asks for another size first (Escape sends nothing); "Out of date" shows the change and sends nothing', async () => {
    const { page, server, screenshot } = workbench();
    await mockScenario({ queuedMs: 100, durationMs: 300 });
    const file = path.join(server.workspace, DOCUMENT);
    fs.writeFileSync(file, directiveText('A red kite over green hills'));
    await runCommand(page, 'Spark Image: Clear API Key');
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, DOCUMENT);
    await lens(page, 'Generate').waitFor({ state: 'visible', timeout: 20_000 });
    await lens(page, 'Generate').click();
    assert.ok(await answerKeyPrompt(page, 10_000), 'the masked key prompt did not appear');
    await waitForEditorText(page, (t) => t.includes('a-red-kite-over-green-hills-7.png'), 30_000);
    assert.strictEqual(await mockCreates(), 1);

    // Same Seed: a size picker, with another size than the image's (1328 × 1328) ready for Enter.
    await lens(page, 'Same Seed').waitFor({ state: 'visible', timeout: 15_000 });
    await lens(page, 'Same Seed').click();
    const picker = page.locator('.quick-input-widget');
    await picker.locator('.quick-input-title', { hasText: 'Same Seed (7)' }).waitFor({ state: 'visible', timeout: 10_000 });
    const active = picker.locator('.quick-input-list .monaco-list-row.focused');
    await active.waitFor({ state: 'visible', timeout: 5000 });
    assert.match(await active.innerText(), /2048 × 2048/);
    await screenshot('same-seed-size');
    await page.keyboard.press('Escape');
    await noCreateSince(page, 1);

    // Out of date: the label shows what changed (the hover), and nothing is sent.
    // Typed in the editor: "red" becomes "blue" in the directive's prompt.
    await page.locator('.part.editor .editor-group-container.active .view-line', { hasText: 'spark-image:' }).first().click();
    await page.keyboard.press('Home');
    for (let i = 0; i < '<!-- spark-image: A '.length; i++) {
      await page.keyboard.press('ArrowRight');
    }
    for (let i = 0; i < 'red'.length; i++) {
      await page.keyboard.press('Shift+ArrowRight');
    }
    await page.keyboard.type('blue');
    await waitForEditorText(page, (t) => t.includes('A blue kite'), 5000);
    const outOfDate = lens(page, 'Out of date: prompt');
    await outOfDate.waitFor({ state: 'visible', timeout: 20_000 });
    await outOfDate.click();
    await page.locator('.monaco-hover', { hasText: 'Out of date' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot('out-of-date-hover');
    await noCreateSince(page, 1);
    await page.keyboard.press('Escape');
    await runCommand(page, 'File: Save All Files');
    await runCommand(page, 'View: Close All Editors');
  });
});
