import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { sniffImage } from '../../src/core/image/imageType';
import { openFile, runCommand } from './editorText';
import { answerKeyPrompt } from './keyPrompt';
import { mockCreates, mockScenario } from './mockApi';
import { openStudio } from './studioFrame';
import { useWorkbench } from './useWorkbench';

const DOCUMENT = 'web/harbour.md';

describe('Image Studio save controls in the real editor', function () {
  this.timeout(150_000);
  const workbench = useWorkbench('studio-output');

  it('the page refuses a max width of 0 with the rule and the value (nothing sent); WebP at 640 px saves a 640 px .webp', async () => {
    const { page, server, screenshot } = workbench();
    await mockScenario({ queuedMs: 100, durationMs: 500 });
    const file = path.join(server.workspace, DOCUMENT);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '# Harbour\n\nBoats at dawn.\n');
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'harbour.md');
    await page.locator('.part.editor .editor-group-container.active .view-line', { hasText: 'Boats at dawn.' }).first().click();

    const frame = await openStudio(page);
    await frame.locator('#target', { hasText: 'harbour.md:3' }).waitFor({ timeout: 10_000 });
    await frame.getByLabel('Prompt', { exact: true }).fill('a harbour at dawn, fishing boats');
    const quality = frame.getByLabel('Encode quality (1-100)', { exact: true });
    assert.strictEqual(await quality.isVisible(), false, 'no quality for the configured PNG');
    await frame.getByLabel('Format', { exact: true }).selectOption('webp');
    await quality.waitFor({ state: 'visible', timeout: 5000 });
    assert.strictEqual(await quality.inputValue(), '82');

    const before = await mockCreates();
    await frame.getByLabel('Max width (px)', { exact: true }).fill('0');
    await frame.locator('#output-issue', { hasText: 'The max width must be a whole number of pixels from 16 to 8192, not 0.' }).waitFor({ timeout: 5000 });
    await frame.getByRole('button', { name: /^Generate/ }).click();
    await page.waitForTimeout(1500);
    assert.strictEqual(await mockCreates(), before, 'refused in the page: nothing sent');
    await screenshot('studio-output-refused');

    await frame.getByLabel('Max width (px)', { exact: true }).fill('640');
    assert.strictEqual(await frame.locator('#output-issue').textContent(), '');
    await frame.getByRole('button', { name: /^Generate/ }).click();
    await answerKeyPrompt(page, 5000);
    const images = path.join(server.workspace, 'web', 'images');
    const deadline = Date.now() + 60_000;
    let saved: string | undefined;
    while (!saved && Date.now() < deadline) {
      saved = fs.existsSync(images) ? fs.readdirSync(images).find((name) => name.startsWith('a-harbour-at-dawn') && name.endsWith('.webp')) : undefined;
      await page.waitForTimeout(300);
    }
    assert.ok(saved, `a .webp in web/images: ${fs.existsSync(images) ? fs.readdirSync(images).join(', ') : 'no folder'}`);
    const bytes = fs.readFileSync(path.join(images, saved));
    assert.deepStrictEqual([bytes.subarray(0, 4).toString('latin1'), bytes.subarray(8, 12).toString('latin1')], ['RIFF', 'WEBP']);
    assert.deepStrictEqual([sniffImage(new Uint8Array(bytes))?.format, sniffImage(new Uint8Array(bytes))?.width], ['webp', 640]);
    assert.strictEqual((await mockCreates()) - before, 1, 'one create');
  });
});
