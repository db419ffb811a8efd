import * as assert from 'assert';
import * as vscode from 'vscode';
import { formatUsd } from '../../src/core/spend/pricing';
import type { TestingApi } from '../../src/testingApi';
import { configure, FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { answerEveryModal } from './standIn';

async function creates(): Promise<number> {
  return (await mockControl.log()).filter((request) => request.method === 'POST').length;
}

async function generateIn(file: string, prompt: string): Promise<unknown> {
  const uri = await writeText(file, 'Text.\n');
  await openAt(uri, 5);
  return vscode.commands.executeCommand('sparkImage.generate', { prompt, size: '1k-1:1', seed: 5 });
}

describe('spend limit (sparkImage.spendLimit)', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  before(() => {
    api = spark();
  });
  after(() => configure({ spendLimit: undefined }));

  it('asks, modal, with the amount spent so far when the next image would pass the limit; declined, nothing is sent', async () => {
    // Other suites generated in this window before: the limit leaves room for exactly one $0.03 image.
    const before = api.service.spentUsd;
    const limit = Math.round((before + 0.05) * 100) / 100;
    await configure({ spendLimit: limit });
    const questions = answerEveryModal('showWarningMessage', () => undefined);
    try {
      assert.ok(await generateIn('docs/spend-1.md', 'within the limit'), 'the first image fits the limit');
      assert.strictEqual(questions.asked.length, 0, 'nothing asked below the limit');
      const spent = api.service.spentUsd;
      assert.strictEqual(Math.round((spent - before) * 10_000), 300, 'counted from the cost the mock reported ($0.0300)');

      const sentBefore = await creates();
      assert.strictEqual(await generateIn('docs/spend-2.md', 'past the limit'), undefined);
      assert.strictEqual(questions.asked.length, 1);
      const [asked] = questions.asked;
      assert.strictEqual(asked.options.modal, true);
      assert.ok(asked.text.includes(formatUsd(limit)), asked.text);
      assert.ok(String(asked.options.detail).includes(`Spent so far in this window: ${formatUsd(spent)}`), String(asked.options.detail));
      assert.ok(String(asked.options.detail).includes('costs ≈ $0.03, estimated'), String(asked.options.detail));
      assert.deepStrictEqual(asked.items, ['Generate Anyway']);
      assert.strictEqual(await creates(), sentBefore, 'declined: no request reached the API');
      assert.strictEqual(api.service.spentUsd, spent, 'nothing counted for it');
    } finally {
      questions.restore();
    }
  });

  it('"Generate Anyway" sends it, and the limit is asked again for the next one', async () => {
    const limit = Math.round(api.service.spentUsd * 100) / 100;
    await configure({ spendLimit: limit });
    const questions = answerEveryModal('showWarningMessage', (asked) => asked.items[0] as string);
    try {
      const sentBefore = await creates();
      assert.ok(await generateIn('docs/spend-3.md', 'accepted past the limit'));
      assert.strictEqual(questions.asked.length, 1);
      assert.strictEqual(await creates(), sentBefore + 1);
    } finally {
      questions.restore();
    }
  });

  it('off by default: no question however much was spent', async () => {
    await configure({ spendLimit: undefined });
    const questions = answerEveryModal('showWarningMessage', () => undefined);
    try {
      assert.ok(await generateIn('docs/spend-4.md', 'no limit'));
      assert.deepStrictEqual(questions.asked, []);
    } finally {
      questions.restore();
    }
  });
});
