import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-directive-output-4b1d0e77';

describe('docs: a directive\'s format=, max-width=, encode-quality= (dist/cli.js against the mock)', function () {
  this.timeout(90_000);
  let fixture: { mock: import('../mock/server').MockServer; dir: string };
  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-directive-output-', scenario: { queuedMs: 20, durationMs: 100 } }, (each) => (fixture = each));

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], {
      cwd: fixture.dir,
      env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: fixture.mock.baseUrl, SPARK_IMAGE_CACHE_DIR: path.join(fixture.dir, '.cache'), SPARK_IMAGE_STATE_DIR: path.join(fixture.dir, '.state') },
    });
  }
  const guide = () => path.join(fixture.dir, 'guide.md');
  const directive = (options: string) => fs.writeFileSync(guide(), `# Guide\n\n<!-- spark-image: A red fox in the snow {size=1328x1328 seed=42 ${options}} -->\n`);
  const linked = () => path.join(fixture.dir, /\]\(([^)]+)\)/.exec(fs.readFileSync(guide(), 'utf8'))?.[1] ?? 'none');

  it('win over spark-image.json\'s output; a max-width= edit is "out of date: output", and docs --update re-encodes it with zero creates', async () => {
    fs.writeFileSync(path.join(fixture.dir, 'spark-image.json'), JSON.stringify({ output: { format: 'jpeg', maxWidth: 500, quality: 60 } }));
    directive('format=webp max-width=1000');
    const made = await run(['docs']);
    assert.strictEqual(made.code, 0, made.stderr);
    assert.strictEqual(fixture.mock.counts.creates, 1);
    assert.match(linked(), /\.webp$/);
    const first = fs.readFileSync(linked());
    assert.deepStrictEqual([sniffImage(first)?.format, sniffImage(first)?.width], ['webp', 1000]);
    assert.deepStrictEqual(readEmbeddedProvenance(first)?.output, { format: 'webp', width: 1000, height: 1000, quality: 60, originalWidth: 1328, originalHeight: 1328 }, 'the file\'s quality where the directive names none');
    const current = await run(['docs', '--check']);
    assert.strictEqual(current.code, 0, current.stdout + current.stderr);

    const text = fs.readFileSync(guide(), 'utf8');
    fs.writeFileSync(guide(), text.replace('max-width=1000', 'max-width=800'));
    const stale = await run(['docs', '--check']);
    assert.strictEqual(stale.code, 1, stale.stdout + stale.stderr);
    assert.match(stale.stdout, /guide\.md:3: out of date: output \(webp 1000 px q60 → webp 800 px q60\)/);
    const updated = await run(['docs', '--update']);
    assert.strictEqual(updated.code, 0, updated.stderr);
    assert.match(updated.stderr, /re-encoded from the cache, no request/);
    assert.strictEqual(fixture.mock.counts.creates, 1, 'no new create: the mock\'s count');
    assert.deepStrictEqual(readEmbeddedProvenance(fs.readFileSync(linked()))?.output, { format: 'webp', width: 800, height: 800, quality: 60, originalWidth: 1328, originalHeight: 1328 });
    const fixed = await run(['docs', '--check']);
    assert.strictEqual(fixed.code, 0, fixed.stdout + fixed.stderr);
  });

  it('a bad format=, max-width= or encode-quality= is refused with the rule and the value, nothing sent', async () => {
    const cases: Array<[string, RegExp]> = [
      ['format=gif', /format= takes one of png, webp, jpeg, not "gif"/],
      ['max-width=0', /max-width= takes a whole number from 16 to 8192, not "0"/],
      ['encode-quality=101', /encode-quality= takes a whole number from 1 to 100, not "101"/],
    ];
    for (const [option, message] of cases) {
      directive(option);
      const refused = await run(['docs']);
      assert.strictEqual(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, message);
      assert.match(refused.stderr, /guide\.md:3/);
    }
    assert.strictEqual(fixture.mock.counts.creates, 0);
  });
});
