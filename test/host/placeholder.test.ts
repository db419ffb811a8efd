import * as assert from 'assert';
import * as vscode from 'vscode';
import { ghostLine } from '../../src/editor/links/placeholders';
import type { TestingApi } from '../../src/testingApi';
import { FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

/** The placeholder's ghost lines in a document, as the editor draws them (CodeLenses without a command). */
async function ghostLines(uri: vscode.Uri): Promise<Array<{ line: number; character: number; title: string }>> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((lens) => lens.command?.title.startsWith('⟳')).map((lens) => ({ line: lens.range.start.line, character: lens.range.start.character, title: lens.command?.title ?? '' }));
}

describe('the placeholder', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  before(() => {
    api = spark();
  });

  it('is a short ghost line where the link will go ("⟳ Spark Image 54%"): never the prompt, never in the text, never on the line', async () => {
    await mockControl.scenario({ next: [{ queuedMs: 0, durationMs: 4000 }] });
    const text = 'Intro line.\nA lighthouse in a storm, painted in oils with long brush strokes\nNext line.\n';
    const uri = await writeText('docs/placeholder.md', text);
    const start = text.indexOf('A lighthouse');
    const editor = await openAt(uri, start, text.indexOf('\nNext'));
    const running = vscode.commands.executeCommand('sparkImage.generateFromSelection');
    let seen: Array<{ line: number; character: number; title: string }> = [];
    await waitFor('a ghost line with a percentage', async () => {
      seen = await ghostLines(uri);
      return seen.some((ghost) => /\d/.test(ghost.title));
    }, 15_000);
    // One ghost line, between the selected line and the next: where the link's own paragraph goes.
    assert.strictEqual(seen.length, 1, JSON.stringify(seen));
    assert.deepStrictEqual({ line: seen[0].line, character: seen[0].character }, { line: 2, character: 0 });
    assert.match(seen[0].title, /^⟳ Spark Image \d{1,3}%$/, 'no stray space before %, nothing else');
    assert.ok(!seen[0].title.includes('lighthouse'), 'the prompt is not repeated');
    // Nothing drawn into the text: the document is as it was while the task runs.
    assert.strictEqual(editor.document.getText(), text);
    // The tracker holds the one placeholder, labelled alike (its percentage may have moved on since).
    assert.deepStrictEqual(api.placeholders().map((placeholder) => /^⟳ Spark Image \d{1,3}%$/.test(placeholder.label)), [true]);
    await running;
    assert.deepStrictEqual(await ghostLines(uri), [], 'the ghost line is gone once the link is in');
    assert.match(editor.document.getText(), /strokes\n\n!\[/);
  });

  it('during a regenerate, sits above the link it will replace instead of covering it; at the end of a last line, above it', async () => {
    const text = 'Before.\n\n![old](images/old.png)';
    const document = await vscode.workspace.openTextDocument(await writeText('docs/regenerate-placeholder.md', text));
    assert.strictEqual(ghostLine(document, text.indexOf('![')), 2);
    assert.strictEqual(ghostLine(document, 'Before.'.length), 1);
    assert.strictEqual(ghostLine(document, text.length), 2);
  });
});
