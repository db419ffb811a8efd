import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { assertImage, FAST_TASK, openAt, workspaceRoot, writeText, useSparkAgainstMock } from './sparkHarness';
import { answerNext } from './standIn';

/** The palette's prompt box, answered once with `prompt` (the stand-ins cover messages and picks, not input boxes). */
function answerPromptBox(prompt: string): { restore(): void } {
  const window = vscode.window as unknown as { showInputBox: (...args: unknown[]) => unknown };
  const real = window.showInputBox;
  window.showInputBox = () => {
    window.showInputBox = real;
    return Promise.resolve(prompt);
  };
  return { restore: () => (window.showInputBox = real) };
}

describe('validate once: a palette generation checks its request exactly once', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  before(() => {
    api = spark();
  });

  it('from the confirmed size to the placed link, checkRequest runs once (the input box as-you-type checks are not counted)', async () => {
    const uri = await writeText('docs/validate-once.md', '# Once\n\nHere: \n');
    const editor = await openAt(uri, '# Once\n\nHere: '.length);
    const promptBox = answerPromptBox('a fox counted once');
    const sizePick = answerNext('showQuickPick');
    try {
      const running = Promise.resolve(vscode.commands.executeCommand('sparkImage.generate')) as Promise<{ images: vscode.Uri[] } | undefined>;
      const offered = await sizePick.asked;
      const wide = (offered.items as Array<{ label: string; size?: { width: number; height: number } }>).find((item) => item.size?.width === 1664 && item.size.height === 936);
      assert.ok(wide, 'the 16:9 preset is offered');
      // Counting starts at the confirmed size.
      const checks = api.service.countRequestChecks();
      sizePick.answer(wide);
      const outcome = await running;
      assert.ok(outcome, 'the command returned no outcome');
      assert.strictEqual(checks.count, 1, 'one check from the confirmed size to the placed link');
      await assertImage(outcome.images[0], 1664, 936);
      assert.match(editor.document.getText(), /^# Once\n\nHere: !\[a fox counted once\]\(images\/a-fox-counted-once-\d+\.png\)\n$/);
      assert.ok(outcome.images[0].path.startsWith(vscode.Uri.joinPath(workspaceRoot(), 'docs/images').path));
    } finally {
      promptBox.restore();
      sizePick.restore();
    }
  });
});
