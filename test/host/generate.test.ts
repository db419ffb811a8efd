import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { mockEnv } from './mockEnv';
import { assertImage, closeAllEditors, configure, exists, FAST_TASK, listImages, mockControl, quietPeriod, openAt, workspaceRoot, writeText, useSparkAgainstMock } from './sparkHarness';
import { answerNext } from './standIn';
import { waitFor } from './waitFor';

/** The id of the one task the mock has (tests that create exactly one). */
async function onlyTaskId(): Promise<string> {
  const tasks = await mockControl.tasks();
  assert.strictEqual(tasks.length, 1, JSON.stringify(tasks));
  return tasks[0].id;
}

describe('generate from the editor (against the mock)', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  before(() => {
    api = spark();
  });

  it('palette flow in markdown: a real PNG of the chosen size at the destination, the link at the cursor', async () => {
    const uri = await writeText('docs/guide.md', '# Guide\n\nBefore  after.\n');
    const editor = await openAt(uri, '# Guide\n\nBefore '.length);
    const outcome = (await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'A red fox [reading] docs', size: '1k-16:9', seed: 42 })) as { images: vscode.Uri[] } | undefined;
    assert.ok(outcome, 'the command returned no outcome');
    const image = vscode.Uri.joinPath(workspaceRoot(), 'docs/images/a-red-fox-reading-docs-42.png');
    assert.strictEqual(outcome.images[0].path, image.path);
    await assertImage(image, 1664, 936);
    assert.strictEqual(editor.document.getText(), '# Guide\n\nBefore ![A red fox \\[reading\\] docs](images/a-red-fox-reading-docs-42.png) after.\n');
    assert.strictEqual(api.placeholders().length, 0, 'the placeholder is gone');
    assert.deepStrictEqual(api.pending.list().filter((entry) => entry.request.prompt.startsWith('A red fox')), [], 'nothing left pending');
  });

  it('one undo removes the inserted link', async () => {
    const uri = await writeText('docs/undo.md', 'Text.\n');
    const editor = await openAt(uri, 5);
    await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'undo me', seed: 7 });
    assert.match(editor.document.getText(), /!\[undo me\]\(images\/undo-me-7\.png\)/);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), 'Text.\n');
  });

  it('selection flow: the selected text is the prompt; the link goes on a new line after it, the selection stays', async () => {
    const text = 'Intro line.\nA lighthouse in a storm\nNext line.\n';
    const uri = await writeText('docs/selection.md', text);
    const start = text.indexOf('A lighthouse');
    const end = start + 'A lighthouse in a storm'.length;
    const editor = await openAt(uri, start, end);
    await vscode.commands.executeCommand('sparkImage.generateFromSelection');
    const seed = /lighthouse-in-a-storm-(\d+)\.png/.exec(editor.document.getText())?.[1];
    assert.ok(seed, editor.document.getText());
    assert.strictEqual((await mockControl.log()).find((r) => r.method === 'POST')?.path, '/model/v1/generation');
    assert.strictEqual(editor.document.getText(), `Intro line.\nA lighthouse in a storm\n\n![A lighthouse in a storm](images/a-lighthouse-in-a-storm-${seed}.png)\n\nNext line.\n`);
    assert.strictEqual(editor.document.getText(editor.selection), 'A lighthouse in a storm', 'the selection stays');
  });

  it('writes the syntax of the document: HTML and reStructuredText', async () => {
    const html = await writeText('site/page.html', '<p>Hi</p>\n');
    const htmlEditor = await openAt(html, '<p>Hi</p>'.length);
    await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'a "quoted" <cat>', width: 1472, height: 1104, seed: 3 });
    assert.strictEqual(htmlEditor.document.getText(), '<p>Hi</p><img src="images/a-quoted-cat-3.png" alt="a &quot;quoted&quot; &lt;cat&gt;" width="1472" height="1104">\n');
    await assertImage(vscode.Uri.joinPath(workspaceRoot(), 'site/images/a-quoted-cat-3.png'), 1472, 1104);

    const rstText = 'Title\n=====\n\nA mountain lake\n';
    const rst = await writeText('docs/page.rst', rstText);
    const start = rstText.indexOf('A mountain');
    const rstEditor = await openAt(rst, start, start + 'A mountain lake'.length);
    await vscode.languages.setTextDocumentLanguage(rstEditor.document, 'restructuredtext');
    const reopened = await openAt(rst, start, start + 'A mountain lake'.length);
    await vscode.commands.executeCommand('sparkImage.generateFromSelection');
    assert.match(reopened.document.getText(), /^Title\n=====\n\nA mountain lake\n\n\.\. image:: images\/a-mountain-lake-\d+\.png\n {3}:alt: A mountain lake\n$/);
  });

  it('never overwrites an existing file: the new image gets a suffix, the old one is untouched', async () => {
    const existing = await writeText('docs/images/same-name-5.png', 'not an image, but mine');
    const uri = await writeText('docs/exists.md', '');
    const editor = await openAt(uri, 0);
    await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'same name', seed: 5 });
    assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(existing)).toString(), 'not an image, but mine');
    assert.ok(await exists(vscode.Uri.joinPath(workspaceRoot(), 'docs/images/same-name-5-1.png')));
    assert.strictEqual(editor.document.getText(), '![same name](images/same-name-5-1.png)');
  });

  it('refuses a destination that escapes the workspace: nothing written outside, the document unchanged', async () => {
    await configure({ destination: '${documentWorkspaceFolder}/../escaped/${fileName}' });
    try {
      const uri = await writeText('docs/escape.md', 'Keep me.\n');
      const editor = await openAt(uri, 0);
      await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'escape', seed: 9 });
      assert.strictEqual(editor.document.getText(), 'Keep me.\n');
      assert.ok(!(await exists(vscode.Uri.joinPath(workspaceRoot(), '../escaped/escape-9.png'))));
      assert.ok(api.logLines().some((line) => line.includes('outside the workspace folder')));
      assert.strictEqual(api.placeholders().length, 0);
      const kept = api.pending.list().find((entry) => entry.request.prompt === 'escape');
      assert.ok(kept?.lastError, 'the paid result stays resumable once the setting is fixed');
      await api.pending.remove(kept.taskId);
    } finally {
      await configure({ destination: '${documentDirName}/images/${fileName}' });
    }
  });

  it('refuses a destination that leaves the workspace through a symlink', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-outside-'));
    const link = path.join(workspaceRoot().fsPath, 'docs', 'linked-out');
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(outside, link);
    await configure({ destination: '${documentDirName}/linked-out/${fileName}' });
    try {
      const uri = await writeText('docs/symlink.md', 'Keep me too.\n');
      const editor = await openAt(uri, 0);
      await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'through a link', seed: 41 });
      assert.deepStrictEqual(fs.readdirSync(outside), [], 'a file was written outside the workspace');
      assert.strictEqual(editor.document.getText(), 'Keep me too.\n');
      assert.ok(api.logLines().some((line) => line.includes('outside the workspace folder through a link')));
      const kept = api.pending.list().find((entry) => entry.request.prompt === 'through a link');
      assert.ok(kept?.lastError, 'the paid result stays resumable');
      await api.pending.remove(kept.taskId);
    } finally {
      await configure({ destination: '${documentDirName}/images/${fileName}' });
      fs.unlinkSync(link);
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('the command run twice quickly makes two explicit tasks, each linked at its own place', async () => {
    await mockControl.scenario({ default: { queuedMs: 100, durationMs: 600 } });
    const uri = await writeText('docs/twice.md', 'First: \nSecond: \n');
    const editor = await openAt(uri, 'First: '.length);
    const first = vscode.commands.executeCommand('sparkImage.generate', { prompt: 'first of two', seed: 43 });
    await waitFor('the first placeholder', () => api.placeholders().length === 1);
    editor.selection = new vscode.Selection(editor.document.positionAt('First: \nSecond: '.length), editor.document.positionAt('First: \nSecond: '.length));
    const second = vscode.commands.executeCommand('sparkImage.generate', { prompt: 'second of two', seed: 47 });
    await Promise.all([first, second]);
    assert.strictEqual((await mockControl.counts()).tasks, 2);
    assert.strictEqual(editor.document.getText(), 'First: ![first of two](images/first-of-two-43.png)\nSecond: ![second of two](images/second-of-two-47.png)\n');
  });

  it('a burst of jobs during 429s: at most maxConcurrent at once, no retry storm, each link at its place', async () => {
    await configure({ maxConcurrent: 2 });
    try {
      // Longer than the 1 s Retry-After: were the limit broken, the retried jobs would overlap the others.
      await mockControl.scenario({ default: { queuedMs: 50, durationMs: 1300, create: { kind: 'status', status: 429, retryAfter: 1, times: 2 } } });
      const lines = ['A: ', 'B: ', 'C: ', 'D: '];
      const uri = await writeText('docs/burst.md', lines.join('\n'));
      const editor = await openAt(uri, 0);
      const jobs = lines.map((line, index) => {
        const offset = editor.document.getText().indexOf(line) + line.length;
        editor.selection = new vscode.Selection(editor.document.positionAt(offset), editor.document.positionAt(offset));
        return vscode.commands.executeCommand('sparkImage.generate', { prompt: `burst ${index}`, seed: 100 + index });
      });
      await Promise.all(jobs);
      const counts = await mockControl.counts();
      assert.strictEqual(counts.tasks, 4);
      assert.strictEqual(counts.creates, 6, 'four creates plus the two answered 429, nothing more');
      assert.strictEqual(editor.document.getText(), lines.map((line, index) => `${line}![burst ${index}](images/burst-${index}-${100 + index}.png)`).join('\n'));
      // From each task's creation to its image download, no more than two were in flight.
      const log = await mockControl.log();
      const tasks = await mockControl.tasks();
      const spans = tasks.map((task) => {
        const download = log.find((entry) => entry.origin === 'images' && entry.path.includes(task.id));
        assert.ok(download, `no download for ${task.id}`);
        return [task.createdAt, download.at] as const;
      });
      const overlap = Math.max(...spans.map(([start]) => spans.filter(([from, to]) => from <= start && start <= to).length));
      assert.ok(overlap <= 2, `${overlap} jobs were in flight at once`);
    } finally {
      await configure({ maxConcurrent: 3 });
    }
  });

  it('a failure code: clear message in the log, nothing written, placeholder removed, nothing pending', async () => {
    await mockControl.scenario({ next: [{ ...FAST_TASK, fail: { code: 3002095, message: 'GPU melted' } }] });
    const uri = await writeText('docs/fail.md', 'Stay.\n');
    const editor = await openAt(uri, 0);
    const before = await listImages('docs/images');
    await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'will fail', seed: 11 });
    assert.strictEqual(editor.document.getText(), 'Stay.\n');
    assert.deepStrictEqual(await listImages('docs/images'), before);
    assert.ok(api.logLines().some((line) => line.includes('003002095') && line.includes('GPU melted')));
    assert.strictEqual(api.placeholders().length, 0);
    assert.deepStrictEqual(api.pending.list().filter((entry) => entry.request.prompt === 'will fail'), []);
  });

  it('401: "key rejected" without a retry', async () => {
    await api.setApiKey('definitely-wrong-key');
    try {
      const uri = await writeText('docs/auth.md', '');
      await openAt(uri, 0);
      await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'needs a key', seed: 1 });
      assert.strictEqual((await mockControl.counts()).creates, 1);
      assert.ok(api.logLines().some((line) => line.includes('auth') && line.includes('rejected')));
    } finally {
      await api.setApiKey(mockEnv().apiKey);
    }
  });

  it('cancel: requests stop, no file, placeholder removed, the document unchanged', async () => {
    await mockControl.scenario({ next: [{ never: true }] });
    const uri = await writeText('docs/cancel.md', 'Untouched.\n');
    const editor = await openAt(uri, 0);
    const running = vscode.commands.executeCommand('sparkImage.generate', { prompt: 'cancel me', seed: 13 });
    await waitFor('a placeholder', () => api.placeholders().length === 1);
    await waitFor('polling to start', async () => (await mockControl.counts()).polls > 0, 10_000);
    const cancelledAt = Date.now();
    api.service.cancelAll();
    await running;
    assert.ok(Date.now() - cancelledAt < 1000, 'stopped within a second');
    const requests = (await mockControl.log()).length;
    await quietPeriod();
    assert.strictEqual((await mockControl.log()).length, requests, 'no request after the cancel');
    assert.strictEqual(editor.document.getText(), 'Untouched.\n');
    assert.strictEqual(api.placeholders().length, 0);
    assert.ok(!(await listImages('docs/images')).some((name) => name.startsWith('cancel-me')));
  });

  it('the document edited and switched away from during generation: the link lands at the placeholder\'s new place', async () => {
    // Running until the test has edited and switched away: the edit surely comes first.
    await mockControl.scenario({ next: [{ never: true }] });
    const uri = await writeText('docs/moving.md', 'Para one.\n\nHERE\n');
    const editor = await openAt(uri, 'Para one.\n\n'.length);
    const running = vscode.commands.executeCommand('sparkImage.generate', { prompt: 'moving target', seed: 17 });
    await waitFor('a placeholder', () => api.placeholders().length === 1);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# Added title\n\n'));
    const other = await writeText('docs/other.md', 'Other doc.\n');
    const otherEditor = await openAt(other, 0);
    assert.strictEqual(api.placeholders().length, 1, 'still running after the edit and the switch');
    await mockControl.finish(await onlyTaskId());
    await running;
    assert.strictEqual(editor.document.getText(), '# Added title\n\nPara one.\n\n![moving target](images/moving-target-17.png)HERE\n');
    assert.strictEqual(otherEditor.document.getText(), 'Other doc.\n');
  });

  it('timeout keeps the task id; the message offers Resume, which finishes the same task and inserts the link once', async () => {
    await configure({ timeoutSeconds: 2 });
    const message = answerNext('showErrorMessage');
    try {
      // Running until the test ends it: the 2 s deadline passes first, whatever the machine's load.
      await mockControl.scenario({ next: [{ never: true }] });
      const uri = await writeText('docs/slow.md', 'Slow: \n');
      const editor = await openAt(uri, 'Slow: '.length);
      await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'slow one', seed: 19 });
      const entry = api.pending.list().find((candidate) => candidate.request.prompt === 'slow one');
      assert.ok(entry, 'the timed-out task is kept');
      assert.ok(entry.lastError && entry.lastError.includes(entry.taskId), entry.lastError);
      assert.strictEqual(editor.document.getText(), 'Slow: \n');
      const shown = await message.asked;
      assert.ok(shown.text.includes(entry.taskId), `the message names the task: ${shown.text}`);
      assert.deepStrictEqual(shown.items, ['Resume', 'Show Log']);
      await configure({ timeoutSeconds: 20 });
      // Resumed while still running, then done: the resume keeps asking until it is.
      const polls = (await mockControl.counts()).polls;
      message.answer('Resume');
      await waitFor('the resumed task being polled', async () => (await mockControl.counts()).polls > polls);
      await mockControl.finish(entry.taskId);
      await waitFor('the link of the resumed task', () => editor.document.getText().includes('slow-one-19.png'), 10_000);
      assert.strictEqual(editor.document.getText(), 'Slow: ![slow one](images/slow-one-19.png)\n');
      await waitFor('the resumed task off the pending list', () => api.pending.get(entry.taskId) === undefined);
      assert.strictEqual((await mockControl.counts()).creates, 1, 'resuming never creates a second task');
    } finally {
      message.restore();
      await configure({ timeoutSeconds: 20 });
    }
  });

  it('a task left by a previous window is resumed on start and its link inserted exactly once', async () => {
    const text = 'Before reload.\nAfter.\n';
    const uri = await writeText('docs/reload.md', text);
    const editor = await openAt(uri, 0);
    const request = { model: 'spark_image_3_1', prompt: 'survives reload', use_pre_llm: true, seed: 23, width: 1328, height: 1328 };
    const taskId = await mockControl.createTask(request);
    const offset = 'Before reload.'.length;
    await api.pending.put({ taskId, request, createdAt: Date.now(), target: { documentUri: uri.toString(), anchor: { offset, lineText: 'Before reload.' }, syntax: 'markdown', ownParagraph: false } });
    await Promise.all([api.service.resumeInterrupted(), api.service.resumeInterrupted()]);
    await waitFor('the resumed link', () => editor.document.getText().includes('survives-reload-23.png'), 15_000);
    await quietPeriod();
    assert.strictEqual(editor.document.getText(), 'Before reload.![survives reload](images/survives-reload-23.png)\nAfter.\n');
    await api.service.resumeInterrupted();
    await quietPeriod();
    assert.strictEqual(editor.document.getText().split('survives-reload-23').length, 2, 'inserted exactly once');
    assert.strictEqual(api.pending.get(taskId), undefined);
    assert.deepStrictEqual((await listImages('docs/images')).filter((name) => name.startsWith('survives-reload')), ['survives-reload-23.png']);
  });

  it('an untitled document: a save dialog asks where the image goes (suggested under images/), and the link points there', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Draft: ' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(document.positionAt(7), document.positionAt(7));
    const dialog = answerNext('showSaveDialog');
    try {
      const running = vscode.commands.executeCommand('sparkImage.generate', { prompt: 'untitled kite', seed: 43 });
      const asked = await dialog.asked;
      assert.strictEqual(asked.text, 'Save the generated image');
      assert.strictEqual((asked.options.defaultUri as vscode.Uri).toString(), vscode.Uri.joinPath(workspaceRoot(), 'images', 'untitled-kite.png').toString());
      assert.deepStrictEqual(asked.options.filters, { Images: ['png'] });
      const chosen = vscode.Uri.joinPath(workspaceRoot(), 'drafts', 'my-kite.png');
      dialog.answer(chosen);
      await running;
      await assertImage(chosen, 1328, 1328);
      await waitFor('the link in the untitled document', () => document.getText().includes('my-kite.png'));
      assert.match(document.getText(), /^Draft: !\[untitled kite\]\([^)]*drafts\/my-kite\.png\)$/);
    } finally {
      dialog.restore();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('no editor: the image is saved in the workspace and opened', async () => {
    await closeAllEditors();
    const outcome = (await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'no editor', seed: 29 })) as { images: vscode.Uri[] } | undefined;
    assert.ok(outcome);
    assert.strictEqual(outcome.images[0].path, vscode.Uri.joinPath(workspaceRoot(), 'images/no-editor-29.png').path);
    await assertImage(outcome.images[0], 1328, 1328);
  });

  it('the status bar counts the real cost reported by the API', async () => {
    const before = api.statusBar.costUsd;
    const uri = await writeText('docs/cost.md', '');
    await openAt(uri, 0);
    await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'costly', width: 2048, height: 2048, seed: 31 });
    assert.ok(Math.abs(api.statusBar.costUsd - before - 0.06) < 1e-9, `cost went from ${before} to ${api.statusBar.costUsd}`);
    assert.strictEqual(api.statusBar.running, 0);
  });

  it('invalid input sends nothing: 003002006 for a bad aspect ratio', async () => {
    const uri = await writeText('docs/invalid.md', 'x');
    const editor = await openAt(uri, 0);
    await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'too wide', width: 1800, height: 500 });
    assert.strictEqual((await mockControl.counts()).creates, 0);
    assert.strictEqual(editor.document.getText(), 'x');
    assert.ok(api.logLines().some((line) => line.includes('003002006')));
  });

  after(async () => {
    // The key must be nowhere it could leak: log lines, pending state, settings.
    const key = mockEnv().apiKey;
    const logged = api.logLines().join('\n');
    assert.ok(!logged.includes(key), 'the key is in the log');
    assert.ok(!logged.includes('definitely-wrong-key'), 'a rejected key is in the log');
    assert.ok(!/Bearer\s+[^*\s]/.test(logged), 'a bearer credential is in the log');
    assert.ok(!JSON.stringify(api.pending.list()).includes(key));
    const settings = JSON.stringify(vscode.workspace.getConfiguration('sparkImage'));
    assert.ok(!settings.includes(key), 'the key is in the settings');
  });
});
