import * as assert from 'assert';
import * as vscode from 'vscode';
import { FAST_TASK, mockControl, openAt, useSparkAgainstMock, workspaceRoot, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

/** House styles from spark-image.json in the editor (issue 22): each test has a folder of its own, so the nearest file is its own. */

const BRAND = 'flat vector illustration of {prompt}, teal and coral palette';

function configText(template: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ styles: { brand: { prompt: template } }, defaults: { style: 'brand' }, ...extra }, null, 2);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'Spark Image');
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '');
}

async function titlesWhen(uri: vscode.Uri, what: string, ok: (titles: string[]) => boolean): Promise<string[]> {
  let seen: string[] = [];
  return waitFor(what, async () => {
    seen = await lensTitles(uri);
    return seen.length > 0 && seen.every((title) => title !== '') && ok(seen) && seen;
  }).catch((error: Error) => assert.fail(`${error.message}; the lenses were ${JSON.stringify(seen)}`));
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const markdown = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
  return markdown.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}

describe('house styles from spark-image.json in the editor (against the mock)', function () {
  this.timeout(60_000);
  useSparkAgainstMock(FAST_TASK, { batchConcurrency: 3 });
  const folders = ['styled', 'restyled', 'unstyled'];

  after(async () => {
    for (const folder of folders) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), folder), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });

  it('a style from spark-image.json reaches the mock in the prompt: style=NAME, the default style, style=none opting out; the images are up to date', async () => {
    await writeText('styled/spark-image.json', configText(BRAND));
    const uri = await writeText(
      'styled/page.md',
      ['# Styled', '', '<!-- spark-image: A lighthouse {seed=901} -->', '', '<!-- spark-image: A harbor {style=brand seed=902} -->', '', '<!-- spark-image: A plain cup {style=none seed=903} -->', ''].join('\n'),
    );
    await openAt(uri, 0);
    const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
    assert.strictEqual(summary.generated, 3);
    const sent = (await mockControl.tasks()).map((task) => [task.prompt, task.seed]).sort((a, b) => Number(a[1]) - Number(b[1]));
    assert.deepStrictEqual(sent, [
      ['flat vector illustration of A lighthouse, teal and coral palette', 901],
      ['flat vector illustration of A harbor, teal and coral palette', 902],
      ['A plain cup', 903],
    ]);
    // The provenance records the user's text and the style: nothing is out of date just because a template was applied.
    const titles = await titlesWhen(uri, 'three Regenerate lenses', (found) => found.filter((title) => title.includes('Regenerate')).length >= 3);
    assert.ok(!titles.some((title) => title.includes('Out of date')), JSON.stringify(titles));
    assert.deepStrictEqual(ours(uri), []);
  });

  it("editing the style's template marks the image out of date with the reason (lens, diagnostic, hover); nothing is sent", async () => {
    const config = await writeText('restyled/spark-image.json', configText(BRAND));
    const uri = await writeText('restyled/page.md', '# Restyled\n\n<!-- spark-image: A windmill {seed=911} -->\n');
    const editor = await openAt(uri, 0);
    const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
    assert.strictEqual(summary.generated, 1);
    assert.deepStrictEqual((await mockControl.tasks()).map((task) => task.prompt), ['flat vector illustration of A windmill, teal and coral palette']);
    await titlesWhen(uri, 'an up-to-date image', (titles) => titles.some((title) => title.includes('Regenerate')) && !titles.some((title) => title.includes('Out of date')));

    await vscode.workspace.fs.writeFile(config, Buffer.from(configText('watercolor sketch of {prompt}'), 'utf8'));
    await titlesWhen(uri, 'the Out of date lens', (titles) => titles.some((title) => title.includes('Out of date: style brand changed')));
    const diagnostic = await waitFor('the out-of-date diagnostic', () => ours(uri).find((candidate) => candidate.code === 'out-of-date'));
    assert.match(diagnostic.message, /style brand changed/);
    const hover = await hoverText(uri, editor.document.positionAt(editor.document.getText().indexOf('windmill')));
    assert.match(hover, /Style brand: flat vector illustration of \{prompt\}, teal and coral palette \(image\) → watercolor sketch of \{prompt\} \(directive\)/);
    assert.strictEqual((await mockControl.counts()).creates, 1, 'a changed style is only reported');
  });

  it('an unknown style and a malformed spark-image.json show diagnostics (on the directive, and on the file with its line and column), and nothing is sent', async () => {
    await writeText('unstyled/known/spark-image.json', configText(BRAND, { defaults: {} }));
    const unknown = await writeText('unstyled/known/page.md', '# Unknown\n\n<!-- spark-image: A bridge {style=gothic seed=921} -->\n');
    await openAt(unknown, 0);
    const unknownDiagnostic = await waitFor('the unknown style diagnostic', () => ours(unknown).find((candidate) => /Unknown style gothic/.test(candidate.message)));
    assert.strictEqual(unknownDiagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.match(unknownDiagnostic.message, /defines brand/);

    const malformed = await writeText('unstyled/broken/spark-image.json', '{\n  // a comment\n  "styles": {}\n}\n');
    const broken = await writeText('unstyled/broken/page.md', '# Broken\n\n<!-- spark-image: A tower {style=brand seed=922} -->\n\n<!-- spark-image: A plain tower {seed=923} -->\n');
    const editor = await openAt(broken, 0);
    const onFile = await waitFor('the diagnostic on spark-image.json', () => ours(malformed).find((candidate) => candidate.severity === vscode.DiagnosticSeverity.Error));
    assert.match(onFile.message, /comments are not allowed/);
    assert.deepStrictEqual([onFile.range.start.line, onFile.range.start.character], [1, 2], 'line 2, column 3, as the reader counts');
    const onDirective = await waitFor('the diagnostic on the styled directive', () => ours(broken).find((candidate) => /The style brand cannot be used/.test(candidate.message)));
    assert.strictEqual(editor.document.getText(onDirective.range), 'style=brand');

    for (const uri of [unknown, broken]) {
      await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { uri, confirm: false });
    }
    // Only the directive without a style was sent: a malformed file breaks nothing else.
    assert.deepStrictEqual((await mockControl.tasks()).map((task) => task.prompt), ['A plain tower']);
  });
});
