import * as assert from 'assert';
import * as vscode from 'vscode';
import { FAST_TASK, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

/** The hover's markdown as the editor gets it, and as read (appendText's escapes undone). */
async function hover(uri: vscode.Uri, position: vscode.Position): Promise<{ raw: string; text: string }> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const raw = hovers.flatMap((item) => item.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
  return { raw, text: raw.replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1') };
}

/** The command links of a hover: title, command and decoded arguments. */
function links(raw: string): Array<{ title: string; command: string; args: unknown[] }> {
  return [...raw.matchAll(/\[([^\]]+)\]\(command:([\w.]+)\?([^)]+)\)/g)].map((match) => ({ title: match[1], command: match[2], args: JSON.parse(decodeURIComponent(match[3])) as unknown[] }));
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return waitFor('the lenses with their titles', async () => {
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
    return lenses.length > 0 && lenses.every((lens) => lens.command?.title) && lenses;
  });
}

describe('the directive hover and its CodeLens agree', function () {
  this.timeout(30_000);
  useSparkAgainstMock(FAST_TASK);

  it('no image yet: the hover links Generate with its estimate, the same run the lens starts', async () => {
    const text = '<!-- spark-image: A copper kettle {seed=611} -->\n';
    const uri = await writeText('hover/new.md', text);
    await openAt(uri, 0);
    const { raw, text: shown } = await hover(uri, new vscode.Position(0, 20));
    assert.ok(!shown.includes('above the comment'), shown);
    const found = links(raw);
    assert.deepStrictEqual(found.map((link) => [link.title, link.command]), [['Generate (≈ $0.03, estimated)', 'sparkImage.directive.run']]);
    assert.deepStrictEqual(found[0].args[1], 'generate');
    const lens = (await lensesOf(uri)).find((candidate) => candidate.command?.title.includes('Generate'));
    assert.strictEqual(lens?.command?.title, '$(sparkle) Generate (≈ $0.03, estimated)');
    assert.deepStrictEqual(lens?.command?.arguments, found[0].args, 'the hover link runs what the lens runs');
  });

  it('invalid options: the lens and the hover both say "Fix the options first"; the hover lists the problem and its quick fixes, and offers no run', async () => {
    const text = '<!-- spark-image: A brass owl {size=3000x500} -->\n';
    const uri = await writeText('hover/invalid.md', text);
    await openAt(uri, 0);
    const lenses = await lensesOf(uri);
    assert.deepStrictEqual(lenses.map((lens) => lens.command?.title), ['$(error) Fix the options first']);
    const { raw, text: shown } = await hover(uri, new vscode.Position(0, 20));
    assert.match(shown, /\*\*Fix the options first\*\*/);
    assert.match(shown, /003002006/);
    const fixes = await waitFor('the quick fixes', async () => {
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, text.indexOf('size'), 0, text.indexOf('size') + 4))) ?? [];
      const titles = actions.filter((action) => action.kind?.value === 'quickfix').map((action) => action.title);
      return titles.length > 0 && titles;
    });
    for (const fix of fixes) {
      assert.ok(shown.includes(`Quick fix: ${fix}`), `the hover lists "${fix}":\n${shown}`);
    }
    assert.deepStrictEqual(links(raw), [], 'nothing to run until the options are fixed');
  });

  it('an image: Regenerate with its estimate; out of date, the change comes first and the thumbnail is smaller', async () => {
    const text = 'Top.\n\n<!-- spark-image: A tin robot {seed=612} -->\n\nEnd.\n';
    const uri = await writeText('hover/image.md', text);
    const editor = await openAt(uri, text.indexOf('tin'));
    await vscode.commands.executeCommand('sparkImage.generateFromComment');
    assert.match(editor.document.getText(), /a-tin-robot-612\.png/);
    const at = editor.document.positionAt(text.indexOf('robot'));
    const current = await hover(uri, at);
    assert.match(current.raw, /a-tin-robot-612\.png\|height=200\)/);
    assert.deepStrictEqual(links(current.raw).map((link) => [link.title, link.args[1]]), [['Regenerate (≈ $0.03, estimated)', 'regenerate']]);

    const edit = new vscode.WorkspaceEdit();
    const from = editor.document.getText().indexOf('tin robot');
    edit.replace(uri, new vscode.Range(editor.document.positionAt(from), editor.document.positionAt(from + 'tin'.length)), 'steel');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const stale = await waitFor('the out-of-date hover', async () => {
      const seen = await hover(uri, editor.document.positionAt(editor.document.getText().indexOf('robot')));
      return seen.text.includes('Out of date') && seen;
    });
    const change = stale.text.indexOf('Out of date');
    const thumbnail = stale.raw.indexOf('|height=');
    assert.ok(change >= 0 && thumbnail >= 0 && stale.text.indexOf('A tin robot (image) → A steel robot (directive)') > change, stale.text);
    assert.ok(stale.raw.indexOf('Out of date') < thumbnail, 'old → new comes before the thumbnail');
    assert.match(stale.raw, /\|height=96\)/, 'a smaller thumbnail');
    assert.deepStrictEqual(links(stale.raw).map((link) => [link.title, link.args[1]]), [['Regenerate (≈ $0.03, estimated)', 'generate']], "the directive's settings as they are now");
  });
});
