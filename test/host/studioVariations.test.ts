import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { isActivePhase, type HistoryView, type JobView, type ToWebview } from '../../src/studio/protocol';
import { configure, exists, mockControl, openAt, quietPeriod, useSparkAgainstMock, workspaceRoot, writeText } from './sparkHarness';
import { answerEveryModal } from './standIn';
import { waitFor } from './waitFor';

/**
 * The studio's variations: N tasks at once, each with its own seed, shown as a grid; Use this saves
 * one into the workspace and links it once; the others stay in the history, kept outside the workspace.
 */
describe('Image Studio panel: variations', function () {
  this.timeout(60_000);
  const spark = useSparkAgainstMock({ queuedMs: 50, durationMs: 600 }, {}, { closeEditors: 'after' });
  let api: TestingApi;
  before(() => (api = spark()));

  const sent = (): readonly ToWebview[] => api.studio.sent();
  const history = (): HistoryView[] => {
    const last = [...sent()].reverse().find((message) => message.type === 'history' || message.type === 'init');
    return last?.type === 'history' ? last.entries : last?.type === 'init' ? last.history : [];
  };
  /** The last update of each job of the grid for `prompt`, by job id. */
  const cells = (prompt: string, from: number): Map<string, JobView> => {
    const byId = new Map<string, JobView>();
    for (const message of sent().slice(from)) {
      if (message.type === 'job' && message.job.prompt === prompt && message.job.group !== undefined) {
        byId.set(message.job.id, message.job);
      }
    }
    return byId;
  };
  const insideWorkspace = (uri: vscode.Uri) => vscode.workspace.getWorkspaceFolder(uri) !== undefined;

  it('4 variations: 4 creates with 4 distinct seeds, 4 results in the grid, Use this links one, the other 3 stay kept outside the workspace', async () => {
    const doc = await writeText('docs/variations.md', '# Variations\n\nIntro.\n');
    await openAt(doc, '# Variations\n'.length);
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
    const prompt = 'studio four variations';
    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { prompt, width: 1328, height: 1328, seed: -1, expansion: 'off', count: 4 } }), true);

    // All four sent together: four cells of one group, each running before any is done.
    const running = await waitFor('four cells running', () => {
      const now = [...cells(prompt, from).values()];
      return now.length === 4 && now.every((job) => job.phase === 'running' || !isActivePhase(job.phase)) ? now : undefined;
    });
    assert.strictEqual(new Set(running.map((job) => job.group)).size, 1, 'one group');
    const done = await waitFor('four cells done', () => {
      const now = [...cells(prompt, from).values()];
      return now.length === 4 && now.every((job) => !isActivePhase(job.phase)) ? now : undefined;
    }, 30_000);
    assert.deepStrictEqual(done.map((job) => job.phase), ['done', 'done', 'done', 'done'], done.map((job) => job.message).join('\n'));

    const tasks = (await mockControl.tasks()).filter((task) => task.prompt === prompt);
    assert.strictEqual(tasks.length, 4, 'four creates');
    assert.strictEqual(new Set(tasks.map((task) => task.seed)).size, 4, `four distinct seeds: ${tasks.map((task) => task.seed).join(', ')}`);
    assert.deepStrictEqual(done.map((job) => job.seed).sort(), tasks.map((task) => task.seed).sort(), 'each cell shows the seed that was sent');

    // Each result is in the history, its file outside the workspace (the extension's global storage).
    const ids = done.map((job) => job.entryId ?? '');
    const rows = await waitFor('the four kept entries', () => {
      const found = ids.map((id) => history().find((row) => row.id === id));
      return found.every((row) => row?.kept && row.imageSrc) ? (found as HistoryView[]) : undefined;
    });
    const keptFile = (id: string) => {
      const uri = api.studio.keptImage(id);
      return uri ? vscode.Uri.parse(uri) : undefined;
    };
    const keptFiles = rows.map((row) => keptFile(row.id));
    for (const file of keptFiles) {
      assert.ok(file && !insideWorkspace(file) && (await exists(file)), `kept outside the workspace: ${file?.toString()}`);
    }
    assert.deepStrictEqual(rows.map((row) => row.costUsd).filter((cost) => cost !== undefined).length, 4, 'each cell knows its cost');

    // Use this on the third: saved into the workspace, its link inserted once at the target.
    const chosen = rows[2];
    assert.strictEqual(await api.studio.receive({ type: 'use', entryId: chosen.id }), true);
    const used = await waitFor('the chosen entry in the workspace', () => {
      const row = history().find((candidate) => candidate.id === chosen.id);
      return row && !row.kept && row.imagePath ? row : undefined;
    });
    const image = vscode.Uri.joinPath(workspaceRoot(), used.imagePath ?? '');
    assert.ok(await exists(image), used.imagePath);
    assert.match(used.imagePath ?? '', new RegExp(`studio-four-variations-${chosen.seed}\\.png$`));
    const text = (await vscode.workspace.openTextDocument(doc)).getText();
    assert.strictEqual(text.split('](').length - 1, 1, `exactly one link:\n${text}`);
    assert.ok(text.includes(`images/studio-four-variations-${chosen.seed}.png`), text);
    assert.strictEqual(await exists(keptFiles[2] ?? vscode.Uri.file('/nowhere')), false, 'the used one is no longer kept');

    // The other three stay in the history, kept outside the workspace, and can be used later.
    const others = history().filter((row) => ids.includes(row.id) && row.id !== chosen.id);
    assert.strictEqual(others.length, 3);
    for (const row of others) {
      assert.ok(row.kept && row.imageSrc, JSON.stringify(row));
      const file = keptFile(row.id);
      assert.ok(file && !insideWorkspace(file) && (await exists(file)), file?.toString());
    }
    assert.strictEqual((await mockControl.tasks()).filter((task) => task.prompt === prompt).length, 4, 'Use this sends nothing');
  });

  it('the spend limit counts all the variations before any is sent: one question for their total; declined, nothing is sent', async () => {
    // 3 images of $0.03 fit a $0.09 limit, 4 do not: the question comes before the first is sent.
    await configure({ spendLimit: api.service.spentUsd + 0.09 });
    const questions = answerEveryModal('showWarningMessage', () => undefined);
    try {
      await vscode.commands.executeCommand('sparkImage.openStudio');
      await waitFor('the studio panel', () => api.studio.isOpen);
      const prompt = 'studio variations over the limit';
      const from = sent().length;
      assert.strictEqual(await api.studio.receive({ type: 'generate', params: { prompt, width: 1328, height: 1328, seed: 9, expansion: 'off', count: 4 } }), true);
      await waitFor('the spend question', () => questions.asked.length > 0);
      assert.strictEqual(questions.asked.length, 1, 'one question for all four');
      assert.match(String(questions.asked[0].options.detail), /These 4 images cost ≈ \$0\.12, estimated/);
      await quietPeriod();
      assert.strictEqual((await mockControl.counts()).creates, 0, 'declined: nothing sent');
      assert.strictEqual(cells(prompt, from).size, 0, 'no cell shown');
    } finally {
      questions.restore();
      await configure({ spendLimit: undefined });
    }
  });

  it('Cancel on one variation cancels every one; each was paid, so each stays resumable in the history', async () => {
    await mockControl.scenario({ default: { never: true } });
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
    const prompt = 'studio variations cancelled';
    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { prompt, width: 1328, height: 1328, seed: 77, expansion: 'off', count: 2 } }), true);
    const running = await waitFor('both running', () => {
      const now = [...cells(prompt, from).values()];
      return now.length === 2 && now.every((job) => job.phase === 'running') ? now : undefined;
    });
    assert.strictEqual(await api.studio.receive({ type: 'cancel', jobId: running[0].id }), true);
    const ended = await waitFor('both cancelled', () => {
      const now = [...cells(prompt, from).values()];
      return now.every((job) => !isActivePhase(job.phase)) ? now : undefined;
    });
    assert.deepStrictEqual(ended.map((job) => job.phase), ['cancelled', 'cancelled']);
    const tasks = (await mockControl.tasks()).filter((task) => task.prompt === prompt);
    assert.deepStrictEqual(tasks.map((task) => task.seed).sort(), [77, 78]);
    for (const task of tasks) {
      const row = await waitFor(`the entry of task ${task.id}`, () => history().find((candidate) => candidate.taskId === task.id));
      assert.strictEqual(row.resumable, true, JSON.stringify(row));
      assert.ok(api.pending.get(task.id), 'the paid task is kept');
    }
  });
});
