import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

const TEXT = ['# Two at once', '', '<!-- spark-image: a directive lighthouse {seed=11} -->', '', 'The palette link goes here:', '', 'End.', ''].join('\n');

/**
 * A directive and a palette generation finish at the same moment in one document: their links go
 * through the one LinkEditQueue, one after the other, and each lands where it belongs.
 */
describe('one link queue for every front end (against the mock)', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  before(() => {
    api = spark();
  });

  it('a directive and a palette generation landing in the same document at the same moment: both links where they belong', async () => {
    await mockControl.scenario({ default: { queuedMs: 0, never: true } });
    const uri = await writeText('queue/both.md', TEXT);
    const editor = await openAt(uri, TEXT.indexOf('The palette link goes here:') + 'The palette link goes here:'.length);
    const palette = Promise.resolve(vscode.commands.executeCommand('sparkImage.generate', { prompt: 'a palette kite', seed: 22 }));
    const directive = Promise.resolve(vscode.commands.executeCommand('sparkImage.generateAllInDocument', { uri, confirm: false }));
    const tasks = await waitFor('both tasks created', async () => {
      const all = await mockControl.tasks();
      return all.length === 2 && all;
    });
    // Both end now: their downloads and links race for the document.
    await Promise.all(tasks.map((task) => mockControl.finish(task.id)));
    await Promise.all([palette, directive]);

    const text = editor.document.getText();
    assert.strictEqual(
      text,
      [
        '# Two at once',
        '',
        '<!-- spark-image: a directive lighthouse {seed=11} -->',
        '',
        '![a directive lighthouse](images/a-directive-lighthouse-11.png)',
        '',
        'The palette link goes here:![a palette kite](images/a-palette-kite-22.png)',
        '',
        'End.',
        '',
      ].join('\n'),
    );
    // Both edits went through the one queue of this document, one after the other.
    // This document is this test's own: every edit of it in the (bounded) history is one of the two.
    const edits = api.linkEdits().filter((edit) => edit.document === uri.toString());
    assert.strictEqual(edits.length, 2, JSON.stringify(edits));
    assert.ok(edits.every((edit) => edit.applied));
    assert.ok(edits[0].endedAt <= edits[1].startedAt, `the second edit started before the first ended: ${JSON.stringify(edits)}`);
  });
});
