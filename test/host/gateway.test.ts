import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { mockEnv } from './mockEnv';
import { configure, FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { answerEveryModal, answerNext, takeNextProgress } from './standIn';
import { waitFor } from './waitFor';

const BALANCE = { status: { code: 403, message: 'insufficient balance', error_code: 40201 } };

interface Summary {
  planned: number;
  generated: number;
  failed: Array<{ message: string }>;
  notSent: number;
  stoppedBecause?: string;
}

/**
 * The extension against the gateway contract with only sparkImage.apiBaseUrl set (the mock stands in
 * for https://cloud.vtrix.ai): default paths, the wrapped body, real progress, 403 balance.
 */
describe('the Vtrix gateway, paths left at their defaults (against the mock)', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  before(() => {
    api = spark();
  });

  it('only apiBaseUrl is set: the mock receives the wrapped body at /model/v1/generation', async () => {
    const config = vscode.workspace.getConfiguration('sparkImage');
    for (const key of ['createPath', 'taskPath', 'requestFormat']) {
      assert.strictEqual(config.inspect(key)?.globalValue, undefined, `${key} is left at its default`);
    }
    assert.strictEqual(config.inspect('apiBaseUrl')?.defaultValue, 'https://cloud.vtrix.ai');
    assert.strictEqual(config.inspect('apiBaseUrl')?.globalValue, mockEnv().baseUrl);
    const uri = await writeText('gateway/plain.md', 'Start.\n');
    await openAt(uri, 6);
    const outcome = await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'a gateway kite', seed: 77, size: '1k-4:3' });
    assert.ok(outcome, 'generated');
    const log = await mockControl.log();
    const create = log.find((request) => request.method === 'POST');
    assert.strictEqual(create?.path, '/model/v1/generation');
    assert.deepStrictEqual(create?.body, { model: 'spark_image_3_1', input: [{ params: { prompt: 'a gateway kite', use_pre_llm: true, seed: 77, width: 1472, height: 1104 } }] });
    assert.ok(log.some((request) => request.method === 'GET' && request.path.startsWith('/model/v1/generation/task/')), 'polled the gateway task path');
  });

  it('the notification bar fills with the progress the API reports; the placeholder and status bar show it', async () => {
    await mockControl.scenario({ next: [{ queuedMs: 0, durationMs: 2500 }] });
    const uri = await writeText('gateway/progress.md', 'Start.\n');
    await openAt(uri, 6);
    const progress = takeNextProgress();
    const labels = new Set<string>();
    const tooltips = new Set<string>();
    const watching = setInterval(() => {
      for (const placeholder of api.placeholders()) {
        labels.add(placeholder.label);
      }
      if (api.statusBar.tooltip) {
        tooltips.add(api.statusBar.tooltip);
      }
    }, 40);
    try {
      const outcome = await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'a slow lighthouse', seed: 5 });
      assert.ok(outcome, 'generated');
    } finally {
      clearInterval(watching);
      progress.restore();
    }
    const increments = progress.reports.map((report) => report.increment ?? 0).filter((increment) => increment > 0);
    assert.ok(increments.length >= 3, `the bar moved in steps: ${JSON.stringify(progress.reports)}`);
    const total = increments.reduce((sum, increment) => sum + increment, 0);
    assert.ok(total > 50 && total <= 100, `filled to ${total} %`);
    const percents = progress.reports.flatMap((report) => [...(report.message ?? '').matchAll(/Generating (\d+)%/g)].map((match) => Number(match[1])));
    assert.ok(percents.length >= 2 && percents[percents.length - 1] > percents[0], `the message shows rising percentages: ${percents.join(', ')}`);
    assert.ok([...labels].some((label) => /^⟳ Spark Image \d+%$/.test(label)), `placeholder labels: ${[...labels].join(' | ')}`);
    assert.ok([...tooltips].some((tooltip) => /Progress: \d+%\./.test(tooltip)), `status bar tooltips: ${[...tooltips].join(' | ')}`);
  });

  it('403 with a balance code shows "insufficient balance" with Open vtrix.ai, never "key rejected" or Enter API Key', async () => {
    await mockControl.scenario({ next: [{ create: { kind: 'status', status: 403, body: BALANCE } }] });
    const uri = await writeText('gateway/balance.md', 'Start.\n');
    await openAt(uri, 6);
    const pendingBefore = api.pending.list().length;
    const error = answerNext('showErrorMessage');
    try {
      await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'no money', seed: 1 });
      const asked = await error.asked;
      assert.match(asked.text, /Insufficient balance on the account \(HTTP 403\) \[40201\]\. Add balance at vtrix\.ai/);
      assert.doesNotMatch(asked.text, /key was rejected/i);
      assert.deepStrictEqual(asked.items, ['Open vtrix.ai', 'Show Log']);
      error.answer(undefined);
    } finally {
      error.restore();
    }
    assert.strictEqual((await mockControl.counts()).creates, 1, 'not retried');
    assert.strictEqual(api.pending.list().length, pendingBefore, 'nothing new pending: no task was created');
  });

  it('a directive batch stops after a balance failure: the rest are counted as not sent', async () => {
    await configure({ batchConcurrency: 1 });
    const modal = answerEveryModal('showInformationMessage', (asked) => asked.items[0] as string);
    const summaryShown = answerNext('showWarningMessage');
    try {
      const text = ['# Batch', '', ...[1, 2, 3, 4].flatMap((n) => [`<!-- spark-image: balance batch ${n} {seed=${n}} -->`, ''])].join('\n');
      const uri = await writeText('gateway/batch.md', text);
      await openAt(uri, 0);
      await mockControl.scenario({ next: [{}, { create: { kind: 'status', status: 403, body: BALANCE } }] });
      const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { uri })) as Summary;
      assert.strictEqual(summary.planned, 4);
      assert.strictEqual(summary.generated, 1, JSON.stringify(summary));
      assert.strictEqual(summary.failed.length, 1);
      assert.strictEqual(summary.notSent, 2);
      assert.match(summary.stoppedBecause ?? '', /Insufficient balance/);
      assert.strictEqual((await mockControl.counts()).creates, 2, 'nothing sent after the balance failure');
      const shown = await summaryShown.asked;
      assert.match(shown.text, /1 of 4 image\(s\) generated .*Stopped: 2 not sent, because every one would fail the same way: Insufficient balance/);
      summaryShown.answer(undefined);
      const document = await vscode.workspace.openTextDocument(uri);
      await waitFor('the paid image linked', () => (document.getText().match(/!\[/g) ?? []).length === 1);
    } finally {
      modal.restore();
      summaryShown.restore();
      await configure({ batchConcurrency: 3 });
    }
  });
});
