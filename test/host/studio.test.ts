import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import type { GenerationRecord } from '../../src/editor/generation/generationService';
import { exists, mockControl, openAt, useSparkAgainstMock, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

describe('Image Studio panel: message protocol', function () {
  this.timeout(30_000);
  const spark = useSparkAgainstMock({ queuedMs: 100, durationMs: 300 }, {}, { closeEditors: 'after' });
  let api: TestingApi;
  before(() => (api = spark()));

  it('opens one panel from its command', async () => {
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
    await vscode.commands.executeCommand('sparkImage.openStudio');
    const studioTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('sparkImage.studio'));
    await waitFor('the studio tab', () => studioTabs().length > 0);
    assert.strictEqual(studioTabs().length, 1);
  });

  it('drops and logs unknown and malformed messages, sending nothing', async () => {
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
    const before = api.logLines().length;
    const bad: unknown[] = [
      { type: 'runShell', command: 'rm -rf /' },
      { type: 'generate', params: { prompt: 'x', width: '1328', height: 1328, seed: -1, expansion: 'auto' } },
      { type: 'insert', entryId: 42 },
      'ready',
      null,
    ];
    for (const message of bad) {
      assert.strictEqual(await api.studio.receive(message), false, JSON.stringify(message));
    }
    const dropped = api.logLines().slice(before).filter((line) => /\[studio\] dropped a malformed or unknown webview message/.test(line));
    assert.strictEqual(dropped.length, bad.length, api.logLines().slice(before).join('\n'));
    assert.ok(dropped[0].includes('"runShell"'));
    assert.ok(!dropped.join('\n').includes('rm -rf'), 'the log does not echo message content');
    assert.strictEqual((await mockControl.counts()).creates, 0);
  });

  it('re-validates a well-formed generate on the host: an invalid size is never sent, and the page is told why', async () => {
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
    const from = api.studio.sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { prompt: 'too wide', width: 1800, height: 500, seed: -1, expansion: 'auto' } }), true);
    assert.strictEqual((await mockControl.counts()).creates, 0);
    const posted = api.studio.sent().slice(from);
    assert.ok(!posted.some((message) => message.type === 'job'), 'no job is shown for refused input');
    const notice = posted.find((message) => message.type === 'notice');
    assert.ok(notice?.type === 'notice' && notice.level === 'error' && /\[0030020\d\d /.test(notice.text), JSON.stringify(posted));
  });

  it('generates from a valid message (its request checked once), records it, and inserts its link into the last text editor', async () => {
    const uri = await writeText('docs/studio-host.md', '# Studio\n\nHere: \n');
    const editor = await openAt(uri, '# Studio\n\nHere: '.length);
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
    const records: GenerationRecord[] = [];
    const listener = api.service.onDidRecord((record) => records.push(record));
    try {
      const checks = api.service.countRequestChecks();
      assert.strictEqual(await api.studio.receive({ type: 'generate', params: { prompt: 'studio fox', width: 1664, height: 936, seed: 77, expansion: 'off' } }), true);
      const record = await waitFor('the generation record', () => records[0], 20_000);
      assert.strictEqual(checks.count, 1, 'the studio checks a generation once, from the message to the saved image');
      assert.strictEqual(record.kind, 'completed');
      if (record.kind !== 'completed') {
        return;
      }
      assert.strictEqual(record.provenance.seed, 77);
      assert.strictEqual(record.provenance.usePreLlm, false);
      assert.ok(await exists(record.images[0]));
      // Saved where sparkImage.destination puts it for the document Insert writes into (its own images/).
      // The history lists it (entry id = task id) once the record is stored: insert works through it.
      await waitFor('the insert', async () => (await api.studio.receive({ type: 'insert', entryId: record.provenance.taskId })) && editor.document.getText().includes('studio-fox'), 10_000);
      // The link is a paragraph of its own below the cursor's line, as every flow puts it.
      assert.match(editor.document.getText(), /Here: \n\n!\[studio fox\]\(images\/studio-fox-77\.png\)\n/);
    } finally {
      listener.dispose();
    }
  });
});
