import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { openFile, runCommand, waitForEditorText } from './editorText';
import { answerKeyPrompt } from './keyPrompt';
import { mockScenario } from './mockApi';
import { useWorkbench } from './useWorkbench';

describe('Illustrations as code: directive CodeLens in the editor', function () {
  this.timeout(90_000);
  const workbench = useWorkbench('directives');

  it('shows Generate above a valid directive and the error above an invalid one; Generate links a real image below it', async () => {
    const { page, server, screenshot } = workbench();
    await mockScenario({ queuedMs: 300, durationMs: 1500 });
    await runCommand(page, 'Spark Image: Clear API Key');
    await openFile(page, 'guide.md');
    const generate = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Generate' }).first();
    await generate.waitFor({ state: 'visible', timeout: 20_000 });
    const error = page.locator('.monaco-editor .codelens-decoration', { hasText: 'Fix the options first' }).first();
    await error.waitFor({ state: 'visible', timeout: 10_000 });
    await generate.click();
    // No key is stored yet: the masked input asks for it, then the generation goes on.
    assert.ok(await answerKeyPrompt(page, 10_000), 'the masked key prompt did not appear');
    await waitForEditorText(page, (t) => t.includes('a-lighthouse-at-dawn-over-a-calm-sea-42.png'), 30_000);
    // Monaco's DOM does not keep line order: check the saved file for where the link went.
    await runCommand(page, 'File: Save');
    const saved = path.join(server.workspace, 'guide.md');
    const deadline = Date.now() + 10_000;
    while (!fs.readFileSync(saved, 'utf8').includes('calm-sea-42.png') && Date.now() < deadline) {
      await page.waitForTimeout(200);
    }
    assert.match(fs.readFileSync(saved, 'utf8'), /seed=42\} -->\n\n!\[A lighthouse at dawn over a calm sea\]\(images\/a-lighthouse-at-dawn-over-a-calm-sea-42\.png\)\n\nMiddle paragraph\./);
    const file = path.join(server.workspace, 'images', 'a-lighthouse-at-dawn-over-a-calm-sea-42.png');
    assert.strictEqual(readEmbeddedProvenance(fs.readFileSync(file))?.seed, 42);
    // After it: Regenerate and Same Seed with the cost of the last generation.
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Regenerate' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.monaco-editor .codelens-decoration', { hasText: /Last: \$0\.03 ·/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel', { hasText: '003002006' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot('directives');
  });
});
