import * as assert from 'assert';
import * as vscode from 'vscode';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { FAST_TASK, mockControl, openAt, workspaceRoot, writeText, useSparkAgainstMock } from './sparkHarness';
import { waitFor } from './waitFor';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '');
}

/** The command of the `index`-th lens whose title contains `titlePart`, asked for until the editor has it. */
async function lensCommand(uri: vscode.Uri, titlePart: string, index = 0): Promise<vscode.Command> {
  let seen: string[] = [];
  return waitFor(`the "${titlePart}" lens #${index}`, async () => {
    seen = await lensTitles(uri);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
    return lenses.filter((lens) => lens.command?.title.includes(titlePart))[index]?.command;
  }).catch((error: Error) => {
    throw new Error(`${error.message}; the lenses were ${JSON.stringify(seen)}`);
  });
}

/** The text without the image links below directives: what must stay untouched. */
function withoutLinks(text: string): string {
  return text.replace(/!\[[^\]]*\]\([^)]*\)/g, '<link>');
}

const THREE = [
  '# Directives',
  '',
  'Intro paragraph.',
  '',
  '<!-- spark-image: A lighthouse at dawn',
  '     over a calm sea {size=1664x936 seed=101} -->',
  '',
  'Middle paragraph.',
  '',
  '<!-- spark-image: A wide banner {size=3000x500} -->',
  '',
  '<!-- spark-image: A small robot {aspect=4:3 seed=102} -->',
  '',
  'Closing paragraph.',
  '',
].join('\n');

