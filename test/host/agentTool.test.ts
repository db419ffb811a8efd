import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import type { generateTool, resumeTool } from '../../src/editor/agentTool/imageTools';
import { pngSize } from '../helpers/png';
import { assertImage, configure, EXTENSION_ID, FAST_TASK, mockControl, workspaceRoot, writeText, useSparkAgainstMock } from './sparkHarness';
import { waitFor } from './waitFor';

type Part = { value?: unknown; mimeType?: string; data?: Uint8Array };
type Tools = { generateTool: typeof generateTool; resumeTool: typeof resumeTool };
type Lm = {
  tools: ReadonlyArray<{ name: string; inputSchema?: { required?: string[] } }>;
  invokeTool(name: string, options: { input: unknown; toolInvocationToken: undefined }, token?: vscode.CancellationToken): Promise<{ content: Part[] }>;
};

function lm(): Lm {
  return (vscode as unknown as { lm: Lm }).lm;
}

function textOf(result: unknown): string {
  return (result as { content: Part[] }).content
    .map((part) => part.value)
    .filter((value): value is string => typeof value === 'string')
    .join('\n');
}

/**
 * vscode.lm.invokeTool outside a chat request asks its confirmation in a workbench dialog (VS Code
 * 1.139: LanguageModelToolsService shows dialogService.confirm when prepareInvocation returns
 * confirmationMessages), which nothing in the extension host can answer. So invokeTool runs here
 * where there is nothing to confirm (invalid input), and the paid paths call the same tool objects
 * the extension registers (dist/agentTool.js, on the extension's own GenerationService) directly.
 */
