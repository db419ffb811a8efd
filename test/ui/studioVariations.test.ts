import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openFile, runCommand } from './editorText';
import { answerKeyPrompt } from './keyPrompt';
import { mockCreates, mockScenario } from './mockApi';
import { README_VIEWPORT, readmeShot } from './readmeShots';
import { openStudio } from './studioFrame';
import { useWorkbench } from './useWorkbench';

const PROMPT = 'a paper boat on a puddle, watercolor';
const DOCUMENT = 'notes/boats.md';

/** The few DOM types the page function below uses (this tsconfig has no DOM library). */
interface PageImage {
  complete: boolean;
  naturalWidth: number;
  addEventListener(type: 'load', listener: () => void, options: { once: boolean }): void;
}

describe('Image Studio variations in the real editor', function () {
  this.timeout(150_000);
  const workbench = useWorkbench('studio-variations');

  it('4 variations fill a grid (image, seed, cost each); Use this on one links it once below the line; the grid is the README picture', async () => {
    const { page, server, screenshot } = workbench();
    await mockScenario({ queuedMs: 200, durationMs: 1500 });
    const file = path.join(server.workspace, DOCUMENT);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '# Boats\n\nA rainy afternoon.\n\nAfter.\n');
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'boats.md');
    await page.locator('.part.editor .editor-group-container.active .view-line', { hasText: 'A rainy afternoon.' }).first().click();

    const frame = await openStudio(page);
    await frame.locator('#target', { hasText: 'boats.md:3' }).waitFor({ timeout: 10_000 });
    await frame.getByLabel('Prompt', { exact: true }).fill(PROMPT);
    await frame.getByLabel('Variations', { exact: true }).selectOption('4');
    // The estimate before sending covers all four.
    const generate = frame.getByRole('button', { name: /^Generate \(≈ \$[\d.]+, estimated for 4 images\)$/ });
    await generate.waitFor({ timeout: 5000 });
    const before = await mockCreates();
    await generate.click();
    await answerKeyPrompt(page, 5000);

    const cells = frame.locator('.variation-grid .cell');
    await frame.locator('.variation-grid .cell.done img').nth(3).waitFor({ state: 'visible', timeout: 60_000 });
    assert.strictEqual(await cells.count(), 4);
    assert.strictEqual((await mockCreates()) - before, 4, 'four tasks sent');
    const metas = await frame.locator('.variation-grid .cell.done .meta').allTextContents();
    const seeds = metas.map((meta) => /Seed (\d+)/.exec(meta)?.[1]);
    assert.strictEqual(new Set(seeds).size, 4, `four seeds: ${metas.join(' | ')}`);
    assert.ok(metas.every((meta) => /Cost \$[\d.]+/.test(meta)), metas.join(' | '));
    for (const image of await frame.locator('.variation-grid .cell.done img').all()) {
      await image.evaluate((img) => new Promise<void>((resolve) => ((img as unknown as PageImage).complete ? resolve() : (img as unknown as PageImage).addEventListener('load', () => resolve(), { once: true }))));
      assert.ok(await image.evaluate((img) => (img as unknown as PageImage).naturalWidth > 0), 'each cell shows its image');
    }

    const viewport = page.viewportSize();
    await page.setViewportSize(README_VIEWPORT);
    try {
      await frame.locator('.variations').scrollIntoViewIfNeeded();
      await readmeShot(page, 'studio-variations');
    } finally {
      if (viewport) {
        await page.setViewportSize(viewport);
      }
    }

    const picked = seeds[1];
    await frame.locator('.variation-grid .cell.done').nth(1).getByRole('button', { name: /^Use this/ }).click();
    await page.locator('.tab.active.dirty', { hasText: 'boats.md' }).waitFor({ timeout: 15_000 });
    await page.locator('.part.editor .editor-group-container .view-line', { hasText: 'After.' }).first().click();
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 10_000;
    while (!fs.readFileSync(file, 'utf8').includes('paper boat') && Date.now() < deadline) {
      await page.waitForTimeout(200);
    }
    const saved = fs.readFileSync(file, 'utf8');
    assert.match(saved, new RegExp(`^# Boats\\n\\nA rainy afternoon\\.\\n\\n!\\[a paper boat[^\\]]*\\]\\(images/a-paper-boat-on-a-puddle-watercolor-${picked}\\.png\\)\\n\\nAfter\\.\\n$`));
    assert.strictEqual(saved.split('](').length - 1, 1, 'exactly one link');
    assert.ok(fs.existsSync(path.join(server.workspace, 'notes', 'images', `a-paper-boat-on-a-puddle-watercolor-${picked}.png`)));
    // Only the picked one is in the workspace: the other three stay kept outside it.
    assert.deepStrictEqual(fs.readdirSync(path.join(server.workspace, 'notes', 'images')).filter((name) => name.startsWith('a-paper-boat')).length, 1);
    await screenshot('studio-variations');
  });
});