describe('illustrations as code: directives in the editor (against the mock)', function () {
  this.timeout(40_000);
  useSparkAgainstMock(FAST_TASK, { batchConcurrency: 3 });

  it('a document with several directives, one invalid, gets its CodeLenses and a diagnostic with the seed code', async () => {
    const uri = await writeText('directives/lenses.md', THREE);
    await openAt(uri, 0);
    const lensTitlesFound = await waitFor('three directives with lenses', async () => {
      const found = await lensTitles(uri);
      // Under load the editor can answer with lenses whose commands it has already let go of
      // (no title): ask again until every lens has its title.
      return found.length >= 3 && found.every((title) => title !== '') && found;
    });
    assert.strictEqual(lensTitlesFound.filter((title) => title.includes('Generate')).length, 2, JSON.stringify(lensTitlesFound));
    assert.ok(lensTitlesFound.includes('$(error) Fix the options first'), JSON.stringify(lensTitlesFound));
    const diagnostics = await waitFor('the diagnostic', () => {
      const list = vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Spark Image');
      return list.length > 0 && list;
    });
    assert.strictEqual(diagnostics.length, 1);
    assert.strictEqual(diagnostics[0].code, '003002006');
    assert.strictEqual(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(document.getText(diagnostics[0].range), 'size=3000x500');

    // The quick fix snaps to the nearest recommended size, and the problem goes away.
    // The editor hands diagnostics to code action providers once its markers caught up: ask until then.
    let titles: string[] = [];
    const snap = await waitFor('the snap-to-size quick fix', async () => {
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostics[0].range)) ?? [];
      titles = actions.map((action) => action.title);
      return actions.find((action) => action.title.includes('2016×864') && action.edit);
    }).catch((error: Error) => assert.fail(`${error.message}: ${JSON.stringify(titles)}`));
    assert.ok(snap.edit);
    await vscode.workspace.applyEdit(snap.edit);
    assert.match(document.getText(), /\{size=2016x864\}/);
    await waitFor('the diagnostic to clear', () => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Spark Image').length === 0);
    assert.strictEqual((await mockControl.counts()).creates, 0, 'nothing is sent for lenses or diagnostics');
  });

  it('Generate All Missing Images in Document fills the valid ones, reports the invalid one, and leaves the text around alone', async () => {
    const uri = await writeText('directives/batch.md', THREE);
    const editor = await openAt(uri, 0);
    const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as {
      planned: number;
      generated: number;
      failed: unknown[];
      invalid: Array<{ line: number; code?: string }>;
      estimatedCostUsd: number;
    };
    assert.strictEqual(summary.planned, 2);
    assert.strictEqual(summary.generated, 2);
    assert.deepStrictEqual(summary.failed, []);
    assert.deepStrictEqual(summary.invalid.map((item) => [item.line, item.code]), [[10, '003002006']]);
    assert.ok(Math.abs(summary.estimatedCostUsd - 0.06) < 1e-9);
    const text = editor.document.getText();
    assert.strictEqual(
      text,
      THREE.replace('seed=101} -->\n', 'seed=101} -->\n\n![A lighthouse at dawn over a calm sea](images/a-lighthouse-at-dawn-over-a-calm-sea-101.png)\n').replace(
        'seed=102} -->\n',
        'seed=102} -->\n\n![A small robot](images/a-small-robot-102.png)\n',
      ),
    );
    const tasks = await mockControl.tasks();
    assert.deepStrictEqual(tasks.map((task) => [task.seed, task.width, task.height]).sort(), [
      [101, 1664, 936],
      [102, 1472, 1104],
    ]);
    // Provenance travels inside the PNG.
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), 'directives/images/a-small-robot-102.png'));
    const provenance = readEmbeddedProvenance(bytes);
    assert.strictEqual(provenance?.seed, 102);
    assert.strictEqual(provenance?.prompt, 'A small robot');
    assert.strictEqual(provenance?.costUsd, 0.03);

    // Run again: nothing is missing, nothing is sent.
    const again = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { planned: number };
    assert.strictEqual(again.planned, 0);
    assert.strictEqual((await mockControl.counts()).creates, 2);
  });

  it('Regenerate replaces the link below its directive with a new seed; Same Seed sends the recorded seed', async () => {
    const original = '# Keep\n\n<!-- spark-image: A paper boat {seed=201} -->\n\nBetween.\n\n<!-- spark-image: A kite {seed=202} -->\n\nEnd.\n';
    const uri = await writeText('directives/regen.md', original);
    const editor = await openAt(uri, 0);
    const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
    assert.strictEqual(summary.generated, 2, JSON.stringify(summary));
    const filled = editor.document.getText();
    assert.match(filled, /<!-- spark-image: A kite \{seed=202\} -->\n\n!\[A kite\]\(images\/a-kite-202\.png\)\n/);
    const titles = await waitFor('Regenerate lenses', async () => {
      const found = await lensTitles(uri);
      return found.filter((title) => title.includes('Regenerate')).length === 2 && found.every((title) => title !== '') && found;
    });
    assert.ok(titles.some((title) => title.includes('$0.03 ') && title.includes('202')), JSON.stringify(titles));

    // Regenerate the second directive: only its link changes.
    const regenerate = await lensCommand(uri, 'Regenerate', 1);
    await vscode.commands.executeCommand(regenerate.command, ...(regenerate.arguments ?? []));
    const regenerated = editor.document.getText();
    const newSeed = /!\[A kite\]\(images\/a-kite-(\d+)\.png\)/.exec(regenerated)?.[1];
    assert.ok(newSeed && newSeed !== '202', regenerated);
    assert.strictEqual(withoutLinks(regenerated), withoutLinks(filled));
    assert.ok(regenerated.includes('![A paper boat](images/a-paper-boat-201.png)'), 'the other link is untouched');
    assert.strictEqual((regenerated.match(/A kite\]/g) ?? []).length, 1, 'replaced, not added');

    // Same Seed after changing the size: the recorded seed, the size picked (here passed as a script would).
    const edit = new vscode.WorkspaceEdit();
    const at = regenerated.indexOf('{seed=202}');
    edit.replace(uri, new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + '{seed=202}'.length)), '{size=1k-16:9}');
    await vscode.workspace.applyEdit(edit);
    const sameSeed = await waitFor('a Same Seed lens', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
      return lenses.filter((lens) => lens.command?.title.includes('Same Seed'))[1]?.command;
    });
    const before = (await mockControl.tasks()).length;
    await vscode.commands.executeCommand(sameSeed.command, ...(sameSeed.arguments ?? []), { width: 1664, height: 936 });
    const tasks = await mockControl.tasks();
    assert.strictEqual(tasks.length, before + 1);
    const last = tasks[tasks.length - 1];
    assert.deepStrictEqual([last.prompt, last.seed, last.width, last.height], ['A kite', Number(newSeed), 1664, 936]);
    assert.match(editor.document.getText(), new RegExp(`!\\[A kite\\]\\(images/a-kite-${newSeed}-1\\.png\\)`));
  });

  it('hover shows the image and its provenance; Generate Image from Comment works at the cursor', async () => {
    const text = 'Top.\n\n<!-- spark-image: A green teapot {seed=301} -->\n\nBottom.\n';
    const uri = await writeText('directives/hover.md', text);
    const editor = await openAt(uri, text.indexOf('green'));
    await vscode.commands.executeCommand('sparkImage.generateFromComment');
    assert.strictEqual(editor.document.getText(), 'Top.\n\n<!-- spark-image: A green teapot {seed=301} -->\n\n![A green teapot](images/a-green-teapot-301.png)\n\nBottom.\n');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(text.indexOf('teapot')))) ?? [];
    const contents = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    // The preview is drawn 200 px high, whatever the image's own size (1328 here).
    assert.match(contents, /\(file:[^)]*a-green-teapot-301\.png\|height=200\)/);
    assert.match(contents, /301/);
    assert.match(contents, /\$0\.03(?!\d)/);
  });
});
