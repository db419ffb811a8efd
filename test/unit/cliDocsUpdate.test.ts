import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { MockServer, startMockServer } from '../mock/server';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-docs-update-test-7e1d2c';

const ORIGINAL = [
  '# Update',
  '',
  '<!-- spark-image: A red fox in the snow {size=1664x936 seed=42} -->',
  '',
  '<!-- spark-image: An old map {seed=7} -->',
  '',
  '<!-- spark-image: A paper boat -->',
  '',
  '<!-- spark-image: A hand-made picture {seed=5} -->',
  '',
  '![A hand-made picture](images/hand-made.png)',
  '',
  'Closing.',
  '',
].join('\n');

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is not in the text`);
  return text.slice(0, at).split('\n').length;
}

describe('spark-image docs: out-of-date images, alt text, --update, --json (dist/cli.js against the mock)', function () {
  this.timeout(60_000);
  let mock: MockServer;
  let dir: string;
  let doc: string;

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl } });
  }

  function text(): string {
    return fs.readFileSync(doc, 'utf8');
  }

  function edit(from: string, to: string): void {
    assert.ok(text().includes(from), `${from} is not in the document`);
    fs.writeFileSync(doc, text().replace(from, to));
  }

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: KEY });
  });

  after(() => mock.close());

  beforeEach(async () => {
    mock.reset();
    mock.setScenario({ default: { queuedMs: 20, durationMs: 60 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-docs-update-'));
    fs.mkdirSync(path.join(dir, 'docs/images'), { recursive: true });
    doc = path.join(dir, 'docs/update.md');
    fs.writeFileSync(doc, ORIGINAL);
    // An image nobody generated: no provenance, so it is "unknown" and never called stale.
    fs.writeFileSync(path.join(dir, 'docs/images/hand-made.png'), 'not a generated image');
    const filled = await run(['docs']);
    assert.strictEqual(filled.code, 0, filled.stderr);
    assert.strictEqual(mock.counts.creates, 3);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--check passes when every image matches its directive; an image without provenance is only a note', async () => {
    const result = await run(['docs', '--check']);
    assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    assert.strictEqual(result.stdout, '');
    assert.match(result.stderr, new RegExp(`docs/update\\.md:${lineOf(text(), 'hand-made picture {')}: note: docs/images/hand-made\\.png has no provenance`));
    assert.strictEqual(mock.counts.creates, 3, '--check sends nothing');
  });

  it('--check exits 1 listing each stale image with file:line and what changed, the alt text to update and the missing image; --check=missing only the missing one', async () => {
    edit('A red fox in the snow {', 'A grey wolf\n   in the snow {');
    edit('An old map {seed=7}', 'An old map {seed=8}');
    edit('A paper boat -->', 'A paper boat {alt="Our paper boat"} -->');
    edit('A hand-made picture {seed=5}', 'A hand-made picture {seed=6}');
    // Before a missing image is added, --check=missing (today's gate) still passes.
    const onlyMissingBefore = await run(['docs', '--check=missing']);
    assert.strictEqual(onlyMissingBefore.code, 0, onlyMissingBefore.stdout);
    assert.strictEqual(onlyMissingBefore.stdout, '');
    fs.writeFileSync(doc, `${text()}<!-- spark-image: A kite -->\n`);
    const now = text();

    const result = await run(['docs', '--check']);
    assert.strictEqual(result.code, 1, result.stderr);
    assert.deepStrictEqual(result.stdout.trimEnd().split('\n'), [
      `docs/update.md:${lineOf(now, 'A grey wolf')}: out of date (prompt): docs/images/a-red-fox-in-the-snow-42.png`,
      '    prompt: “A red fox in the snow” → “A grey wolf in the snow”',
      `docs/update.md:${lineOf(now, 'An old map')}: out of date (seed): docs/images/an-old-map-7.png`,
      '    seed: 7 → 8',
      `docs/update.md:${lineOf(now, 'A paper boat')}: alt text to update (the image is up to date): “A paper boat” → “Our paper boat”`,
      `docs/update.md:${lineOf(now, 'A kite')}: no image for “A kite”`,
    ]);
    assert.match(result.stderr, /note: docs\/images\/hand-made\.png has no provenance/, 'the image without provenance is reported, not called stale');
    assert.match(result.stderr, /1 without an image, 2 out of date, 1 with an alt text to update/);
    assert.match(result.stderr, /\nRun "spark-image docs --update" to generate the missing images, regenerate the out-of-date ones and update the alt texts\.\n/);

    const onlyMissing = await run(['docs', '--check=missing']);
    assert.strictEqual(onlyMissing.code, 1);
    assert.deepStrictEqual(onlyMissing.stdout.trimEnd().split('\n'), [`docs/update.md:${lineOf(now, 'A kite')}: no image for “A kite”`]);

    const json = await run(['docs', '--check', '--json']);
    assert.strictEqual(json.code, 1);
    const report = JSON.parse(json.stdout) as { ok: boolean; files: number; directives: number; items: Array<{ line: number; status: string; changes?: unknown; alt?: unknown }> };
    assert.deepStrictEqual([report.ok, report.files, report.directives], [false, 1, 5]);
    assert.deepStrictEqual(
      report.items.map((item) => [item.line, item.status]),
      [
        [lineOf(now, 'A grey wolf'), 'stale'],
        [lineOf(now, 'An old map'), 'stale'],
        [lineOf(now, 'A paper boat'), 'alt'],
        [lineOf(now, 'A hand-made picture'), 'unknown'],
        [lineOf(now, 'A kite'), 'missing'],
      ],
    );
    assert.deepStrictEqual(report.items[1].changes, [{ field: 'seed', was: '7', now: '8' }]);
    assert.deepStrictEqual(report.items[2].alt, { was: 'A paper boat', now: 'Our paper boat' });
    assert.strictEqual(mock.counts.creates, 3, 'no check sends anything');
  });

  it('--update --dry-run shows the plan and its cost; --update regenerates only what is stale or missing, fixes the alt text without generating, and a second run sends nothing', async () => {
    edit('A red fox in the snow {', 'A grey wolf in the snow {');
    edit('An old map {seed=7}', 'An old map {seed=8}');
    edit('A paper boat -->', 'A paper boat {alt="Our paper boat"} -->');
    fs.writeFileSync(doc, `${text()}<!-- spark-image: A kite {size=2k-1:1} -->\n`);
    const boatLink = /!\[A paper boat\]\((images\/a-paper-boat-\d+\.png)\)/.exec(text())?.[1];
    assert.ok(boatLink, text());

    const plan = await run(['docs', '--update', '--dry-run']);
    assert.strictEqual(plan.code, 0, plan.stderr);
    const planLines = plan.stdout.trimEnd().split('\n');
    assert.match(planLines[0], /update\.md:3 {2}1664×936 {2}seed 42 {2}“A grey wolf in the snow” {2}\(out of date: prompt\)/);
    assert.match(planLines[1], /seed 8 {2}“An old map” {2}\(out of date: seed\)/);
    assert.match(planLines[2], /2048×2048 {2}seed random {2}“A kite”$/);
    assert.match(planLines[3], /alt text “A paper boat” → “Our paper boat” {2}\(no image generated\)/);
    assert.strictEqual(planLines[4], '3 image(s) to generate and 1 alt text(s) to update for free, ≈ $0.12, estimated ($0.03 per 1K image (assumed), $0.06 above 1328×1328 (assumed)).');
    const planJson = JSON.parse((await run(['docs', '--update', '--dry-run', '--json'])).stdout) as { generate: number; altUpdates: number; estimatedCostUsd: number };
    assert.deepStrictEqual([planJson.generate, planJson.altUpdates, planJson.estimatedCostUsd], [3, 1, 0.12]);
    assert.strictEqual(mock.counts.creates, 3, 'the plan sends nothing');

    const update = await run(['docs', '--update', '--json']);
    assert.strictEqual(update.code, 0, update.stderr);
    assert.strictEqual(mock.counts.creates, 6, 'three images: the two stale ones and the missing one');
    const sent = mock.tasks.slice(3).map((task) => [task.prompt, task.width, task.height, task.seed === 8 || task.seed === 42 ? task.seed : 'random']);
    assert.deepStrictEqual(sent.sort(), [
      ['A grey wolf in the snow', 1664, 936, 42],
      ['A kite', 2048, 2048, 'random'],
      ['An old map', 1328, 1328, 8],
    ]);
    const report = JSON.parse(update.stdout) as { generated: Array<{ path: string; seed: number }> };
    assert.strictEqual(report.generated.length, 3);
    const after = text();
    assert.ok(after.includes(`![Our paper boat](${boatLink})`), `the alt text is updated and the image kept: ${after}`);
    assert.match(after, /!\[A grey wolf in the snow\]\(images\/a-grey-wolf-in-the-snow-42\.png\)/);
    assert.match(after, /!\[An old map\]\(images\/an-old-map-8\.png\)/);
    assert.match(after, /<!-- spark-image: A kite \{size=2k-1:1\} -->\n\n!\[A kite\]\(images\/a-kite-\d+\.png\)\n/);
    assert.strictEqual(readEmbeddedProvenance(fs.readFileSync(path.join(dir, 'docs/images/an-old-map-8.png')))?.seed, 8);

    const again = await run(['docs', '--update']);
    assert.strictEqual(again.code, 0, again.stderr);
    assert.strictEqual(mock.counts.creates, 6, 'nothing sent the second time');
    assert.strictEqual(text(), after, 'nothing rewritten the second time');
    const check = await run(['docs', '--check']);
    assert.strictEqual(check.code, 0, check.stdout);
  });

  it('without --update, a plain run fills only the missing images and leaves stale ones for --check to report', async () => {
    edit('An old map {seed=7}', 'An old map {seed=8}');
    fs.writeFileSync(doc, `${text()}<!-- spark-image: A kite {alt="A kite, flying"} -->\n`);
    const result = await run(['docs']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.strictEqual(mock.counts.creates, 4);
    assert.match(text(), /!\[A kite, flying\]\(images\/a-kite-\d+\.png\)/, 'a new link gets the directive\'s alt text');
    const check = await run(['docs', '--check']);
    assert.strictEqual(check.code, 1);
    assert.match(check.stdout, /out of date \(seed\)/);
  });
});
