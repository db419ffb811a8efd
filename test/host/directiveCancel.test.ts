import * as assert from 'assert';
import * as vscode from 'vscode';
import { directivesOf, refOf } from '../../src/directives/model';
import { FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { answerNext } from './standIn';
import { waitFor } from './waitFor';

describe('cancelling a directive run tells the truth about the kept task', function () {
  this.timeout(30_000);
  useSparkAgainstMock(FAST_TASK);

  it('"Stopped watching. The task may still finish and be billed", its task id and Resume, which fetches the same task (no second create)', async () => {
    await mockControl.scenario({ next: [{ never: true }] });
    const text = 'Top.\n\n<!-- spark-image: A glass lantern {seed=733} -->\n\nEnd.\n';
    const uri = await writeText('cancel/directive.md', text);
    const editor = await openAt(uri, text.indexOf('glass'));
    const ref = refOf(editor.document, directivesOf(editor.document)[0]);
    const running = vscode.commands.executeCommand('sparkImage.directive.run', ref, 'generate');
    await waitFor('the task to be polled', async () => (await mockControl.counts()).polls > 0, 10_000);
    const [task] = await mockControl.tasks();

    const told = answerNext('showWarningMessage');
    assert.strictEqual(await vscode.commands.executeCommand('sparkImage.directive.cancel', ref), true);
    await running;
    const asked = await told.asked;
    assert.strictEqual(asked.text, `Spark Image: Stopped watching. The task may still finish and be billed. Task id: ${task.id}`);
    assert.deepStrictEqual(asked.items, ['Resume', 'Show Log']);
    assert.ok(!editor.document.getText().includes('!['), 'no link before the task is fetched');

    await mockControl.finish(task.id);
    told.answer('Resume');
    await waitFor('the link of the resumed task', () => /!\[A glass lantern\]\(images\/a-glass-lantern-733\.png\)/.test(editor.document.getText()), 15_000);
    assert.strictEqual((await mockControl.counts()).creates, 1, 'Resume created nothing new');
  });
});
