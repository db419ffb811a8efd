import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { answerNext } from './standIn';
import { waitFor } from './waitFor';

const LONG = `${'A lighthouse on a rocky coast at dawn, watercolor, '.repeat(17)}the end`;

async function selectAll(relative: string): Promise<void> {
  const uri = await writeText(relative, `${LONG}\n`);
  await openAt(uri, 0, LONG.length);
}

describe('a selection longer than a prompt may be', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  before(() => {
    api = spark();
  });

  it('is not a dead end: the message (with its code) offers "Edit in Image Studio" and "Use the first 800 characters"; Escape sends nothing', async () => {
    assert.ok([...LONG].length > 800);
    await selectAll('long/escape.md');
    const question = answerNext('showErrorMessage');
    const running = vscode.commands.executeCommand('sparkImage.generateFromSelection');
    const asked = await question.asked;
    assert.match(asked.text, /^Spark Image: /);
    assert.match(asked.text, /\[003002002 Invalid prompt length\]/);
    assert.deepStrictEqual(asked.items, ['Edit in Image Studio', 'Use the first 800 characters']);
    question.answer(undefined);
    assert.strictEqual(await running, undefined);
    assert.strictEqual((await mockControl.counts()).creates, 0, 'nothing is sent before the person chooses');
  });

  it('"Use the first 800 characters" sends exactly those', async () => {
    await selectAll('long/cut.md');
    const question = answerNext('showErrorMessage');
    const running = vscode.commands.executeCommand('sparkImage.generateFromSelection');
    await question.asked;
    question.answer('Use the first 800 characters');
    assert.ok(await running, 'generated');
    const create = (await mockControl.log()).find((request) => request.method === 'POST');
    const prompt = (create?.body as { input: Array<{ params: { prompt: string } }> }).input[0].params.prompt;
    assert.strictEqual(prompt, LONG.slice(0, 800).trim());
  });

  it('"Edit in Image Studio" opens the studio with the whole selection in its form, and sends nothing', async () => {
    await selectAll('long/studio.md');
    const question = answerNext('showErrorMessage');
    const running = vscode.commands.executeCommand('sparkImage.generateFromSelection');
    await question.asked;
    question.answer('Edit in Image Studio');
    assert.strictEqual(await running, undefined);
    await waitFor('the studio with the prompt in its form', () => api.studio.sent().some((message) => message.type === 'compose' && message.prompt === LONG), 20_000);
    assert.strictEqual((await mockControl.counts()).creates, 0);
  });
});
