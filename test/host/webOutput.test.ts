import * as assert from 'assert';
import * as vscode from 'vscode';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { configure, FAST_TASK, mockControl, openAt, useSparkAgainstMock, workspaceRoot, writeText } from './sparkHarness';
import { answerEveryModal } from './standIn';
import { waitFor } from './waitFor';

/** Web-ready output in the editor (issue 21): each test has a folder of its own, so the nearest spark-image.json is its own. */

const WEBP_MAGIC = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP';

/** The image the directive's link points at, once there is one. */
async function linkedImage(uri: vscode.Uri, extension: string): Promise<vscode.Uri> {
  const document = await vscode.workspace.openTextDocument(uri);
  const path = await waitFor(`a link to a .${extension}`, () => new RegExp(`\\]\\(([^)]+\\.${extension})\\)`).exec(document.getText())?.[1]);
  return vscode.Uri.joinPath(uri, '..', path);
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
}

/** The lens whose title matches, once every lens has its title. */
async function lensWhen(uri: vscode.Uri, what: string, title: RegExp): Promise<vscode.CodeLens> {
  let seen: string[] = [];
  return waitFor(what, async () => {
    const found = await lenses(uri);
    seen = found.map((lens) => lens.command?.title ?? '');
    return seen.every((text) => text !== '') && found.find((lens) => title.test(lens.command?.title ?? ''));
  }).catch((error: Error) => assert.fail(`${error.message}; the lenses were ${JSON.stringify(seen)}`));
}

