import * as assert from 'assert';
import * as vscode from 'vscode';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import type { GenerationRecord } from '../../src/editor/generation/generationService';
import type { HistoryView, ToWebview } from '../../src/studio/protocol';
import type { TestingApi } from '../../src/testingApi';
import { exists, FAST_TASK, mockControl, openAt, quietPeriod, useSparkAgainstMock, workspaceRoot, writeText } from './sparkHarness';
import { waitFor } from './waitFor';

/** The studio's save controls (issue 21): format, max width and encode quality act as the command's arguments. */

const WEBP_MAGIC = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP';

describe('Image Studio: save controls for web-ready output', function () {
  this.timeout(90_000);
  const spark = useSparkAgainstMock(FAST_TASK, {}, { closeEditors: 'after' });
  let api: TestingApi;
  before(() => (api = spark()));
  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'studio-web'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  const sent = (): readonly ToWebview[] => api.studio.sent();
  const history = (): HistoryView[] => {
    const last = [...sent()].reverse().find((message) => message.type === 'history' || message.type === 'init');
    return last?.type === 'history' ? last.entries : last?.type === 'init' ? last.history : [];
  };

  async function openStudioAt(relative: string, text: string): Promise<vscode.TextEditor> {
    const uri = await writeText(relative, text);
    const editor = await openAt(uri, text.length);
    await vscode.commands.executeCommand('sparkImage.openStudio');
    await waitFor('the studio panel', () => api.studio.isOpen);
    return editor;
  }

  /** The image is a RIFF/WEBP file `width` px wide (read from the file), whose provenance records the transform. */
  async function assertWebp(image: vscode.Uri, width: number): Promise<void> {
    assert.match(image.path, /\.webp$/);
    const bytes = await vscode.workspace.fs.readFile(image);
    assert.ok(WEBP_MAGIC(bytes), `${image.path} is not a RIFF/WEBP file`);
    assert.deepStrictEqual([sniffImage(bytes)?.format, sniffImage(bytes)?.width], ['webp', width]);
    const provenance = readEmbeddedProvenance(bytes);
    assert.ok(provenance, 'the provenance is inside the WebP');
    assert.deepStrictEqual([provenance.output?.format, provenance.output?.width, provenance.output?.quality, provenance.output?.originalWidth], ['webp', width, 82, provenance.width]);
    assert.ok(provenance.width > width, 'the API made a larger image');
  }

  it('the preset is what applies for the target: its nearest spark-image.json output', async () => {
    await writeText('studio-web/preset/spark-image.json', JSON.stringify({ output: { format: 'jpeg', maxWidth: 900, quality: 70 } }));
    await openStudioAt('studio-web/preset/page.md', '# Preset\n\n');
    const preset = await waitFor('the preset of studio-web/preset/spark-image.json', () => {
      const message = [...sent()].reverse().find((one) => one.type === 'output');
      return message?.type === 'output' && message.preset.maxWidth === 900 ? message.preset : undefined;
    }, 15_000);
    assert.deepStrictEqual(preset, { format: 'jpeg', maxWidth: 900, quality: 70 });
  });

  it('WebP and 640 px: Generate saves a 640 px .webp, Insert links it, the provenance records the transform', async () => {
    const editor = await openStudioAt('studio-web/generate.md', '# Web\n\nHere: \n');
    const records: GenerationRecord[] = [];
    const listener = api.service.onDidRecord((record) => records.push(record));
    try {
      const params = { prompt: 'studio web lighthouse', width: 1328, height: 1328, seed: 41, expansion: 'off', output: { format: 'webp', maxWidth: 640 } };
      assert.strictEqual(await api.studio.receive({ type: 'generate', params }), true);
      const record = await waitFor('the generation record', () => records[0], 30_000);
      assert.strictEqual(record.kind, 'completed', JSON.stringify(record));
      if (record.kind !== 'completed') {
        return;
      }
      await assertWebp(record.images[0], 640);
      await waitFor('the insert', async () => (await api.studio.receive({ type: 'insert', entryId: record.provenance.taskId })) && editor.document.getText().includes('lighthouse'), 10_000);
      assert.match(editor.document.getText(), /!\[studio web lighthouse\]\(images\/studio-web-lighthouse-41\.webp\)$/);
    } finally {
      listener.dispose();
    }
  });

  it('Regenerate from the history saves with the controls as they are now: a PNG entry made again as a 480 px .webp', async () => {
    await openStudioAt('studio-web/regenerate.md', '# Again\n\n');
    const records: GenerationRecord[] = [];
    const listener = api.service.onDidRecord((record) => records.push(record));
    try {
      const params = { prompt: 'studio web harbour', width: 1328, height: 1328, seed: 43, expansion: 'off' };
      assert.strictEqual(await api.studio.receive({ type: 'generate', params }), true);
      const first = await waitFor('the first record', () => records[0], 30_000);
      assert.ok(first.kind === 'completed' && first.images[0].path.endsWith('.png'), JSON.stringify(first));
      const entry = await waitFor('its history entry', () => history().find((row) => row.prompt === 'studio web harbour'));
      assert.strictEqual(await api.studio.receive({ type: 'regenerate', entryId: entry.id, variation: false, output: { format: 'webp', maxWidth: 480 } }), true);
      const second = await waitFor('the regenerated record', () => records[1], 30_000);
      assert.strictEqual(second.kind, 'completed', JSON.stringify(second));
      if (second.kind === 'completed') {
        await assertWebp(second.images[0], 480);
        assert.strictEqual(second.provenance.seed, 43, 'Regenerate keeps the seed');
      }
    } finally {
      listener.dispose();
    }
  });

  it('Use this for a variation saves it with the controls: a 640 px .webp linked at the target', async () => {
    const editor = await openStudioAt('studio-web/variations.md', '# Variations\n\n');
    const prompt = 'studio web variation';
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { prompt, width: 1328, height: 1328, seed: -1, expansion: 'off', count: 2 } }), true);
    const kept = await waitFor('two kept variations', () => {
      const rows = history().filter((row) => row.prompt === prompt && row.kept);
      return rows.length === 2 ? rows : undefined;
    }, 30_000);
    assert.strictEqual(await api.studio.receive({ type: 'use', entryId: kept[0].id, output: { format: 'webp', maxWidth: 640 } }), true);
    const used = await waitFor('the used one in the workspace', () => history().find((row) => row.id === kept[0].id && !row.kept && row.imagePath));
    await assertWebp(vscode.Uri.joinPath(workspaceRoot(), used?.imagePath ?? ''), 640);
    assert.match(editor.document.getText(), new RegExp(`\\]\\(images/studio-web-variation-${kept[0].seed}\\.webp\\)`));
  });

  it('a bad max width or quality is refused with the rule and the value, and nothing is sent', async () => {
    await openStudioAt('studio-web/refused/refused.md', '# Refused\n\n');
    const before = (await mockControl.counts()).creates;
    const base = { prompt: 'studio web refused', width: 1328, height: 1328, seed: 5, expansion: 'off' };
    for (const [output, text] of [
      [{ format: 'webp', maxWidth: 0 }, 'The max width must be a whole number of pixels from 16 to 8192, not 0.'],
      [{ maxWidth: 640.5 }, 'not 640.5.'],
      [{ format: 'jpeg', quality: 101 }, 'The encode quality must be a whole number from 1 to 100, not 101.'],
    ] as const) {
      const from = sent().length;
      assert.strictEqual(await api.studio.receive({ type: 'generate', params: { ...base, output } }), true);
      const notice = await waitFor('the refusal', () => sent().slice(from).find((message) => message.type === 'notice' && message.level === 'error'));
      assert.ok(notice.type === 'notice' && notice.text.includes(text) && notice.text.includes('Nothing was sent.'), JSON.stringify(notice));
    }
    // A shape the protocol does not know is dropped before anything runs.
    assert.strictEqual(await api.studio.receive({ type: 'generate', params: { ...base, output: { format: 'gif' } } }), false);
    await quietPeriod();
    assert.strictEqual((await mockControl.counts()).creates, before, 'the mock saw no create');
    assert.ok(!(await exists(vscode.Uri.joinPath(workspaceRoot(), 'studio-web/refused/images'))), 'nothing written');
  });
});
