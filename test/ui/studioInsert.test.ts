import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openFile, runCommand } from './editorText';
import { answerKeyPrompt } from './keyPrompt';
import { mockScenario } from './mockApi';
import { openStudio } from './studioFrame';
import { useWorkbench } from './useWorkbench';

const PROMPT = 'a cozy reading nook';
const DOCUMENT = 'chapters/story.md';

describe('Image Studio inserts like every other flow', function () {
  this.timeout(120_000);
  const workbench = useWorkbench('studio-insert');

  it('shows the target document and line first, saves beside the document, and puts the link alone below the line', async () => {
    const { page, server, screenshot } = workbench();
    await mockScenario({ queuedMs: 100, durationMs: 400 });
    const file = path.join(server.workspace, DOCUMENT);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '# Story\n\nThe end of the story.\n\nAfter.\n');
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'story.md');
    // The cursor in the middle of the sentence: the link must not land there.
    await page.locator('.part.editor .editor-group-container.active .view-line', { hasText: 'The end of the story.' }).first().click();
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+ArrowRight');

    const frame = await openStudio(page);
    await frame.locator('#target', { hasText: 'story.md:3' }).waitFor({ timeout: 10_000 });
    await frame.getByLabel('Prompt', { exact: true }).fill(PROMPT);
    await frame.getByRole('button', { name: /^Generate( \(≈ \$[\d.]+, estimated\))?$/ }).click();
    await answerKeyPrompt(page, 5000);
    await frame.locator('#preview').waitFor({ state: 'visible', timeout: 40_000 });
    await frame.getByRole('button', { name: 'Insert into story.md:3' }).click();

    await page.locator('.tab.active.dirty', { hasText: 'story.md' }).waitFor({ timeout: 15_000 });
    await page.locator('.part.editor .editor-group-container .view-line', { hasText: 'After.' }).first().click();
    await page.keyboard.press('Control+S');
    const deadline = Date.now() + 10_000;
    while (!fs.readFileSync(file, 'utf8').includes('cozy') && Date.now() < deadline) {
      await page.waitForTimeout(200);
    }
    const saved = fs.readFileSync(file, 'utf8');
    const link = /^# Story\n\nThe end of the story\.\n\n!\[a cozy reading nook\]\(images\/(a-cozy-reading-nook-\d+\.png)\)\n\nAfter\.\n$/.exec(saved);
    assert.ok(link, saved);
    assert.ok(fs.existsSync(path.join(server.workspace, 'chapters', 'images', link[1])), 'the image is in the document’s own images/');
    assert.ok(!fs.existsSync(path.join(server.workspace, 'images', link[1])), 'the image went to the workspace root’s images/');
    await screenshot('studio-insert');
  });
});
