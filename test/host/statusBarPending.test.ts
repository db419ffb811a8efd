import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { FAST_TASK, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

describe('the status bar counts the paid tasks kept (against the mock)', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock(FAST_TASK);
  let api: TestingApi;
  before(() => {
    api = spark();
  });

  it('after Cancel the task may still be billed: the item says "1 pending" and its tooltip says so; once fetched, it is gone', async () => {
    await mockControl.scenario({ next: [{ never: true }] });
    const uri = await writeText('docs/kept.md', 'Kept.\n');
    await openAt(uri, 0);
    // Earlier suites may leave paid tasks pending in this workspace: the count is read against them.
    const before = api.statusBar.kept;
    const running = vscode.commands.executeCommand('sparkImage.generate', { prompt: 'kept after cancel', seed: 31 });
    try {
      await waitFor('polling to start', async () => (await mockControl.counts()).polls > 0, 10_000);
      assert.strictEqual(api.statusBar.kept, before, 'a running task is running, not kept');
    } finally {
      api.service.cancelAll();
      await running;
    }
    const [task] = await mockControl.tasks();
    assert.ok(api.pending.get(task.id), 'the cancelled task stays pending');
    await waitFor('the pending count', () => api.statusBar.kept === before + 1);
    assert.match(api.statusBar.text, new RegExp(`Spark Image \\$\\S+ · ${before + 1} pending$`));
    assert.match(api.statusBar.tooltip ?? '', new RegExp(`Pending: ${before + 1} paid task\\(s\\) not fetched yet; they may still be billed`));
    await api.pending.remove(task.id);
    await waitFor('the count to go back', () => api.statusBar.kept === before);
    if (before === 0) {
      assert.doesNotMatch(api.statusBar.text, /pending/);
    }
  });
});
