import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { isActivePhase, type HistoryView, type JobView, type ToWebview } from '../../src/studio/protocol';
import type { TaskInfo } from '../mock/tasks';
import { configure, exists, FAST_TASK, listImages, mockControl, quietPeriod, openAt, useSparkAgainstMock, workspaceRoot, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

async function tasksFor(prompt: string): Promise<TaskInfo[]> {
  return (await mockControl.tasks()).filter((task) => task.prompt === prompt);
}

/**
 * The studio's actions, driven through its message handler as if its webview sent them; what the
 * panel posts back (job phases, history rows, notices) is read through the test-only `studio.sent()`.
 */
describe('Image Studio panel: actions', function () {
  this.timeout(60_000);
  const spark = useSparkAgainstMock(FAST_TASK, {}, { closeEditors: 'after' });
  let api: TestingApi;
  before(() => (api = spark()));

  const sent = (): readonly ToWebview[] => api.studio.sent();

  /** Every update of the jobs for `prompt` posted after `from` (an index into sent()). */
  const jobUpdates = (prompt: string, from = 0): JobView[] =>
    sent()
      .slice(from)
      .flatMap((message) => (message.type === 'job' && message.job.prompt === prompt ? [message.job] : []));

  const phaseOf = (jobId: string): JobView | undefined =>
    sent()
      .flatMap((message) => (message.type === 'job' && message.job.id === jobId ? [message.job] : []))
      .pop();

  /** The newest history rows the panel sent (init or history message). */
  const history = (): HistoryView[] => {
    const last = [...sent()].reverse().find((message) => message.type === 'history' || message.type === 'init');
    return last?.type === 'history' ? last.entries : last?.type === 'init' ? last.history : [];
  };

  const entry = (id: string): HistoryView | undefined => history().find((candidate) => candidate.id === id);

  /** Sends a generate message and returns the id of the job it started (the first one posted after it). */
  async function startJob(params: { prompt: string; width: number; height: number; seed: number; expansion?: 'auto' | 'on' | 'off' }): Promise<string> {
    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { expansion: 'off', ...params } }), true);
    return (await waitFor(`a job for "${params.prompt}"`, () => jobUpdates(params.prompt, from)[0])).id;
  }

  /** Waits for a job's final phase. */
  async function finished(jobId: string, timeoutMs = 20_000): Promise<JobView> {
    return waitFor(`job ${jobId} to end`, () => {
      const job = phaseOf(jobId);
      return job && !isActivePhase(job.phase) ? job : undefined;
    }, timeoutMs);
  }

  /** Generates through the studio and returns the completed history row. */
  async function completedEntry(params: { prompt: string; width: number; height: number; seed: number }): Promise<HistoryView> {
    const job = await finished(await startJob(params));
    assert.strictEqual(job.phase, 'done', job.message);
    assert.ok(job.entryId, 'a finished job names its history entry');
    const id = job.entryId;
    return waitFor(`the history entry of "${params.prompt}"`, () => {
      const row = entry(id);
      return row?.status === 'completed' ? row : undefined;
    });
  }

  /** Sends a regenerate message and returns the mock task it created. */
  async function regenerate(entryId: string, variation: boolean, prompt: string): Promise<{ task: TaskInfo; job: JobView }> {
    const before = (await tasksFor(prompt)).length;
    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'regenerate', entryId, variation }), true);
    const jobId = (await waitFor('the regenerated job', () => jobUpdates(prompt, from)[0])).id;
    const job = await finished(jobId);
    assert.strictEqual(job.phase, 'done', job.message);
    const tasks = await tasksFor(prompt);
    assert.strictEqual(tasks.length, before + 1, 'one new task per regenerate');
    return { task: tasks[tasks.length - 1], job };
  }

  beforeEach(async () => {
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
  });

  it('a job shows each live phase as the API reports it: submitting, queued, generating, downloading, then done', async () => {
    // The gateway says in_progress from the start; a server that reports a queue (the flat wire
    // here) shows it too. Progress is off, so the row's text is the phase alone.
    await mockControl.scenario({ next: [{ wire: 'flat', queuedMs: 400, durationMs: 900 }] });
    await vscode.workspace.getConfiguration('sparkImage').update('requestFormat', 'flat', vscode.ConfigurationTarget.Global);
    const from = sent().length;
    let jobId: string;
    try {
      jobId = await startJob({ prompt: 'studio phases', width: 1328, height: 1328, seed: 37 });
    } finally {
      await vscode.workspace.getConfiguration('sparkImage').update('requestFormat', undefined, vscode.ConfigurationTarget.Global);
    }
    const job = await finished(jobId);
    assert.strictEqual(job.phase, 'done', job.message);
    const phases = sent()
      .slice(from)
      .flatMap((message) => (message.type === 'job' && message.job.id === jobId ? [message.job.phase] : []));
    assert.deepStrictEqual(
      phases.filter((phase, index) => phase !== phases[index - 1]),
      ['submitting', 'queued', 'running', 'downloading', 'done'],
    );
  });

  it('a job on the gateway shows the progress the API reports in its row', async () => {
    await mockControl.scenario({ next: [{ queuedMs: 0, durationMs: 1500 }] });
    const from = sent().length;
    const jobId = await startJob({ prompt: 'studio progress', width: 1328, height: 1328, seed: 38 });
    const job = await finished(jobId);
    assert.strictEqual(job.phase, 'done', job.message);
    const progress = sent()
      .slice(from)
      .flatMap((message) => (message.type === 'job' && message.job.id === jobId && message.job.phase === 'running' && message.job.progress !== undefined ? [message.job.progress] : []));
    assert.ok(progress.length >= 2 && progress[progress.length - 1] > progress[0], `the row's progress rises: ${progress.join(', ')}`);
  });

  it('Cancel ends a running job as cancelled: polling stops and no image is written', async () => {
    await mockControl.scenario({ next: [{ never: true }] });
    const jobId = await startJob({ prompt: 'studio cancel', width: 1328, height: 1328, seed: 31 });
    await waitFor('the job running', () => phaseOf(jobId)?.phase === 'running');
    await waitFor('the task being polled', async () => (await mockControl.counts()).polls >= 2);
    assert.strictEqual(await api.studio.receive({ type: 'cancel', jobId }), true);
    const job = await finished(jobId, 5000);
    assert.strictEqual(job.phase, 'cancelled');
    const requests = (await mockControl.log()).length;
    await quietPeriod();
    assert.strictEqual((await mockControl.log()).length, requests, 'no request after the cancel');
    assert.strictEqual((await mockControl.counts()).downloads, 0);
    assert.deepStrictEqual(
      (await listImages('images')).filter((name) => name.startsWith('studio-cancel')),
      [],
    );
    assert.ok(!history().some((row) => row.prompt === 'studio cancel' && row.status === 'completed'), 'no completed entry');
    // The task was paid for: it stays in the history, resumable.
    const [task] = await tasksFor('studio cancel');
    const row = await waitFor('the cancelled entry', () => history().find((candidate) => candidate.taskId === task.id));
    assert.strictEqual(row.status, 'failed');
    assert.strictEqual(row.resumable, true);
    // Cancel of a job that is over (or unknown) is accepted and changes nothing.
    assert.strictEqual(await api.studio.receive({ type: 'cancel', jobId }), true);
    assert.strictEqual(phaseOf(jobId)?.phase, 'cancelled');
  });

  it('runs several generations at once: both tasks in flight together, both completed and in the history', async () => {
    await mockControl.scenario({ default: { queuedMs: 50, durationMs: 1200 } });
    const from = sent().length;
    const [first, second] = await Promise.all([
      api.studio.receive({ type: 'generate', params: { prompt: 'studio first', width: 1328, height: 1328, seed: 101, expansion: 'off' } }),
      api.studio.receive({ type: 'generate', params: { prompt: 'studio second', width: 1664, height: 936, seed: 202, expansion: 'on' } }),
    ]);
    assert.ok(first && second);
    const a = (await waitFor('the first job', () => jobUpdates('studio first', from)[0])).id;
    const b = (await waitFor('the second job', () => jobUpdates('studio second', from)[0])).id;
    assert.notStrictEqual(a, b);
    // Both running before either is done: in flight together, not one after the other.
    const index = (jobId: string, phase: JobView['phase']) => sent().findIndex((message) => message.type === 'job' && message.job.id === jobId && message.job.phase === phase);
    await waitFor('both jobs running', () => index(a, 'running') >= 0 && index(b, 'running') >= 0);
    const [doneA, doneB] = await Promise.all([finished(a), finished(b)]);
    assert.strictEqual(doneA.phase, 'done', doneA.message);
    assert.strictEqual(doneB.phase, 'done', doneB.message);
    assert.ok(Math.max(index(a, 'running'), index(b, 'running')) < Math.min(index(a, 'done'), index(b, 'done')), 'both were running at once');

    const tasks = await mockControl.tasks();
    assert.deepStrictEqual(
      tasks.map((task) => [task.prompt, task.seed, task.width, task.height, task.usePreLlm]).sort(),
      [
        ['studio first', 101, 1328, 1328, false],
        ['studio second', 202, 1664, 936, true],
      ],
    );
    const ids = [doneA.entryId, doneB.entryId];
    await waitFor('both entries in the history', () => ids.every((id) => id && entry(id)?.status === 'completed'));
    for (const id of ids) {
      const row = entry(id ?? '');
      assert.ok(row?.imagePath && tasks.some((task) => task.id === row.taskId), JSON.stringify(row));
      assert.ok(await exists(vscode.Uri.joinPath(workspaceRoot(), row.imagePath)), row.imagePath);
    }
  });

  it('Regenerate keeps the seed and size, Variation picks a new seed, Same Seed sends the seed with another size', async () => {
    const original = await completedEntry({ prompt: 'studio reuse', width: 1664, height: 936, seed: 4242 });
    assert.strictEqual(original.seed, 4242);

    const again = await regenerate(original.id, false, 'studio reuse');
    assert.deepStrictEqual([again.task.seed, again.task.width, again.task.height, again.task.usePreLlm], [4242, 1664, 936, false]);

    const variation = await regenerate(original.id, true, 'studio reuse');
    assert.notStrictEqual(variation.task.seed, 4242, 'a variation has a new seed');
    assert.ok(variation.task.seed >= 0, `a concrete seed is sent, got ${variation.task.seed}`);
    assert.deepStrictEqual([variation.task.width, variation.task.height, variation.task.usePreLlm], [1664, 936, false]);
    // The variation's entry records the seed that was actually sent, so it can be reproduced.
    const variationRow = await waitFor('the variation entry', () => (variation.job.entryId ? entry(variation.job.entryId) : undefined));
    assert.strictEqual(variationRow.seed, variation.task.seed);

    // Same Seed: the webview fills the compose form with the entry's seed locked; the user picks another size.
    const sameSeedJob = await finished(await startJob({ prompt: original.prompt, width: 1328, height: 1328, seed: original.seed ?? -1, expansion: original.expansion }));
    assert.strictEqual(sameSeedJob.phase, 'done', sameSeedJob.message);
    const tasks = await tasksFor('studio reuse');
    assert.strictEqual(tasks.length, 4);
    assert.deepStrictEqual([tasks[3].seed, tasks[3].width, tasks[3].height], [4242, 1328, 1328]);
  });

  it('Regenerate of a random-seed entry, completed or failed, sends the seed that entry was made with', async () => {
    const random = await completedEntry({ prompt: 'studio random', width: 1328, height: 1328, seed: -1 });
    const [made] = await tasksFor('studio random');
    assert.strictEqual(random.seed, made.seed, 'the entry records the seed that was sent');
    const again = await regenerate(random.id, false, 'studio random');
    assert.strictEqual(again.task.seed, made.seed);

    await mockControl.scenario({ next: [{ fail: { code: 3002095 } }] });
    const failedJob = await finished(await startJob({ prompt: 'studio failed random', width: 1328, height: 1328, seed: -1 }));
    assert.strictEqual(failedJob.phase, 'failed');
    const [failedTask] = await tasksFor('studio failed random');
    const failed = await waitFor('the failed entry', () => history().find((row) => row.taskId === failedTask.id && row.status === 'failed'));
    assert.strictEqual(failed.seed, failedTask.seed, 'the failed entry records the seed that was sent');
    const retried = await regenerate(failed.id, false, 'studio failed random');
    assert.strictEqual(retried.task.seed, failedTask.seed);
  });

  it('Copy Markdown puts the link to the entry image on the clipboard; Reveal in Explorer selects the file', async () => {
    const doc = await writeText('docs/studio-copy.md', '# Copy\n');
    await openAt(doc, 0);
    await vscode.commands.executeCommand('sparkImage.openStudio');
    const row = await completedEntry({ prompt: 'studio copy', width: 1328, height: 1328, seed: 57 });
    assert.ok(row.imagePath, 'the entry has its image');
    const image = vscode.Uri.joinPath(workspaceRoot(), row.imagePath);
    assert.ok(await exists(image));
    assert.match(row.imagePath, /studio-copy-57\.png$/);

    await vscode.env.clipboard.writeText('before');
    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'copyMarkdown', entryId: row.id }), true);
    // The link is relative to the last text editor, as Insert would write it there.
    assert.strictEqual(await vscode.env.clipboard.readText(), `![studio copy](${path.posix.relative('docs', row.imagePath)})`);
    assert.ok(sent().slice(from).some((message) => message.type === 'notice' && message.level === 'info'), 'the panel tells the user');

    // An unknown entry copies nothing.
    await vscode.env.clipboard.writeText('unchanged');
    assert.strictEqual(await api.studio.receive({ type: 'copyMarkdown', entryId: 'no-such-entry' }), true);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'unchanged');

    const logFrom = api.logLines().length;
    assert.strictEqual(await api.studio.receive({ type: 'reveal', entryId: row.id }), true);
    assert.deepStrictEqual(
      api.logLines().slice(logFrom).filter((line) => /studio reveal failed/.test(line)),
      [],
    );
    // The explorer has the file selected and focused: Copy Path (no argument) copies its path.
    await waitFor('the explorer selecting the image', async () => {
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('copyFilePath');
      return (await vscode.env.clipboard.readText()) === image.fsPath;
    });
  });

  it('Resume of a timed-out entry finishes the same task: completed, image saved, one create only', async () => {
    await configure({ timeoutSeconds: 2 });
    try {
      // Running until the test ends it: the 2 s deadline passes first, whatever the machine's load.
      await mockControl.scenario({ next: [{ never: true }] });
      const job = await finished(await startJob({ prompt: 'studio resume', width: 1328, height: 1328, seed: 19 }));
      assert.strictEqual(job.phase, 'failed');
      const [task] = await tasksFor('studio resume');
      const failed = await waitFor('the failed entry', () => history().find((row) => row.taskId === task.id && row.status === 'failed'));
      assert.strictEqual(failed.resumable, true, 'a timed-out task can be resumed');
      assert.ok(failed.message, 'the entry shows its error');
      assert.ok(api.pending.get(task.id), 'the paid task is kept');

      await configure({ timeoutSeconds: 20 });
      // Resumed while still running, then done: the resume keeps asking until it is.
      const polls = (await mockControl.counts()).polls;
      assert.strictEqual(await api.studio.receive({ type: 'resume', entryId: failed.id }), true);
      await waitFor('the resumed task being polled', async () => (await mockControl.counts()).polls > polls);
      await mockControl.finish(task.id);
      const done = await waitFor('the resumed entry', () => {
        const row = history().find((candidate) => candidate.taskId === task.id);
        return row?.status === 'completed' ? row : undefined;
      }, 20_000);
      assert.strictEqual(history().filter((row) => row.taskId === task.id).length, 1, 'the entry is replaced, not repeated');
      assert.ok(done.imagePath && (await exists(vscode.Uri.joinPath(workspaceRoot(), done.imagePath))), done.imagePath);
      assert.strictEqual(done.seed, 19);
      // The studio shows the image itself: no editor tab opened for it.
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => (tab.input instanceof vscode.TabInputCustom || tab.input instanceof vscode.TabInputText ? tab.input.uri.path : tab.label));
      assert.ok(!tabs.some((tab) => tab.endsWith(done.imagePath ?? '?')), JSON.stringify(tabs));
      assert.strictEqual(api.pending.get(task.id), undefined);
      assert.strictEqual((await mockControl.counts()).creates, 1, 'resuming never creates a second task');
    } finally {
      await configure({ timeoutSeconds: 20 });
    }
  });

  it('Resume of a pending entry (a paid task this window did not finish) completes it', async () => {
    const request = { model: 'spark_image_3_1', prompt: 'studio pending', use_pre_llm: false, seed: 61, width: 1328, height: 1328 };
    const taskId = await mockControl.createTask(request);
    await api.pending.put({ taskId, request, createdAt: Date.now(), lastError: 'interrupted' });
    // A fresh page asks for the state again: the pending task is listed, resumable.
    assert.strictEqual(await api.studio.receive({ type: 'ready' }), true);
    const pending = await waitFor('the pending entry', () => entry(taskId));
    assert.strictEqual(pending.status, 'pending');
    assert.strictEqual(pending.resumable, true);

    assert.strictEqual(await api.studio.receive({ type: 'resume', entryId: taskId }), true);
    const done = await waitFor('the resumed entry', () => {
      const row = entry(taskId);
      return row?.status === 'completed' ? row : undefined;
    }, 20_000);
    assert.ok(done.imagePath && (await exists(vscode.Uri.joinPath(workspaceRoot(), done.imagePath))), done.imagePath);
    assert.strictEqual(api.pending.get(taskId), undefined);
    assert.strictEqual((await mockControl.counts()).creates, 1);
  });
});
