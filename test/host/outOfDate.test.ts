import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { answerEveryModal } from './standIn';
import { waitFor } from './waitFor';

interface OutOfDateSummary {
  planned: number;
  generated: number;
  failed: unknown[];
  estimatedCostUsd: number;
  confirmed: boolean;
  altTextsUpdated: number;
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

/** Lens titles, asked for until every lens has its title (under load the editor may answer before). */
async function titlesWhen(uri: vscode.Uri, what: string, ok: (titles: string[]) => boolean): Promise<string[]> {
  let seen: string[] = [];
  return waitFor(what, async () => {
    seen = (await lenses(uri)).map((lens) => lens.command?.title ?? '');
    return seen.every((title) => title !== '') && ok(seen) && seen;
  }).catch((error: Error) => assert.fail(`${error.message}; the lenses were ${JSON.stringify(seen)}`));
}

function outOfDateDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Spark Image' && (diagnostic.code === 'out-of-date' || diagnostic.code === 'alt-text'));
}

async function replaceText(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const text = editor.document.getText();
  const at = text.indexOf(from);
  assert.ok(at >= 0, `${from} is not in ${text}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const markdown = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
  // As read: appendText escapes markdown and keeps spaces with &nbsp;.
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}

describe('out-of-date images in the editor (against the mock)', function () {
  this.timeout(60_000);
  useSparkAgainstMock(FAST_TASK, { batchConcurrency: 3 });

  it('after the prompt is edited: an "Out of date: prompt" CodeLens, an Information diagnostic with a regenerate quick fix, old and new in the hover; Regenerate clears them', async () => {
    const uri = await writeText('fresh/single.md', '# Kite\n\n<!-- spark-image: A paper kite over a hill {seed=801} -->\n\nEnd.\n');
    const editor = await openAt(uri, 0);
    const filled = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
    assert.strictEqual(filled.generated, 1);
    await titlesWhen(uri, 'the lenses of an up-to-date image', (titles) => titles.some((title) => title.includes('Regenerate')));
    assert.ok(!(await lenses(uri)).some((lens) => lens.command?.title.includes('Out of date')), 'nothing is out of date before the edit');
    assert.deepStrictEqual(outOfDateDiagnostics(uri), []);

    await replaceText(editor, 'A paper kite over a hill', 'A paper dragon over a hill');
    const titles = await titlesWhen(uri, 'the Out of date lens', (found) => found.some((title) => title.includes('Out of date: prompt')));
    assert.ok(titles.some((title) => title.includes('Regenerate')), JSON.stringify(titles));
    const [diagnostic] = await waitFor('the out-of-date diagnostic', () => {
      const list = outOfDateDiagnostics(uri);
      return list.length > 0 && list;
    });
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(diagnostic.code, 'out-of-date');
    assert.match(diagnostic.message, /out of date \(prompt\)/);
    assert.strictEqual(editor.document.getText(diagnostic.range), '<!-- spark-image: A paper dragon over a hill {seed=801} -->');

    const hover = await hoverText(uri, editor.document.positionAt(editor.document.getText().indexOf('dragon')));
    assert.match(hover, /Out of date/);
    assert.match(hover, /A paper kite over a hill \(image\) → A paper dragon over a hill \(directive\)/);

    let actionTitles: string[] = [];
    const fix = await waitFor('the regenerate quick fix', async () => {
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
      actionTitles = actions.map((action) => action.title);
      return actions.find((action) => action.title === 'Regenerate the out-of-date image' && action.command);
    }).catch((error: Error) => assert.fail(`${error.message}: ${JSON.stringify(actionTitles)}`));
    assert.deepStrictEqual(fix.command?.arguments?.[1], 'generate');
    assert.strictEqual((await mockControl.counts()).creates, 1, 'lenses, diagnostics, hover and quick fixes send nothing');

    // Regenerate (the lens): the directive's settings as they are now, its pinned seed included.
    const regenerate = (await lenses(uri)).find((lens) => lens.command?.title.includes('Regenerate'))?.command;
    assert.ok(regenerate);
    await vscode.commands.executeCommand(regenerate.command, ...(regenerate.arguments ?? []));
    const tasks = await mockControl.tasks();
    assert.strictEqual(tasks.length, 2);
    assert.deepStrictEqual([tasks[1].prompt, tasks[1].seed], ['A paper dragon over a hill', 801]);
    assert.match(editor.document.getText(), /!\[A paper dragon over a hill\]\(images\/a-paper-dragon-over-a-hill-801\.png\)/);
    await titlesWhen(uri, 'the Out of date lens to clear', (found) => found.some((title) => title.includes('Regenerate')) && !found.some((title) => title.includes('Out of date')));
    await waitFor('the diagnostic to clear', () => outOfDateDiagnostics(uri).length === 0);
  });

  it('Regenerate All Out-of-Date Images in Document regenerates exactly the out-of-date ones, after the same question with the estimated cost; an alt change only rewrites the link', async () => {
    const original = [
      '# Batch',
      '',
      '<!-- spark-image: Stale prompt lamp {seed=811} -->',
      '',
      '<!-- spark-image: Fresh vase {seed=812} -->',
      '',
      '<!-- spark-image: Stale size drum {seed=813} -->',
      '',
      '<!-- spark-image: Fresh bell {seed=814} -->',
      '',
    ].join('\n');
    const uri = await writeText('fresh/batch.md', original);
    const editor = await openAt(uri, 0);
    const filled = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
    assert.strictEqual(filled.generated, 4);
    const vaseLink = /!\[Fresh vase\]\((images\/fresh-vase-812\.png)\)/.exec(editor.document.getText())?.[1];
    assert.ok(vaseLink, editor.document.getText());

    await replaceText(editor, 'Stale prompt lamp {seed=811}', 'Stale prompt lantern {seed=811}');
    await replaceText(editor, 'Stale size drum {seed=813}', 'Stale size drum {seed=813 aspect=16:9}');
    await replaceText(editor, 'Fresh vase {seed=812}', 'Fresh vase {seed=812 alt="A vase of fresh flowers"}');
    await titlesWhen(uri, 'two Out of date lenses and Update Alt Text', (titles) => titles.filter((title) => title.includes('Out of date')).length === 2 && titles.some((title) => title.includes('Update Alt Text')));
    const altDiagnostic = await waitFor('the alt text diagnostic', () => outOfDateDiagnostics(uri).find((diagnostic) => diagnostic.code === 'alt-text'));
    assert.match(altDiagnostic.message, /“Fresh vase”; the directive asks for “A vase of fresh flowers”/);

    // The same question as the missing-image batch: the list and the estimated cost. Declined: nothing sent.
    const questions = answerEveryModal('showInformationMessage', () => undefined);
    let declined: OutOfDateSummary;
    try {
      declined = (await vscode.commands.executeCommand('sparkImage.regenerateOutOfDateInDocument', { uri })) as OutOfDateSummary;
    } finally {
      questions.restore();
    }
    assert.strictEqual(questions.asked.length, 1, 'asked once');
    assert.strictEqual(questions.asked[0].text, 'Spark Image: Regenerate 2 out-of-date image(s) in fresh/batch.md? Cost: ≈ $0.06, estimated.');
    assert.deepStrictEqual(String(questions.asked[0].options.detail).split('\n'), ['• fresh/batch.md:3 Stale prompt lantern (prompt)', '• fresh/batch.md:11 Stale size drum (size)']);
    assert.deepStrictEqual([declined.confirmed, declined.planned, declined.generated], [false, 2, 0]);
    assert.strictEqual((await mockControl.counts()).creates, 4);
    assert.ok(editor.document.getText().includes(`![A vase of fresh flowers](${vaseLink})`), 'the alt text is updated even when the regeneration is declined: it costs nothing');

    const summary = (await vscode.commands.executeCommand('sparkImage.regenerateOutOfDateInDocument', { uri, confirm: false })) as OutOfDateSummary;
    assert.deepStrictEqual([summary.planned, summary.generated, summary.failed.length], [2, 2, 0]);
    const sent = (await mockControl.tasks()).slice(4).map((task) => [task.prompt, task.seed, task.width, task.height]);
    assert.deepStrictEqual(sent.sort(), [
      ['Stale prompt lantern', 811, 1328, 1328],
      ['Stale size drum', 813, 1664, 936],
    ]);
    const text = editor.document.getText();
    assert.match(text, /!\[Stale prompt lantern\]\(images\/stale-prompt-lantern-811\.png\)/);
    assert.match(text, /!\[Stale size drum\]\(images\/stale-size-drum-813-1\.png\)/, 'a new file: the old image is never overwritten');
    assert.ok(text.includes('![Fresh bell](images/fresh-bell-814.png)'), 'the up-to-date one is untouched');
    await titlesWhen(uri, 'no Out of date lens left', (titles) => titles.length > 0 && !titles.some((title) => title.includes('Out of date') || title.includes('Update Alt Text')));
    await waitFor('no out-of-date diagnostic left', () => outOfDateDiagnostics(uri).length === 0);

    const again = (await vscode.commands.executeCommand('sparkImage.regenerateOutOfDateInDocument', { uri, confirm: false })) as OutOfDateSummary;
    assert.strictEqual(again.planned, 0);
    assert.strictEqual((await mockControl.counts()).creates, 6, 'nothing more sent');
  });

  it('changing only alt is not out of date: Update Alt Text (lens) and the quick fix rewrite the link, nothing is generated', async () => {
    const uri = await writeText('fresh/alt.md', '# Alt\n\n<!-- spark-image: A copper teapot {seed=841} -->\n\n<!-- spark-image: A glass teacup {seed=842} -->\n\n<!-- spark-image: A tin kettle {seed=843 alt="Our kettle"} -->\n');
    const editor = await openAt(uri, 0);
    const filled = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
    assert.strictEqual(filled.generated, 3);
    assert.ok(editor.document.getText().includes('![Our kettle](images/a-tin-kettle-843.png)'), `a new link gets the directive's alt text: ${editor.document.getText()}`);
    await replaceText(editor, 'A copper teapot {seed=841}', 'A copper teapot {seed=841 alt="Our teapot"}');
    await replaceText(editor, 'A glass teacup {seed=842}', 'A glass teacup {seed=842 alt="Our teacup"}');
    const titles = await titlesWhen(uri, 'two Update Alt Text lenses', (found) => found.filter((title) => title.includes('Update Alt Text')).length === 2);
    assert.ok(!titles.some((title) => title.includes('Out of date')), `an alt change is not out of date: ${JSON.stringify(titles)}`);

    const update = (await lenses(uri)).find((lens) => lens.command?.title.includes('Update Alt Text'))?.command;
    assert.ok(update);
    assert.strictEqual(await vscode.commands.executeCommand(update.command, ...(update.arguments ?? [])), 1);
    assert.ok(editor.document.getText().includes('![Our teapot](images/a-copper-teapot-841.png)'), editor.document.getText());

    const diagnostic = await waitFor('the alt text diagnostic of the other link', () => outOfDateDiagnostics(uri).find((candidate) => candidate.code === 'alt-text' && candidate.message.includes('Our teacup')));
    let actionTitles: string[] = [];
    const fix = await waitFor('the alt text quick fix', async () => {
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
      actionTitles = actions.map((action) => action.title);
      return actions.find((action) => action.title === 'Update the alt text to “Our teacup”' && action.edit);
    }).catch((error: Error) => assert.fail(`${error.message}: ${JSON.stringify(actionTitles)}`));
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.ok(editor.document.getText().includes('![Our teacup](images/a-glass-teacup-842.png)'), editor.document.getText());
    await waitFor('no out-of-date diagnostic left', () => outOfDateDiagnostics(uri).length === 0);
    assert.strictEqual((await mockControl.counts()).creates, 3, 'nothing generated for alt texts');
  });

  it('Regenerate All Out-of-Date Images in Workspace regenerates the out-of-date ones of every file, saves the files it changed, and sends nothing for the others', async () => {
    const a = await writeText('fresh/ws/a.md', '# A\n\n<!-- spark-image: WS stale otter {seed=821} -->\n\n<!-- spark-image: WS fresh heron {seed=822} -->\n');
    const b = await writeText('fresh/ws/b.md', '# B\n\n<!-- spark-image: WS stale badger {seed=823} -->\n');
    for (const uri of [a, b]) {
      const filled = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { uri, confirm: false })) as { generated: number };
      assert.ok(filled.generated > 0);
      assert.ok(await (await vscode.workspace.openTextDocument(uri)).save());
    }
    // Edited and saved, then no editor left open on them.
    for (const [uri, from, to] of [
      [a, 'WS stale otter {seed=821}', 'WS stale otter {seed=831}'],
      [b, 'WS stale badger {seed=823}', 'WS stale badger {seed=823 size=1k-3:2}'],
    ] as const) {
      await replaceText(await openAt(uri, 0), from, to);
      assert.ok(await (await vscode.workspace.openTextDocument(uri)).save());
    }
    await closeAllEditors();
    const before = (await mockControl.tasks()).length;
    const summary = (await vscode.commands.executeCommand('sparkImage.regenerateOutOfDateInWorkspace', { confirm: false })) as OutOfDateSummary;
    assert.strictEqual(summary.generated, summary.planned, JSON.stringify(summary));
    const sent = (await mockControl.tasks()).slice(before).filter((task) => task.prompt.startsWith('WS ')).map((task) => [task.prompt, task.seed, task.width, task.height]);
    assert.deepStrictEqual(sent.sort(), [
      ['WS stale badger', 823, 1584, 1056],
      ['WS stale otter', 831, 1328, 1328],
    ]);
    const onDisk = async (uri: vscode.Uri) => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.match(await onDisk(a), /!\[WS stale otter\]\(images\/ws-stale-otter-831\.png\)/);
    assert.match(await onDisk(a), /!\[WS fresh heron\]\(images\/ws-fresh-heron-822\.png\)/);
    assert.match(await onDisk(b), /!\[WS stale badger\]\(images\/ws-stale-badger-823-1\.png\)/);
  });
});
