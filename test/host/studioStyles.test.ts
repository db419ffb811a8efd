import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TestingApi } from '../../src/testingApi';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { isActivePhase, type HistoryView, type JobView, type ToWebview } from '../../src/studio/protocol';
import { mockControl, openAt, useSparkAgainstMock, workspaceRoot, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

/** The studio's style picker: the nearest spark-image.json's styles, the default preselected, none to opt out. */
describe('Image Studio panel: house style picker', function () {
  this.timeout(60_000);
  const spark = useSparkAgainstMock({ queuedMs: 20, durationMs: 100 }, {}, { closeEditors: 'after' });
  let api: TestingApi;
  before(() => (api = spark()));
  after(() => vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'studio-styled'), { recursive: true, useTrash: false }).then(undefined, () => undefined));

  const sent = (): readonly ToWebview[] => api.studio.sent();
  const history = (): HistoryView[] => {
    const last = [...sent()].reverse().find((message) => message.type === 'history' || message.type === 'init');
    return last?.type === 'history' ? last.entries : last?.type === 'init' ? last.history : [];
  };

  /** Generates one image with `style` and returns the mock's prompt and the saved image's provenance. */
  async function generate(prompt: string, style: string): Promise<{ sentPrompt: string; userPrompt?: string; styleName?: string }> {
    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { prompt, width: 1328, height: 1328, seed: 5, expansion: 'off', style } }), true);
    const job = await waitFor(`the job of "${prompt}"`, () => {
      const last = sent()
        .slice(from)
        .flatMap((message): JobView[] => (message.type === 'job' ? [message.job] : []))
        .pop();
      return last && !isActivePhase(last.phase) ? last : undefined;
    });
    assert.strictEqual(job.phase, 'done', job.message);
    const row = await waitFor('its history entry', () => history().find((entry) => entry.id === job.entryId && entry.imagePath));
    const provenance = readEmbeddedProvenance(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), row.imagePath ?? '')));
    const task = (await mockControl.tasks()).pop();
    return { sentPrompt: task?.prompt ?? '', userPrompt: provenance?.userPrompt, styleName: provenance?.style?.name };
  }

  it('offers the styles of the nearest spark-image.json with the default preselected; the chosen style reaches the mock, the provenance records userPrompt and style; none opts out; an unknown one sends nothing', async () => {
    await writeText('studio-styled/spark-image.json', JSON.stringify({ styles: { brand: { prompt: 'flat vector illustration of {prompt}, teal and coral' }, ink: { prompt: '{prompt}, black ink sketch' } }, defaults: { style: 'brand' } }));
    const doc = await writeText('studio-styled/page.md', '# Styled\n');
    await openAt(doc, 0);
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
    // The picker follows the document Insert writes into: its folder's file.
    const offered = await waitFor('the styles offered', () => sent().find((message): message is Extract<ToWebview, { type: 'styles' }> => message.type === 'styles' && message.names.includes('brand')));
    assert.deepStrictEqual([offered.names, offered.preselected], [['brand', 'ink'], 'brand']);

    const brand = await generate('a red fox', 'brand');
    assert.deepStrictEqual(brand, { sentPrompt: 'flat vector illustration of a red fox, teal and coral', userPrompt: 'a red fox', styleName: 'brand' });
    const ink = await generate('a heron', 'ink');
    assert.deepStrictEqual(ink, { sentPrompt: 'a heron, black ink sketch', userPrompt: 'a heron', styleName: 'ink' });
    const none = await generate('a plain cup', 'none');
    assert.strictEqual(none.sentPrompt, 'a plain cup');
    assert.strictEqual(none.styleName, undefined);

    const creates = (await mockControl.counts()).creates;
    const from = sent().length;
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { prompt: 'a ghost', width: 1328, height: 1328, seed: 5, expansion: 'off', style: 'ghost' } }), true);
    const notice = await waitFor('the refusal', () => sent().slice(from).find((message) => message.type === 'notice' && message.level === 'error'));
    assert.match(notice.type === 'notice' ? notice.text : '', /Unknown style ghost: .*spark-image\.json defines brand, ink\. Nothing was sent\./);
    assert.strictEqual((await mockControl.counts()).creates, creates, 'nothing sent');
  });
});