describe('language-model tools sparkImage_generate / sparkImage_resume (against the mock)', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  let tools: Tools;
  const none = new vscode.CancellationTokenSource().token;
  before(() => {
    api = spark();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    // The same module instance the extension loads on the first tool call (one require cache).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the extension's own separate bundle
    tools = require(path.join(extension.extensionPath, 'dist', 'agentTool.js')) as Tools;
  });

  it('vscode.lm.tools lists both tools, the generate tool with prompt required', () => {
    const listed = lm().tools.filter((tool) => tool.name.startsWith('sparkImage_'));
    assert.deepStrictEqual(listed.map((tool) => tool.name).sort(), ['sparkImage_generate', 'sparkImage_resume']);
    assert.deepStrictEqual(listed.find((tool) => tool.name === 'sparkImage_generate')?.inputSchema?.required, ['prompt']);
  });

  it('through vscode.lm.invokeTool, an invalid size answers the rule with its code and sends nothing', async () => {
    const result = await lm().invokeTool('sparkImage_generate', { input: { prompt: 'a red fox', size: '100x100' }, toolInvocationToken: undefined }, none);
    const text = textOf(result);
    assert.match(text, /100/);
    assert.strictEqual(text.match(/\d{9}/g)?.join(), '003002009', 'the code, said once');
    const bad = await lm().invokeTool('sparkImage_generate', { input: { prompt: 'a red fox', size: 'huge' }, toolInvocationToken: undefined }, none);
    assert.match(textOf(bad), /size must be a preset .*not "huge"/);
    assert.strictEqual((await mockControl.counts()).creates, 0);
  });

  it('an unknown argument name, both size forms or one side alone is refused with nothing sent; width and height are honoured', async () => {
    const generate = tools.generateTool(api.service, api.pending);
    const creates = (await mockControl.counts()).creates;
    const typo = { prompt: 'a fox', sise: '2k-1:1' } as never;
    assert.strictEqual(await generate.prepareInvocation!({ input: typo }, none), undefined, 'nothing to confirm');
    assert.match(textOf(await generate.invoke({ input: typo }, none)), /^Unknown argument "sise": sparkImage_generate accepts only prompt, size, width, height, seed, promptExpansion, path, alt, insertInto, style, count\. Nothing was sent\.$/);
    const nested = textOf(await generate.invoke({ input: { prompt: 'a fox', insertInto: { document: 'a.md', after: 2 } } as never }, none));
    assert.match(nested, /^Unknown argument "insertInto\.after"/);
    for (const [input, code] of [
      [{ prompt: 'a fox', width: 1024 }, '003002007'],
      [{ prompt: 'a fox', size: '1k-1:1', width: 1024, height: 768 }, '003002005'],
      [{ prompt: 'a fox', width: 3000, height: 500 }, '003002006'],
    ] as const) {
      const text = textOf(await generate.invoke({ input }, none));
      assert.strictEqual(text.match(/\d{9}/g)?.join(), code, text);
    }
    const resume = textOf(await tools.resumeTool(api.service, api.pending).invoke({ input: { taskId: 'task_1', task_id: 'task_1' } as never }, none));
    assert.match(resume, /^Unknown argument "task_id": sparkImage_resume accepts only taskId\. Nothing was sent\.$/);
    assert.strictEqual((await mockControl.counts()).creates, creates, 'nothing sent');

    const prepared = await generate.prepareInvocation!({ input: { prompt: 'wide fox', width: 1024, height: 768 } }, none);
    assert.match(String(prepared?.confirmationMessages?.message), /1024×768/);
    const made = textOf(await generate.invoke({ input: { prompt: 'wide fox', width: 1024, height: 768, seed: 3 } }, none));
    assert.match(made, /^size: 1024x768$/m);
    await assertImage(vscode.Uri.joinPath(workspaceRoot(), 'images/wide-fox-3.png'), 1024, 768);
  });

  it("prepareInvocation's confirmation names the prompt, the size and the estimated cost", async () => {
    const prepared = await tools.generateTool(api.service, api.pending).prepareInvocation!({ input: { prompt: 'a lighthouse at dusk', size: '2k-16:9' } }, none);
    const message = String(prepared?.confirmationMessages?.message);
    assert.ok(prepared?.confirmationMessages?.title);
    assert.match(message, /a lighthouse at dusk/);
    assert.match(message, /2560×1440/);
    assert.match(message, /\$0\.06/);
    const small = await tools.generateTool(api.service, api.pending).prepareInvocation!({ input: { prompt: 'a fox', size: '1k-1:1' } }, none);
    assert.match(String(small?.confirmationMessages?.message), /\$0\.03/);
    assert.strictEqual((await mockControl.counts()).creates, 0, 'preparing sends nothing');
  });

  it('invoke saves a PNG in the workspace; the text has path, link, seed, size, billed cost and task id; a thumbnail of at most 256 px', async () => {
    const result = await tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'agent fox', size: '1k-16:9', seed: 11 } }, none);
    const text = textOf(result);
    const [task] = await mockControl.tasks();
    assert.match(text, /^saved: images\/agent-fox-11\.png$/m);
    assert.match(text, /^markdown: !\[agent fox\]\(images\/agent-fox-11\.png\)$/m);
    assert.match(text, /^seed: 11$/m);
    assert.match(text, /^size: 1664x936$/m);
    assert.match(text, /^billed cost: \$0\.03$/m);
    assert.ok(text.includes(`task id: ${task.id}`), text);
    await assertImage(vscode.Uri.joinPath(workspaceRoot(), 'images/agent-fox-11.png'), 1664, 936);
    const image = (result as { content: Part[] }).content.find((part) => part.mimeType === 'image/png');
    assert.ok(image?.data, 'an image data part (VS Code 1.139 has LanguageModelDataPart)');
    assert.deepStrictEqual(pngSize(image.data), { width: 256, height: 144 });
  });

  it('path saves in that workspace folder or under that file name; a path out of the workspace is refused, nothing sent', async () => {
    const inFolder = textOf(await tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'folder fox', seed: 5, path: 'art/agent' } }, none));
    assert.match(inFolder, /^saved: art\/agent\/folder-fox-5\.png$/m);
    await assertImage(vscode.Uri.joinPath(workspaceRoot(), 'art/agent/folder-fox-5.png'), 1328, 1328);
    const named = textOf(await tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'named fox', seed: 6, path: 'art/cover.png' } }, none));
    assert.match(named, /^saved: art\/cover\.png$/m);
    // The same name again: the rename that never overwrites fails, and the next name is taken.
    const again = textOf(await tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'named fox', seed: 6, path: 'art/cover.png' } }, none));
    assert.match(again, /^saved: art\/cover-1\.png$/m);
    const left = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(workspaceRoot(), 'art'))).map(([name]) => name);
    assert.deepStrictEqual(left.filter((name) => name.endsWith('.tmp')), [], 'no temporary file is left behind');
    const creates = (await mockControl.counts()).creates;
    for (const outside of ['../outside', '/tmp/x.png', 'art/${fileName}']) {
      const refused = textOf(await tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'lost fox', path: outside } }, none));
      assert.match(refused, /path must be relative to the workspace/, outside);
    }
    assert.strictEqual((await mockControl.counts()).creates, creates, 'nothing sent for the refused paths');
  });

  it('insertInto puts the link into the document after the given line', async () => {
    const uri = await writeText('docs/agent.md', '# Title\n\nText.\n');
    const result = await tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'linked fox', seed: 4, insertInto: { document: 'docs/agent.md', line: 1 } } }, none);
    assert.match(textOf(result), /^link inserted into: docs\/agent\.md$/m);
    // The link it reports is the one in the document: relative to docs/, not to the workspace root.
    assert.match(textOf(result), /^saved: docs\/images\/linked-fox-4\.png$/m);
    assert.match(textOf(result), /^markdown: !\[linked fox\]\(images\/linked-fox-4\.png\)$/m);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, /^# Title\n\n!\[linked fox\]\(images\/linked-fox-4\.png\)\n/);
  });

  it('a cancelled invocation keeps the task pending; sparkImage_resume finishes it', async () => {
    await mockControl.scenario({ default: { never: true } });
    const source = new vscode.CancellationTokenSource();
    const running = tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'patient fox', seed: 21 } }, source.token);
    const taskId: string = await waitFor('the task to be created', async () => (await mockControl.tasks())[0]?.id);
    await waitFor('a first poll', async () => (await mockControl.counts()).polls > 0);
    source.cancel();
    const text = textOf(await running);
    assert.ok(text.includes(`task id: ${taskId}. The task is kept pending`), text);
    assert.ok(api.pending.get(taskId), 'the task is still pending (resumable)');

    await mockControl.finish(taskId);
    const resumed = textOf(await tools.resumeTool(api.service, api.pending).invoke({ input: { taskId } }, none));
    assert.match(resumed, /^saved: images\/patient-fox-21\.png$/m);
    assert.strictEqual(api.pending.get(taskId), undefined);
    assert.strictEqual((await mockControl.counts()).creates, 1, 'resuming paid nothing more');
  });

  it('a timeout answers with the task id, kept pending; sparkImage_resume finishes it', async () => {
    await mockControl.scenario({ default: { never: true } });
    await configure({ timeoutSeconds: 2 });
    try {
      const text = textOf(await tools.generateTool(api.service, api.pending).invoke({ input: { prompt: 'slow fox', seed: 8 } }, none));
      const [task] = await mockControl.tasks();
      assert.ok(text.includes(`task id: ${task.id}. The task is kept pending: call sparkImage_resume`), text);
      assert.ok(api.pending.get(task.id));
      await mockControl.finish(task.id);
      const resumed = textOf(await tools.resumeTool(api.service, api.pending).invoke({ input: { taskId: task.id } }, none));
      assert.match(resumed, /^saved: images\/slow-fox-8\.png$/m);
    } finally {
      await configure({ timeoutSeconds: 20 });
    }
  });
});
