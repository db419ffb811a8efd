import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-output-update-7e57c0de';

describe('docs: out of date: output, re-encoded by --update without a request (dist/cli.js against the mock)', function () {
  this.timeout(90_000);
  let fixture: { mock: import('../mock/server').MockServer; dir: string };
  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-output-update-', scenario: { queuedMs: 20, durationMs: 100 } }, (each) => (fixture = each));

  const cache = () => path.join(fixture.dir, '.cache');
  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], {
      cwd: fixture.dir,
      env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: fixture.mock.baseUrl, SPARK_IMAGE_CACHE_DIR: cache(), SPARK_IMAGE_STATE_DIR: path.join(fixture.dir, '.state') },
    });
  }
  const output = (maxWidth: number) => fs.writeFileSync(path.join(fixture.dir, 'spark-image.json'), JSON.stringify({ output: { format: 'webp', maxWidth } }));
  const linked = () => {
    const text = fs.readFileSync(path.join(fixture.dir, 'docs/guide.md'), 'utf8');
    return path.join(fixture.dir, 'docs', /\]\(([^)]+)\)/.exec(text)?.[1] ?? 'none');
  };
  const widthOf = (file: string) => sniffImage(fs.readFileSync(file))?.width;

  it('a max width edit is "out of date: output"; --update re-encodes from the cache, then from the committed file, with zero creates; a larger one is left and reported', async () => {
    fs.mkdirSync(path.join(fixture.dir, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(fixture.dir, 'docs/guide.md'), '# Guide\n\n<!-- spark-image: A red fox in the snow {size=1328x1328 seed=42} -->\n');
    output(1000);
    const made = await run(['docs']);
    assert.strictEqual(made.code, 0, made.stderr);
    assert.strictEqual(fixture.mock.counts.creates, 1);
    assert.match(linked(), /\.webp$/);
    assert.strictEqual(widthOf(linked()), 1000);
    assert.strictEqual((await run(['docs', '--check'])).code, 0);

    output(800);
    const stale = await run(['docs', '--check']);
    assert.strictEqual(stale.code, 1, stale.stdout + stale.stderr);
    assert.match(stale.stdout, /docs\/guide\.md:3: out of date: output \(webp 1000 px q82 → webp 800 px q82\)/);
    const plan = await run(['docs', '--update', '--dry-run']);
    assert.match(plan.stdout, /re-encoded from the cache, no request, \$0/);
    const updated = await run(['docs', '--update']);
    assert.strictEqual(updated.code, 0, updated.stderr);
    assert.match(updated.stderr, /re-encoded from the cache, no request/);
    assert.strictEqual(fixture.mock.counts.creates, 1, 'no new create');
    assert.strictEqual(widthOf(linked()), 800);
    assert.deepStrictEqual(readEmbeddedProvenance(fs.readFileSync(linked()))?.output, { format: 'webp', width: 800, height: 800, quality: 82, originalWidth: 1328, originalHeight: 1328 });
    assert.strictEqual((await run(['docs', '--check'])).code, 0);

    // A CI machine: the cache is empty. Smaller: from the committed file, still no request.
    fs.rmSync(cache(), { recursive: true, force: true });
    output(600);
    const fromFile = await run(['docs', '--update']);
    assert.strictEqual(fromFile.code, 0, fromFile.stderr);
    assert.match(fromFile.stderr, /re-encoded from the committed file, no request/);
    assert.strictEqual(widthOf(linked()), 600);
    assert.strictEqual(fixture.mock.counts.creates, 1);

    // Larger than the committed file, no original: left and reported, nothing sent.
    output(1200);
    const left = await run(['docs', '--update']);
    assert.match(left.stderr, /left as it is: larger than the committed file/);
    assert.strictEqual(widthOf(linked()), 600);
    assert.strictEqual(fixture.mock.counts.creates, 1);
    assert.strictEqual((await run(['docs', '--check'])).code, 1);
  });
});
