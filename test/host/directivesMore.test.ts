import * as assert from 'assert';
import * as vscode from 'vscode';
import { assertImage, exists, FAST_TASK, mockControl, quietPeriod, openAt, workspaceRoot, writeText, useSparkAgainstMock } from './sparkHarness';
import { answerEveryModal, answerNext, takeNextProgress } from './standIn';
import { waitFor } from './waitFor';

/** What the batch commands return (the fields these tests read). */
interface Summary {
  planned: number;
  generated: number;
  failed: Array<{ file: string; line: number; message: string }>;
  invalid: Array<{ file: string; line: number; code?: string }>;
  cancelled: number;
  estimatedCostUsd: number;
  confirmed: boolean;
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

function titles(list: readonly vscode.CodeLens[]): string[] {
  return list.map((lens) => lens.command?.title ?? '');
}

async function diskText(relative: string): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), relative))).toString('utf8');
}

function at(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), relative);
}

/** A real 1×1 PNG with no provenance in it: an image nobody generated. */
const PLAIN_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const WS_A = ['# A', '', '<!-- spark-image: WS alpha comet {size=1664x936 seed=501} -->', '', 'Between.', '', '<!-- spark-image: WS beta canyon {aspect=4:3 seed=502} -->', '', 'End of A.', ''].join('\n');
const WS_B = [
  '# B',
  '',
  '<!-- spark-image: WS gamma harbor {aspect=4:3 seed=503} -->',
  '',
  '<!-- spark-image: WS wide invalid banner {size=3000x500} -->',
  '',
  '<!-- spark-image: WS delta existing {aspect=4:3 seed=504} -->',
  '',
  '![WS delta existing](images/ws-existing.png)',
  '',
  'End of B.',
  '',
].join('\n');

