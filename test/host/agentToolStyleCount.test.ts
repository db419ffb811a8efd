import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import type { generateTool } from '../../src/editor/agentTool/imageTools';
import { pngSize } from '../helpers/png';
import { assertImage, configure, EXTENSION_ID, FAST_TASK, mockControl, workspaceRoot, writeText, useSparkAgainstMock } from './sparkHarness';
import { answerEveryModal } from './standIn';

type Part = { value?: unknown; mimeType?: string; data?: Uint8Array };
type Tools = { generateTool: typeof generateTool };

function textOf(result: unknown): string {
  return (result as { content: Part[] }).content
    .map((part) => part.value)
    .filter((value): value is string => typeof value === 'string')
    .join('\n');
}

const BRAND = 'flat vector illustration of {prompt}, teal and coral palette';

/**
 * sparkImage_generate's style and count (issue 22), with MCP's meaning: a house style of the nearest
 * spark-image.json reaches the API in the prompt, an unknown one is refused before anything is
 * sent, and count N makes N images with N seeds, counted by the spend limit before any is sent.
 * The paid paths call the tool objects the extension loads (see agentTool.test.ts for why).
 */
describe('language-model tool sparkImage_generate: style and count (against the mock)', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  let tools: Tools;
  const none = new vscode.CancellationTokenSource().token;
  before(() => {
    api = spark();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the extension's own separate bundle
    tools = require(path.join(extension.extensionPath, 'dist', 'agentTool.js')) as Tools;
  });

  it('a style of the nearest spark-image.json reaches the mock in the prompt; its default applies, "none" opts out; an unknown one is refused with nothing sent', async () => {
    await writeText('agentStyled/spark-image.json', JSON.stringify({ styles: { brand: { prompt: BRAND } }, defaults: { style: 'brand' } }));
    await writeText('agentStyled/page.md', '# Page\n');
    const generate = tools.generateTool(api.service, api.pending);
    const into = { document: 'agentStyled/page.md' };

    const unknown = { prompt: 'a kite', style: 'retro', insertInto: into };
    assert.strictEqual(await generate.prepareInvocation!({ input: unknown }, none), undefined, 'nothing to confirm');
    assert.match(textOf(await generate.invoke({ input: unknown }, none)), /^Unknown style "retro": agentStyled\/spark-image\.json defines brand\. Use one of them, or style "none"\. Nothing was sent\.$/);
    assert.match(textOf(await generate.invoke({ input: { prompt: 'a kite', style: 'brand' } }, none)), /^Unknown style "brand": no spark-image\.json defines styles here/, 'the root has no spark-image.json');
    assert.strictEqual((await mockControl.counts()).creates, 0, 'nothing sent');

    const prepared = await generate.prepareInvocation!({ input: { prompt: 'a kite', style: 'brand', insertInto: into } }, none);
    assert.match(String(prepared?.confirmationMessages?.message), /flat vector illustration of a kite, teal and coral palette/, 'the prompt sent is the one confirmed');
    const named = textOf(await generate.invoke({ input: { prompt: 'a kite', style: 'brand', seed: 1, insertInto: into } }, none));
    assert.match(named, /^seed: 1$/m);
    await generate.invoke({ input: { prompt: 'a boat', seed: 2, insertInto: into } }, none);
    await generate.invoke({ input: { prompt: 'a tower', style: 'none', seed: 3, insertInto: into } }, none);
    const sent = (await mockControl.tasks()).map((task) => [task.seed, task.prompt]).sort((a, b) => Number(a[0]) - Number(b[0]));
    assert.deepStrictEqual(sent, [
      [1, 'flat vector illustration of a kite, teal and coral palette'],
      [2, 'flat vector illustration of a boat, teal and coral palette'],
      [3, 'a tower'],
    ]);
    // The link's alt text is the user's words, not the template's: the one reported and the one inserted.
    assert.match(named, /^markdown: !\[a kite\]\(images\/\S+-1\.png\)$/m);
    const page = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'agentStyled/page.md'))).getText();
    assert.match(page, /!\[a kite\]\(images\/\S+-1\.png\)/, page);
  });

  it('count 2: 2 creates with 2 distinct seeds, 2 files, one text part and one thumbnail per image; count 5 is refused with nothing sent', async () => {
    const generate = tools.generateTool(api.service, api.pending);
    const refused = textOf(await generate.invoke({ input: { prompt: 'twin foxes', count: 5 } }, none));
    assert.match(refused, /^count must be a whole number from 1 to 4, not 5\. Nothing was sent\.$/);
    assert.strictEqual((await mockControl.counts()).creates, 0);

    const prepared = await generate.prepareInvocation!({ input: { prompt: 'twin foxes', count: 2, path: 'agentCount' } }, none);
    assert.match(String(prepared?.confirmationMessages?.message), /Variations: 2.*\n.*\$0\.06/);
    const result = (await generate.invoke({ input: { prompt: 'twin foxes', count: 2, path: 'agentCount' } }, none)) as { content: Part[] };
    const tasks = await mockControl.tasks();
    assert.strictEqual(tasks.length, 2, 'exactly 2 creates');
    const seeds = tasks.map((task) => task.seed as number);
    assert.strictEqual(new Set(seeds).size, 2, `distinct seeds: ${seeds.join(', ')}`);
    const texts = result.content.filter((part) => typeof part.value === 'string').map((part) => String(part.value));
    assert.strictEqual(texts.length, 2, texts.join('\n---\n'));
    for (const seed of seeds) {
      const text = texts.find((candidate) => candidate.includes(`\nseed: ${seed}\n`));
      assert.ok(text, `a part for seed ${seed}: ${texts.join('\n---\n')}`);
      assert.match(text, new RegExp(`^saved: agentCount/twin-foxes-${seed}\\.png$`, 'm'));
      await assertImage(vscode.Uri.joinPath(workspaceRoot(), `agentCount/twin-foxes-${seed}.png`), 1328, 1328);
    }
    const thumbnails = result.content.filter((part) => part.mimeType === 'image/png');
    assert.strictEqual(thumbnails.length, 2);
    thumbnails.forEach((part) => assert.deepStrictEqual(pngSize(part.data as Uint8Array), { width: 256, height: 256 }));
  });

  it('the spend limit counts every variation before any is sent: declined, nothing is sent', async () => {
    // Room for one $0.03 image, not for two.
    await configure({ spendLimit: Math.round((api.service.spentUsd + 0.05) * 100) / 100 });
    const questions = answerEveryModal('showWarningMessage', () => undefined);
    try {
      const text = textOf(await tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'costly foxes', count: 2, path: 'agentSpend' } }, none));
      assert.strictEqual(questions.asked.length, 1, 'one question for both');
      assert.match(text, /declined/);
      assert.strictEqual((await mockControl.counts()).creates, 0, 'declined before the first create');
    } finally {
      questions.restore();
      await configure({ spendLimit: undefined });
    }
  });
});