async function run(lens: vscode.CodeLens | vscode.CodeAction): Promise<unknown> {
  const command = lens.command as vscode.Command;
  return vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

async function replaceText(uri: vscode.Uri, from: string, to: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const at = document.getText().indexOf(from);
  assert.ok(at >= 0, `${from} is not in the document`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

function ours(uri: vscode.Uri, code: string): vscode.Diagnostic | undefined {
  return vscode.languages.getDiagnostics(uri).find((diagnostic) => diagnostic.source === 'Spark Image' && diagnostic.code === code);
}

async function quickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
  const action = actions.find((candidate) => title.test(candidate.title));
  assert.ok(action, `no quick fix ${title}; offered: ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
  return action;
}

/** Generates a page's directives and returns the one linked image. */
async function generated(relative: string, text: string, extension: string): Promise<{ uri: vscode.Uri; image: vscode.Uri }> {
  const uri = await writeText(relative, text);
  await openAt(uri, 0);
  const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
  assert.strictEqual(summary.generated, 1);
  return { uri, image: await linkedImage(uri, extension) };
}

async function widthOf(image: vscode.Uri): Promise<number | undefined> {
  return sniffImage(await vscode.workspace.fs.readFile(image))?.width;
}

describe('web-ready output in the editor (against the mock)', function () {
  this.timeout(90_000);
  const api = useSparkAgainstMock(FAST_TASK, { batchConcurrency: 2 });
  const folders = ['web-directive', 'web-setting', 'web-resume', 'web-stale', 'web-fix', 'web-nocache', 'web-budget', 'web-batch'];

  after(async () => {
    await configure({ 'output.format': undefined, 'output.maxWidth': undefined, 'output.cacheMaxMB': undefined });
    for (const folder of folders) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), folder), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });

  it('a directive with format=webp max-width=800 links an 800 px .webp whose provenance records the transform', async () => {
    const uri = await writeText('web-directive/page.md', '# Web\n\n<!-- spark-image: A lighthouse at dusk {format=webp max-width=800 seed=931} -->\n');
    await openAt(uri, 0);
    const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
    assert.strictEqual(summary.generated, 1);
    const image = await linkedImage(uri, 'webp');
    const bytes = await vscode.workspace.fs.readFile(image);
    assert.ok(WEBP_MAGIC(bytes), `${image.path} is not a RIFF/WEBP file`);
    const info = sniffImage(bytes);
    assert.deepStrictEqual([info?.format, info?.width], ['webp', 800]);
    const provenance = readEmbeddedProvenance(bytes);
    assert.ok(provenance, 'the provenance is inside the WebP');
    assert.strictEqual(provenance.seed, 931);
    assert.deepStrictEqual([provenance.output?.format, provenance.output?.width, provenance.output?.quality, provenance.output?.originalWidth], ['webp', 800, 82, provenance.width]);
    assert.ok(provenance.width > 800, 'the API made a larger image');
    // The hover reads the provenance from the WebP: the size the API made, and what the file is.
    const document = await vscode.workspace.openTextDocument(uri);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(document.getText().indexOf('lighthouse')))) ?? [];
    const hover = hovers.flatMap((one) => one.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n').replace(/&nbsp;/g, ' ');
    assert.match(hover, new RegExp(`Output:\\*\\* webp 800×${provenance.output?.height} q82`));
    assert.match(hover, /Seed:\*\* 931/);
  });

  it('the sparkImage.output.format setting applies when neither the directive nor a spark-image.json says', async () => {
    await configure({ 'output.format': 'jpeg' });
    try {
      const uri = await writeText('web-setting/page.md', '# Setting\n\n<!-- spark-image: A red bicycle {seed=932} -->\n');
      await openAt(uri, 0);
      const summary = (await vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false })) as { generated: number };
      assert.strictEqual(summary.generated, 1);
      const bytes = await vscode.workspace.fs.readFile(await linkedImage(uri, 'jpg'));
      assert.strictEqual(sniffImage(bytes)?.format, 'jpeg');
      assert.strictEqual(readEmbeddedProvenance(bytes)?.output?.format, 'jpeg');
    } finally {
      await configure({ 'output.format': undefined });
    }
    assert.strictEqual((await mockControl.counts()).creates, 1);
  });

  it('a styled directive with output options keeps both with its task, and a task resumed after a reload is saved with them (a .webp at its width, its style in the provenance)', async () => {
    await writeText('web-resume/spark-image.json', JSON.stringify({ styles: { brand: { prompt: 'flat vector of {prompt}' } }, defaults: { style: 'brand' } }));
    const uri = await writeText('web-resume/page.md', '# Resume\n\n<!-- spark-image: A harbor crane {format=webp max-width=640 seed=933} -->\n');
    await openAt(uri, 0);
    await mockControl.scenario({ default: { queuedMs: 10, durationMs: 1500 } });
    const running = vscode.commands.executeCommand('sparkImage.generateAllInDocument', { confirm: false });
    const kept = await waitFor('the kept task', () => api().pending.list().find((entry) => entry.request.prompt === 'flat vector of A harbor crane'));
    assert.deepStrictEqual(kept.target?.output, { format: 'webp', maxWidth: 640, quality: 82 });
    assert.deepStrictEqual(kept.target?.styled, { userPrompt: 'A harbor crane', style: { name: 'brand', template: 'flat vector of {prompt}' } });
    await running;

    // As a reloaded window finds it: only the stored entry says what the run asked for.
    const request = { model: 'spark_image_3_1', prompt: 'flat vector of A harbor crane', use_pre_llm: true, seed: 934, width: 1328, height: 1328 };
    const taskId = await mockControl.createTask(request);
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    await api().pending.put({ taskId, request, createdAt: Date.now(), target: { ...kept.target!, anchor: { offset: text.length, lineText: '' } } });
    await api().service.resumeInterrupted();
    const path = await waitFor('the resumed link', () => /\]\(([^)]*934[^)]*\.webp)\)/.exec(document.getText())?.[1], 15_000);
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, '..', path));
    const provenance = readEmbeddedProvenance(bytes);
    assert.deepStrictEqual([sniffImage(bytes)?.format, sniffImage(bytes)?.width], ['webp', 640]);
    assert.deepStrictEqual([provenance?.userPrompt, provenance?.style?.name], ['A harbor crane', 'brand']);
  });

  it('a max-width= edit gives "Out of date: output (…)"; its Regenerate re-encodes from the kept original (wider than the file) without a create', async () => {
    const { uri, image } = await generated('web-stale/page.md', '# Stale\n\n<!-- spark-image: A windmill {format=webp max-width=800 seed=941} -->\n', 'webp');
    // Wider than the committed file: only the kept original (1328 px) can make it without a request.
    await replaceText(uri, 'max-width=800', 'max-width=1000');
    const label = await lensWhen(uri, 'the Out of date: output lens', /Out of date: output/);
    assert.match(label.command?.title ?? '', /Out of date: output \(webp 800 px q82 → webp 1000 px q82\)/);
    const regenerate = await lensWhen(uri, 'the re-encoding Regenerate', /Regenerate \(re-encode, no request\)/);
    await run(regenerate);
    assert.strictEqual(await widthOf(image), 1000);
    assert.strictEqual(readEmbeddedProvenance(await vscode.workspace.fs.readFile(image))?.output?.width, 1000);
    assert.strictEqual((await mockControl.counts()).creates, 1, 're-encoded without a request');
    await lensWhen(uri, 'the lenses of an up-to-date image', /^\$\(refresh\) Regenerate$/);
    assert.ok(!(await lenses(uri)).some((lens) => lens.command?.title.includes('Out of date')));
  });

  it('the out-of-date: output diagnostic has a quick fix that re-encodes without a create, and the link follows the new extension', async () => {
    const { uri } = await generated('web-fix/page.md', '# Fix\n\n<!-- spark-image: A teapot {format=webp seed=942} -->\n', 'webp');
    await replaceText(uri, 'format=webp', 'format=jpeg');
    const diagnostic = await waitFor('the out-of-date: output diagnostic', () => ours(uri, 'out-of-date-output'));
    assert.match(diagnostic.message, /out of date: output \(webp 1328 px q82 → jpeg 1328 px q82\)/);
    await run(await quickFix(uri, diagnostic, /Re-encode the image at the output asked for/));
    const jpeg = await linkedImage(uri, 'jpg');
    assert.strictEqual(sniffImage(await vscode.workspace.fs.readFile(jpeg))?.format, 'jpeg');
    assert.strictEqual((await mockControl.counts()).creates, 1, 're-encoded without a request');
    await waitFor('the diagnostic gone', () => ours(uri, 'out-of-date-output') === undefined);
  });

  it('without a kept original: a smaller width is re-encoded from the committed file (no create); a larger one asks first, with the cost, then regenerates with the same seed', async () => {
    await configure({ 'output.cacheMaxMB': 0 });
    const modals = answerEveryModal('showWarningMessage', () => 'Regenerate');
    try {
      const { uri, image } = await generated('web-nocache/page.md', '# No cache\n\n<!-- spark-image: A lantern {format=webp max-width=600 seed=943} -->\n', 'webp');
      await replaceText(uri, 'max-width=600', 'max-width=300');
      await run(await lensWhen(uri, 'the re-encoding Regenerate', /Regenerate \(re-encode, no request\)/));
      assert.strictEqual(await widthOf(image), 300);
      assert.deepStrictEqual([(await mockControl.counts()).creates, modals.asked.length], [1, 0]);

      await replaceText(uri, 'max-width=300', 'max-width=900');
      const paid = await lensWhen(uri, 'the paid Regenerate', /Regenerate \(≈ \$/);
      await run(paid);
      assert.strictEqual(modals.asked.length, 1);
      assert.match(modals.asked[0].text, /cannot be re-encoded as webp 900 px q82 without a request.*same seed 943\? Cost: ≈ \$0\.0\d, estimated/);
      const tasks = await mockControl.tasks();
      assert.deepStrictEqual(tasks.map((task) => task.seed), [943, 943]);
      assert.strictEqual(await widthOf(await linkedImage(uri, 'webp')), 900);
    } finally {
      modals.restore();
      await configure({ 'output.cacheMaxMB': undefined });
    }
  });

  it('an image over the budget of spark-image.json gets a Warning on its directive (its weight and the budget); the quick fix re-encodes it (no create) and the warning goes', async () => {
    const { uri, image } = await generated('web-budget/page.md', '# Budget\n\n<!-- spark-image: A busy market street {seed=944} -->\n', 'png');
    const heavy = (await vscode.workspace.fs.stat(image)).size;
    await writeText('web-budget/spark-image.json', JSON.stringify({ output: { format: 'webp', maxWidth: 320, quality: 60 }, budget: { maxBytes: Math.floor(heavy / 4) } }));
    const diagnostic = await waitFor('the budget diagnostic', () => ours(uri, 'over-budget'));
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, new RegExp(`The image is [\\d,]+ KB, over the [\\d,]+ KB budget \\(${heavy.toLocaleString('en-US')} bytes; budget.maxBytes ${Math.floor(heavy / 4).toLocaleString('en-US')} in `));
    await run(await quickFix(uri, diagnostic, /Re-encode the image at the configured output/));
    const webp = await linkedImage(uri, 'webp');
    assert.strictEqual(await widthOf(webp), 320);
    assert.strictEqual((await mockControl.counts()).creates, 1, 're-encoded without a request');
    await waitFor('the budget diagnostic gone', () => ours(uri, 'over-budget') === undefined);
  });

  it('Regenerate All Out-of-Date re-encodes an output change without a create: the question lists it as a re-encode and counts no cost for it', async () => {
    const { uri, image } = await generated('web-batch/page.md', '# Batch\n\n<!-- spark-image: A quiet pier {format=webp max-width=700 seed=945} -->\n', 'webp');
    await replaceText(uri, 'max-width=700', 'max-width=500');
    const modals = answerEveryModal('showInformationMessage', () => 'Regenerate');
    try {
      const summary = (await vscode.commands.executeCommand('sparkImage.regenerateOutOfDateInDocument', { uri })) as { planned: number; generated: number; estimatedCostUsd: number };
      assert.deepStrictEqual([summary.planned, summary.generated, summary.estimatedCostUsd], [1, 1, 0]);
      assert.strictEqual(modals.asked.length, 1);
      assert.match(String(modals.asked[0].options.detail), /output \(webp 700 px q82 → webp 500 px q82\): re-encoded from the kept original, no request/);
    } finally {
      modals.restore();
    }
    assert.strictEqual(await widthOf(image), 500);
    assert.strictEqual((await mockControl.counts()).creates, 1, 're-encoded without a request');
  });
});