describe('illustrations as code: workspace batch, clean up, cancel, confirmation (against the mock)', function () {
  this.timeout(60_000);
  useSparkAgainstMock(FAST_TASK, { batchConcurrency: 3 });

  it('Generate All Missing Images in Workspace fills every valid directive without an image in every file, skips and reports the invalid one, sends nothing for those with an image', async () => {
    await vscode.workspace.fs.writeFile(at('more/ws/images/ws-existing.png'), PLAIN_PNG);
    await writeText('more/ws/a.md', WS_A);
    await writeText('more/ws/b.md', WS_B);

    const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInWorkspace', { confirm: false })) as Summary;
    assert.ok(summary, 'the command returns its summary');
    assert.deepStrictEqual(summary.failed, []);
    assert.strictEqual(summary.cancelled, 0);
    // Other suites may leave Markdown files in the workspace: what was planned was generated, one create each.
    assert.strictEqual(summary.generated, summary.planned, JSON.stringify(summary));
    const counts = await mockControl.counts();
    assert.strictEqual(counts.creates, summary.planned, 'one create per planned directive, none for the rest');
    assert.ok(
      summary.invalid.some((item) => item.file === 'more/ws/b.md' && item.line === 5 && item.code === '003002006'),
      `the invalid directive is reported: ${JSON.stringify(summary.invalid)}`,
    );

    const tasks = await mockControl.tasks();
    const prompts = tasks.map((task) => task.prompt);
    for (const prompt of ['WS alpha comet', 'WS beta canyon', 'WS gamma harbor']) {
      assert.strictEqual(prompts.filter((sent) => sent === prompt).length, 1, `${prompt} sent once: ${JSON.stringify(prompts)}`);
    }
    assert.ok(!prompts.some((sent) => sent.includes('WS delta') || sent.includes('WS wide')), `nothing sent for the directive with an image or the invalid one: ${JSON.stringify(prompts)}`);

    // The files were never opened by the user and had no unsaved changes: the links are saved to disk.
    assert.strictEqual(
      await diskText('more/ws/a.md'),
      WS_A.replace('seed=501} -->\n', 'seed=501} -->\n\n![WS alpha comet](images/ws-alpha-comet-501.png)\n').replace(
        'seed=502} -->\n',
        'seed=502} -->\n\n![WS beta canyon](images/ws-beta-canyon-502.png)\n',
      ),
    );
    assert.strictEqual(await diskText('more/ws/b.md'), WS_B.replace('seed=503} -->\n', 'seed=503} -->\n\n![WS gamma harbor](images/ws-gamma-harbor-503.png)\n'));
    for (const [name, prompt] of [
      ['ws-alpha-comet-501.png', 'WS alpha comet'],
      ['ws-beta-canyon-502.png', 'WS beta canyon'],
      ['ws-gamma-harbor-503.png', 'WS gamma harbor'],
    ]) {
      const task = tasks.find((candidate) => candidate.prompt === prompt);
      assert.ok(task);
      await assertImage(at(`more/ws/images/${name}`), task.width, task.height);
    }
    assert.deepStrictEqual(
      tasks.filter((task) => task.prompt.startsWith('WS ')).map((task) => [task.prompt, task.seed, task.width, task.height]).sort(),
      [
        ['WS alpha comet', 501, 1664, 936],
        ['WS beta canyon', 502, 1472, 1104],
        ['WS gamma harbor', 503, 1472, 1104],
      ],
    );

    // Idempotent: a second run finds nothing missing in these files, sends nothing for them and leaves them as they are.
    // (Only these files: documents other suites left behind are not this test's business.)
    const filledA = await diskText('more/ws/a.md');
    const filledB = await diskText('more/ws/b.md');
    const again = (await vscode.commands.executeCommand('sparkImage.generateAllInWorkspace', { confirm: false })) as Summary;
    assert.strictEqual(again.generated, again.planned, JSON.stringify(again));
    assert.strictEqual((await mockControl.counts()).creates, counts.creates + again.planned);
    assert.strictEqual((await mockControl.tasks()).filter((task) => task.prompt.startsWith('WS ')).length, 3, 'nothing more sent for these files');
    assert.strictEqual(await diskText('more/ws/a.md'), filledA);
    assert.strictEqual(await diskText('more/ws/b.md'), filledB);
  });

  it('Clean Up Unused Generated Images deletes exactly the unlinked generated image, keeps the linked one and never offers an image without provenance', async () => {
    const text = '# Clean\n\n<!-- spark-image: Clean keep lamp {aspect=4:3 seed=601} -->\n\nMiddle.\n\n<!-- spark-image: Clean drop vase {aspect=4:3 seed=602} -->\n\nEnd.\n';
    const uri = await writeText('more/clean/page.md', text);
    const plain = at('more/clean/images/plain-photo.png');
    await vscode.workspace.fs.writeFile(plain, PLAIN_PNG);
    const editor = await openAt(uri, 0);
    const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as Summary;
    assert.strictEqual(summary.generated, 2, JSON.stringify(summary));
    const keep = at('more/clean/images/clean-keep-lamp-601.png');
    const drop = at('more/clean/images/clean-drop-vase-602.png');
    assert.ok((await exists(keep)) && (await exists(drop)), 'both images were generated');

    // Remove the second link from the document and save it.
    const document = editor.document;
    const link = '![Clean drop vase](images/clean-drop-vase-602.png)\n\n';
    const start = document.getText().indexOf(link);
    assert.ok(start >= 0, document.getText());
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(document.positionAt(start), document.positionAt(start + link.length)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    assert.ok(!(await diskText('more/clean/page.md')).includes('clean-drop-vase'));

    // Select every one of these, as a user ticking them all in the quick pick would.
    const deleted = (await vscode.commands.executeCommand('sparkImage.cleanUpUnused', {
      select: ['more/clean/images/clean-drop-vase-602.png', 'more/clean/images/clean-keep-lamp-601.png', 'more/clean/images/plain-photo.png'],
    })) as vscode.Uri[];
    assert.deepStrictEqual(
      deleted.map((item) => vscode.workspace.asRelativePath(item)),
      ['more/clean/images/clean-drop-vase-602.png'],
    );
    assert.ok(!(await exists(drop)), 'the unlinked generated image is gone from its path');
    assert.ok(await exists(keep), 'the linked generated image stays');
    assert.ok(await exists(plain), 'an image without provenance is never deleted');

    // Nothing of these is a candidate any more: asking again deletes nothing.
    const second = (await vscode.commands.executeCommand('sparkImage.cleanUpUnused', { select: ['more/clean/images/clean-keep-lamp-601.png', 'more/clean/images/plain-photo.png'] })) as vscode.Uri[];
    assert.deepStrictEqual(second, []);
    assert.ok((await exists(keep)) && (await exists(plain)));
  });

  it('the CodeLens Cancel stops a running directive: no more requests, no link, the lens goes back to Generate', async () => {
    await mockControl.scenario({ default: FAST_TASK, next: [{ never: true }] });
    const text = 'Top.\n\n<!-- spark-image: Cancel me comet {aspect=4:3 seed=701} -->\n\nBottom.\n';
    const uri = await writeText('more/cancel.md', text);
    const editor = await openAt(uri, 0);
    const generate = await waitFor('a Generate lens', async () => (await lenses(uri)).find((lens) => lens.command?.title.includes('Generate'))?.command);
    let ended: { value: unknown } | undefined;
    const running = Promise.resolve(vscode.commands.executeCommand(generate.command, ...(generate.arguments ?? []))).then((value) => (ended = { value }));

    const cancel = await waitFor(
      'a Cancel lens while it runs',
      async () => {
        const list = await lenses(uri);
        return titles(list).some((title) => title.includes('Generating')) && list.find((lens) => lens.command?.title === 'Cancel')?.command;
      },
      15_000,
    );
    await waitFor('the task to be created and polled', async () => {
      const counts = await mockControl.counts();
      return counts.creates === 1 && counts.polls > 0;
    });
    assert.strictEqual(await vscode.commands.executeCommand(cancel.command, ...(cancel.arguments ?? [])), true, 'the cancel command found the running directive');
    const outcome = await waitFor('the run to end after the cancel', () => ended, 10_000);
    assert.strictEqual(outcome.value, undefined, 'the run ends without an outcome');
    await running;

    const afterCancel = await mockControl.counts();
    await quietPeriod();
    const later = await mockControl.counts();
    assert.deepStrictEqual([later.creates, later.polls, later.downloads], [afterCancel.creates, afterCancel.polls, afterCancel.downloads], 'no request after the cancel');
    assert.strictEqual(later.creates, 1);
    assert.strictEqual(editor.document.getText(), text, 'no link inserted');
    const back = await waitFor('the lenses back to Generate', async () => {
      const found = titles(await lenses(uri));
      return found.some((title) => title.includes('Generate')) && !found.some((title) => title === 'Cancel' || title.includes('Generating')) && found;
    });
    // One Generate lens again (beside Try Variations…, which every valid directive offers).
    assert.strictEqual(back.filter((title) => !title.includes('Try Variations')).length, 1, JSON.stringify(back));
    assert.ok(!(await exists(at('more/images/cancel-me-comet-701.png'))));
  });

  it('a batch asks once, with the count and estimated cost; declining sends nothing, accepting generates them all', async () => {
    const text = [
      '<!-- spark-image: Confirm one {size=1664x936 seed=801} -->',
      '',
      '<!-- spark-image: Confirm two {aspect=4:3 seed=802} -->',
      '',
      '<!-- spark-image: Confirm big {aspect=1:1 quality=2k seed=803} -->',
      '',
      '<!-- spark-image: Confirm broken {size=3000x500} -->',
      '',
    ].join('\n');
    const uri = await writeText('more/confirm.md', text);
    await openAt(uri, 0);

    let accept = false;
    const questions = answerEveryModal('showInformationMessage', (question) => (accept ? (question.items[0] as string) : undefined));
    const asked = questions.asked;
    try {
      const declined = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { uri })) as Summary;
      assert.strictEqual(asked.length, 1, 'asked once');
      assert.strictEqual(asked[0].text, 'Spark Image: Generate 3 missing image(s) in more/confirm.md? Cost: ≈ $0.12, estimated.');
      assert.deepStrictEqual(String(asked[0].options.detail).split('\n'), [
        '• more/confirm.md:1 Confirm one',
        '• more/confirm.md:3 Confirm two',
        '• more/confirm.md:5 Confirm big',
        '',
        '1 directive(s) with problems will be skipped.',
      ]);
      assert.strictEqual(declined.confirmed, false);
      assert.strictEqual(declined.planned, 3);
      assert.ok(Math.abs(declined.estimatedCostUsd - 0.12) < 1e-9, String(declined.estimatedCostUsd));
      assert.strictEqual((await mockControl.counts()).creates, 0, 'declining sends nothing');
      assert.strictEqual((await vscode.workspace.openTextDocument(uri)).getText(), text);

      accept = true;
      const accepted = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { uri })) as Summary;
      assert.strictEqual(asked.length, 2, 'asked once for the second batch too, not once per image');
      assert.strictEqual(accepted.confirmed, true);
      assert.strictEqual(accepted.generated, 3, JSON.stringify(accepted));
      assert.strictEqual((await mockControl.counts()).creates, 3);
      const sizes = (await mockControl.tasks()).map((task) => [task.prompt, task.width * task.height > 1328 * 1328]).sort();
      assert.deepStrictEqual(sizes, [
        ['Confirm big', true],
        ['Confirm one', false],
        ['Confirm two', false],
      ]);
    } finally {
      questions.restore();
    }
  });

  it('Clean Up, interactively: the pick offers only the unlinked generated image; with no trash it asks before deleting for good, and No keeps the file', async () => {
    const text = '# Pick\n\n<!-- spark-image: Pick keep kite {aspect=4:3 seed=611} -->\n\n<!-- spark-image: Pick drop drum {aspect=4:3 seed=612} -->\n\nEnd.\n';
    const uri = await writeText('more/pick/page.md', text);
    await vscode.workspace.fs.writeFile(at('more/pick/images/plain-photo.png'), PLAIN_PNG);
    const editor = await openAt(uri, 0);
    const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as Summary;
    assert.strictEqual(summary.generated, 2, JSON.stringify(summary));
    const link = '![Pick drop drum](images/pick-drop-drum-612.png)\n\n';
    const start = editor.document.getText().indexOf(link);
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + link.length)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await editor.document.save());
    const drop = at('more/pick/images/pick-drop-drum-612.png');

    /** Runs Clean Up with no arguments, ticks every image it offers, and answers the trash question (if asked) with `confirm`. */
    const cleanUp = async (confirm: string | undefined) => {
      const pick = answerNext('showQuickPick');
      const question = answerNext('showWarningMessage');
      try {
        const running = Promise.resolve(vscode.commands.executeCommand('sparkImage.cleanUpUnused')) as Promise<vscode.Uri[]>;
        const offered = await pick.asked;
        assert.strictEqual(offered.options.canPickMany, true);
        const offeredPaths = (offered.items as Array<{ description: string }>).map((item) => item.description).filter((path) => path.startsWith('more/pick/'));
        assert.deepStrictEqual(offeredPaths, ['more/pick/images/pick-drop-drum-612.png'], 'only the unlinked generated image is offered');
        pick.answer((offered.items as Array<{ description: string }>).filter((item) => item.description.startsWith('more/pick/')));
        const first = await Promise.race([question.asked.then((asked) => ({ asked })), running.then((deleted) => ({ deleted }))]);
        if ('deleted' in first) {
          // A file system with a trash (desktop VS Code): moved there, no question.
          return { asked: undefined, deleted: first.deleted };
        }
        question.answer(confirm);
        return { asked: first.asked, deleted: await running };
      } finally {
        pick.restore();
        question.restore();
      }
    };

    const declined = await cleanUp(undefined);
    if (declined.asked) {
      // code-server's file system has no trash: the question comes, modal, and No deletes nothing.
      assert.match(declined.asked.text, /could not be moved to the trash\. Delete them permanently\?/);
      assert.deepStrictEqual([declined.asked.items, declined.asked.options.modal], [['Delete Permanently'], true]);
      assert.deepStrictEqual(declined.deleted, []);
      assert.ok(await exists(drop), 'declining keeps the image');
      const accepted = await cleanUp('Delete Permanently');
      assert.deepStrictEqual(accepted.deleted.map((item) => vscode.workspace.asRelativePath(item)), ['more/pick/images/pick-drop-drum-612.png']);
    } else {
      assert.deepStrictEqual(declined.deleted.map((item) => vscode.workspace.asRelativePath(item)), ['more/pick/images/pick-drop-drum-612.png']);
    }
    assert.ok(!(await exists(drop)), 'the unlinked generated image is gone');
    assert.ok(await exists(at('more/pick/images/pick-keep-kite-611.png')), 'the linked one stays');
    assert.ok(await exists(at('more/pick/images/plain-photo.png')), 'an image without provenance stays');
  });

  it('Cancel on the batch notification stops every directive, running or waiting: no more requests, no link, all counted cancelled', async () => {
    await mockControl.scenario({ default: { never: true } });
    const text = [1, 2, 3, 4].map((n) => `<!-- spark-image: Batch cancel ${n} {aspect=4:3 seed=${820 + n}} -->\n`).join('\n');
    const uri = await writeText('more/batch-cancel.md', text);
    const editor = await openAt(uri, 0);
    const progress = takeNextProgress();
    try {
      const running = Promise.resolve(vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as Promise<Summary>;
      const shown = await progress.shown;
      assert.deepStrictEqual([shown.location, shown.cancellable, shown.title], [vscode.ProgressLocation.Notification, true, 'Spark Image: generating 4 image(s)']);
      // batchConcurrency is 3: three tasks are polled, the fourth waits its turn.
      await waitFor('three tasks created and polled', async () => {
        const counts = await mockControl.counts();
        return counts.creates === 3 && counts.polls >= 3;
      });
      progress.cancel();
      const summary = await running;
      assert.deepStrictEqual([summary.generated, summary.cancelled, summary.failed.length], [0, 4, 0], JSON.stringify(summary));
      assert.strictEqual(progress.reports[0]?.message, '0 of 4');
      const afterCancel = await mockControl.counts();
      await quietPeriod();
      const later = await mockControl.counts();
      assert.deepStrictEqual([later.creates, later.polls, later.downloads], [afterCancel.creates, afterCancel.polls, 0], 'no request after the cancel');
      assert.strictEqual(later.creates, 3, 'the waiting directive never started');
      assert.strictEqual(editor.document.getText(), text, 'no link inserted');
    } finally {
      progress.restore();
    }
  });
});
