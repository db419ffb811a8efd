import * as assert from 'assert';
import * as vscode from 'vscode';
import { configure, FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { answerEveryModal, answerNext } from './standIn';

interface Summary {
  planned: number;
  generated: number;
  failed: Array<{ message: string }>;
  notSent: number;
  stoppedBecause?: string;
}

/** The editor's side of the gateway shapes: its User-Agent, and a batch that stops on a failed task's words. */
describe('the gateway read right, in the editor (against the mock)', function () {
  this.timeout(30_000);
  useSparkAgainstMock(FAST_TASK);

  it('every API request names spark-image, its version and the front end vscode', async () => {
    const version = (vscode.extensions.getExtension('spark-image.spark-image')?.packageJSON as { version: string }).version;
    const uri = await writeText('gatewayShapes/agent.md', 'Start.\n');
    await openAt(uri, 6);
    const outcome = await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'a user agent kite', seed: 12 });
    assert.ok(outcome, 'generated');
    const log = await mockControl.log();
    const api = log.filter((request) => request.origin === 'api');
    assert.ok(api.some((request) => request.method === 'POST') && api.some((request) => request.method === 'GET'), 'a create and a poll');
    assert.deepStrictEqual([...new Set(api.map((request) => request.userAgent))], [`spark-image/${version} (vscode)`]);
    const images = log.filter((request) => request.origin === 'images');
    assert.ok(images.length > 0, 'an image request');
    assert.deepStrictEqual([...new Set(images.map((request) => request.userAgent))], [`spark-image/${version} (vscode)`]);
  });

  it('a directive batch stops after a task that failed with "insufficient balance": the rest are not sent', async () => {
    await configure({ batchConcurrency: 1 });
    const modal = answerEveryModal('showInformationMessage', (asked) => asked.items[0] as string);
    const summaryShown = answerNext('showWarningMessage');
    try {
      const text = ['# Batch', '', ...[1, 2, 3, 4].flatMap((n) => [`<!-- spark-image: failed balance ${n} {seed=${n}} -->`, ''])].join('\n');
      const uri = await writeText('gatewayShapes/batch.md', text);
      await openAt(uri, 0);
      await mockControl.scenario({ next: [{}, { taskError: 'message', fail: { code: 'TASK_FAILED', message: 'Insufficient credits' } }] });
      const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { uri })) as Summary;
      assert.strictEqual(summary.generated, 1, JSON.stringify(summary));
      assert.strictEqual(summary.failed.length, 1);
      assert.strictEqual(summary.notSent, 2);
      assert.match(summary.stoppedBecause ?? '', /Insufficient balance on the account: the task failed/);
      assert.strictEqual((await mockControl.counts()).creates, 2, 'nothing sent after the failed task');
      await summaryShown.asked;
      summaryShown.answer(undefined);
    } finally {
      modal.restore();
      summaryShown.restore();
      await configure({ batchConcurrency: 3 });
    }
  });
});
