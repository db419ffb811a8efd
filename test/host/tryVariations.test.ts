import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { isActivePhase, type ComposeParams, type HistoryView, type JobView, type ToWebview } from '../../src/studio/protocol';
import { exists, mockControl, openAt, useSparkAgainstMock, workspaceRoot, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '');
}

/**
 * Try Variations… on a directive: the studio opens bound to it; Use this on one variation writes its
 * image and link as the directive's run does and pins its seed, so the image is up to date afterwards.
 */
describe('Try Variations from a directive', function () {
  this.timeout(60_000);
  const spark = useSparkAgainstMock({ queuedMs: 50, durationMs: 500 }, {}, { closeEditors: 'after' });
  let api: TestingApi;
  before(() => (api = spark()));

  const sent = (): readonly ToWebview[] => api.studio.sent();
  const history = (): HistoryView[] => {
    const last = [...sent()].reverse().find((message) => message.type === 'history' || message.type === 'init');
    return last?.type === 'history' ? last.entries : last?.type === 'init' ? last.history : [];
  };

  it('the picked variation is linked below the directive and its seed pinned (seed=N replaced), after which it is up to date', async () => {
    const text = '# Lighthouse\n\n<!-- spark-image: A glass lighthouse at dawn {seed=500} -->\n\nEnd.\n';
    const uri = await writeText('docs/try-variations.md', text);
    await openAt(uri, 0);
    const raw = '<!-- spark-image: A glass lighthouse at dawn {seed=500} -->';
    await waitFor('the Try Variations lens', async () => (await lensTitles(uri)).some((title) => title.includes('Try Variations')));

    await vscode.commands.executeCommand('sparkImage.directive.tryVariations', { uri: uri.toString(), index: 0, raw });
    await waitFor('the studio panel', () => api.studio.isOpen);
    const binding = await waitFor('the binding sent to the page', () => [...sent()].reverse().find((message): message is Extract<ToWebview, { type: 'binding' }> => message.type === 'binding' && message.label !== undefined));
    assert.strictEqual(binding.label, 'try-variations.md:3');
    const params = binding.params as ComposeParams;
    assert.deepStrictEqual([params.prompt, params.seed], ['A glass lighthouse at dawn', 500], 'the form holds the directive request');

    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { ...params, count: 4 } }), true);
    const done = await waitFor('four variations done', () => {
      const byId = new Map<string, JobView>();
      sent()
        .slice(from)
        .forEach((message) => message.type === 'job' && message.job.group !== undefined && byId.set(message.job.id, message.job));
      const jobs = [...byId.values()];
      return jobs.length === 4 && jobs.every((job) => !isActivePhase(job.phase)) ? jobs : undefined;
    }, 30_000);
    assert.deepStrictEqual(done.map((job) => job.phase), ['done', 'done', 'done', 'done'], done.map((job) => job.message).join('\n'));
    const seeds = (await mockControl.tasks()).map((task) => task.seed).sort();
    assert.deepStrictEqual(seeds, [500, 501, 502, 503], 'the directive seed S gives S, S+1, S+2, S+3');

    const picked = done.find((job) => job.seed === 502);
    assert.ok(picked?.entryId);
    await waitFor('the picked entry kept', () => history().find((row) => row.id === picked.entryId && row.kept));
    assert.strictEqual(await api.studio.receive({ type: 'use', entryId: picked.entryId }), true);

    const document = await vscode.workspace.openTextDocument(uri);
    const after = await waitFor('the directive pinned and linked', () => (document.getText().includes('{seed=502}') && document.getText().includes('](') ? document.getText() : undefined));
    assert.strictEqual(after, '# Lighthouse\n\n<!-- spark-image: A glass lighthouse at dawn {seed=502} -->\n\n![A glass lighthouse at dawn](images/a-glass-lighthouse-at-dawn-502.png)\n\nEnd.\n');
    assert.ok(await exists(vscode.Uri.joinPath(workspaceRoot(), 'docs/images/a-glass-lighthouse-at-dawn-502.png')));
    assert.strictEqual((await mockControl.tasks()).length, 4, 'Use this sends nothing');

    // Up to date: Regenerate without "Out of date", and no out-of-date diagnostic.
    const titles = await waitFor('the lenses of an up-to-date image', async () => {
      const now = await lensTitles(uri);
      return now.every((title) => title !== '') && now.some((title) => title.includes('Regenerate')) ? now : undefined;
    });
    assert.ok(!titles.some((title) => title.includes('Out of date')), JSON.stringify(titles));
    assert.deepStrictEqual(
      vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.code === 'out-of-date'),
      [],
    );
    // The studio is no longer bound: its next Use this inserts at the editor again.
    const lastBinding = sent().filter((message) => message.type === 'binding').pop();
    assert.ok(lastBinding?.type === 'binding' && lastBinding.label === undefined, JSON.stringify(lastBinding));
  });

  it('the picked variation is saved as the directive asks (format=webp max-width=640): a .webp link, up to date', async () => {
    const raw = '<!-- spark-image: A paper kite over dunes {seed=700 format=webp max-width=640} -->';
    const uri = await writeText('docs/try-variations-webp.md', `# Kite\n\n${raw}\n\nEnd.\n`);
    await openAt(uri, 0);
    await waitFor('the Try Variations lens', async () => (await lensTitles(uri)).some((title) => title.includes('Try Variations')));
    await vscode.commands.executeCommand('sparkImage.directive.tryVariations', { uri: uri.toString(), index: 0, raw });
    const binding = await waitFor('the binding sent to the page', () => [...sent()].reverse().find((message): message is Extract<ToWebview, { type: 'binding' }> => message.type === 'binding' && message.label === 'try-variations-webp.md:3'));
    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { ...(binding.params as ComposeParams), count: 2 } }), true);
    const picked = await waitFor('two variations done', () => {
      const jobs = sent()
        .slice(from)
        .flatMap((message) => (message.type === 'job' && message.job.group !== undefined && message.job.phase === 'done' ? [message.job] : []));
      return jobs.find((job) => job.seed === 701 && job.entryId);
    }, 30_000);
    await waitFor('the picked entry kept', () => history().find((row) => row.id === picked.entryId && row.kept));
    assert.strictEqual(await api.studio.receive({ type: 'use', entryId: picked.entryId ?? '' }), true);

    const document = await vscode.workspace.openTextDocument(uri);
    const after = await waitFor('the directive pinned and linked', () => (document.getText().includes('seed=701') && document.getText().includes('](') ? document.getText() : undefined));
    assert.match(after, /!\[A paper kite over dunes\]\(images\/a-paper-kite-over-dunes-701\.webp\)/);
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), 'docs/images/a-paper-kite-over-dunes-701.webp'));
    assert.strictEqual(Buffer.from(bytes.subarray(8, 12)).toString('latin1'), 'WEBP');
    const titles = await waitFor('the lenses of an up-to-date image', async () => {
      const now = await lensTitles(uri);
      return now.every((title) => title !== '') && now.some((title) => title.includes('Regenerate')) ? now : undefined;
    });
    assert.ok(!titles.some((title) => title.includes('Out of date')), JSON.stringify(titles));
  });
});
