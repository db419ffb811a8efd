import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { globToRegExp } from '../../src/cli/docs/docsFiles';
import { parseArgs } from '../../src/cli/args';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { MockServer, startMockServer } from '../mock/server';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-docs-test-51c0ffee9a7d';

const GUIDE = [
  '# Guide',
  '',
  '<!-- spark-image: A red fox in the snow {size=1664x936 seed=42} -->',
  '',
  'Text between.',
  '',
  '<!-- spark-image: An old map',
  '     of the islands {aspect=3:2 quality=2k seed=7 expand=false} -->',
  '',
  '```md',
  '<!-- spark-image: only an example in a code block -->',
  '```',
  '',
].join('\n');

const DONE = '# Done\n\n<!-- spark-image: already there -->\n![already there](images/there.png)\n';

describe('spark-image docs (dist/cli.js against the mock)', function () {
  this.timeout(30_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl } });
  }

  before(async () => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: build with node esbuild.js --tests`);
    mock = await startMockServer({ apiKey: KEY });
  });

  after(() => mock.close());

  beforeEach(() => {
    mock.reset();
    mock.setScenario({ default: { queuedMs: 50, durationMs: 200 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-docs-'));
    fs.mkdirSync(path.join(dir, 'docs/images'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'docs/guide.md'), GUIDE);
    fs.writeFileSync(path.join(dir, 'docs/done.md'), DONE);
    fs.writeFileSync(path.join(dir, 'docs/images/there.png'), 'stand-in');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--check exits 1 listing the directives without an image, sending nothing; 0 when all are there', async () => {
    const failing = await run(['docs', '--check']);
    assert.strictEqual(failing.code, 1, failing.stderr);
    assert.deepStrictEqual(failing.stdout.trim().split('\n'), ['docs/guide.md:3: no image for “A red fox in the snow”', 'docs/guide.md:7: no image for “An old map of the islands”']);
    const passing = await run(['docs', 'docs/done.md', '--check']);
    assert.strictEqual(passing.code, 0, passing.stderr);
    assert.strictEqual(passing.stdout, '');
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('--check also fails on a directive with an error, naming its code', async () => {
    fs.writeFileSync(path.join(dir, 'docs/bad.md'), '<!-- spark-image: too wide {size=3000x500} -->\n![x](images/there.png)\n');
    const result = await run(['docs', 'docs/bad.md', '--check']);
    assert.strictEqual(result.code, 1);
    assert.match(result.stdout, /docs\/bad\.md:1: error: .*003002006/);
  });

  it('--dry-run prints the plan and the estimated cost, and sends nothing', async () => {
    const result = await run(['docs', 'docs/*.md', '--dry-run']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stdout, /docs\/guide\.md:3 {2}1664×936 {2}seed 42/);
    assert.match(result.stdout, /docs\/guide\.md:7 {2}2496×1664 {2}seed 7/);
    assert.match(result.stdout, /2 image\(s\) to generate, ≈ \$0\.09, estimated/);
    assert.strictEqual(mock.counts.creates, 0);
  });

  it('fills the missing images and links them; a second run sends nothing; --check then passes', async () => {
    const first = await run(['docs', '--concurrency', '2']);
    assert.strictEqual(first.code, 0, first.stderr);
    assert.strictEqual(mock.counts.creates, 2);
    const text = fs.readFileSync(path.join(dir, 'docs/guide.md'), 'utf8');
    assert.strictEqual(
      text,
      GUIDE.replace('seed=42} -->\n', 'seed=42} -->\n\n![A red fox in the snow](images/a-red-fox-in-the-snow-42.png)\n').replace(
        'expand=false} -->\n',
        'expand=false} -->\n\n![An old map of the islands](images/an-old-map-of-the-islands-7.png)\n',
      ),
    );
    assert.strictEqual(fs.readFileSync(path.join(dir, 'docs/done.md'), 'utf8'), DONE, 'complete files are not touched');
    const provenance = readEmbeddedProvenance(fs.readFileSync(path.join(dir, 'docs/images/an-old-map-of-the-islands-7.png')));
    assert.deepStrictEqual([provenance?.seed, provenance?.width, provenance?.height, provenance?.usePreLlm], [7, 2496, 1664, false]);
    assert.deepStrictEqual(
      mock.tasks.map((task) => [task.prompt, task.seed]).sort(),
      [
        ['A red fox in the snow', 42],
        ['An old map of the islands', 7],
      ],
    );

    const second = await run(['docs']);
    assert.strictEqual(second.code, 0, second.stderr);
    assert.strictEqual(mock.counts.creates, 2, 'idempotent: nothing sent the second time');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'docs/guide.md'), 'utf8'), text);
    assert.strictEqual((await run(['docs', '--check'])).code, 0);
  });

  it('one failure does not stop the others: exit 3, the other image is linked', async () => {
    mock.setScenario({ next: [{ queuedMs: 0, durationMs: 100, fail: { code: 3002095, message: 'GPU on fire' } }] });
    const result = await run(['docs', 'docs/guide.md', '--concurrency', '1']);
    assert.strictEqual(result.code, 3, result.stderr);
    assert.match(result.stderr, /docs\/guide\.md:3: failed: .*003002095/);
    assert.match(fs.readFileSync(path.join(dir, 'docs/guide.md'), 'utf8'), /!\[An old map of the islands\]\(images\/an-old-map-of-the-islands-7\.png\)/);
  });

  it('arguments: globs, docs-only flags, concurrency range', () => {
    assert.ok(globToRegExp('docs/**/*.md').test('docs/a/b/c.md'));
    assert.ok(globToRegExp('docs/**/*.md').test('docs/c.md'));
    assert.ok(!globToRegExp('docs/*.md').test('docs/a/c.md'));
    assert.ok(globToRegExp('*.{md,markdown}').test('x.markdown'));
    const docsOptions = (argv: string[]) => (parseArgs(argv) as { options: unknown }).options;
    assert.deepStrictEqual(docsOptions(['docs', 'a.md', '--check']), { paths: ['a.md'], check: 'all', update: false, keepGoing: false, dryRun: false, concurrency: 3 });
    assert.deepStrictEqual(docsOptions(['docs', '--check=missing']), { paths: [], check: 'missing', update: false, keepGoing: false, dryRun: false, concurrency: 3 });
    assert.deepStrictEqual(docsOptions(['docs', '--update', '--dry-run']), { paths: [], check: false, update: true, keepGoing: false, dryRun: true, concurrency: 3 });
    assert.deepStrictEqual(docsOptions(['docs', '--keep-going']), { paths: [], check: false, update: false, keepGoing: true, dryRun: false, concurrency: 3 });
    assert.throws(() => parseArgs(['docs', '--check', '--keep-going']), /--keep-going applies to a run that generates/);
    assert.throws(() => parseArgs(['docs', '--check=stale']), /--check takes no value, or =missing/);
    assert.throws(() => parseArgs(['docs', '--check', '--update']), /either --check .* or --update/);
    assert.throws(() => parseArgs(['docs', '--dry-run=yes']), /takes no value/);
    assert.throws(() => parseArgs(['generate', 'x', '--update']), /belongs to docs/);
    assert.throws(() => parseArgs(['docs', '--concurrency', '0']), /--concurrency/);
    assert.throws(() => parseArgs(['docs', '--check', '--dry-run']), /either/);
    assert.throws(() => parseArgs(['generate', 'x', '--check']), /belongs to docs/);
    assert.throws(() => parseArgs(['docs', '--seed', '3']), /does not apply/);
  });
});
