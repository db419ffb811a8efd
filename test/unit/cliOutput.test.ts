import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-output-test-5ca1ab1e21';

describe('spark-image generate --format / --max-width / --encode-quality (dist/cli.js against the mock)', function () {
  this.timeout(60_000);
  let fixture: { mock: import('../mock/server').MockServer; dir: string };
  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-output-', scenario: { queuedMs: 20, durationMs: 100 } }, (each) => (fixture = each));

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], {
      cwd: fixture.dir,
      env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: fixture.mock.baseUrl, SPARK_IMAGE_CACHE_DIR: path.join(fixture.dir, '.cache'), SPARK_IMAGE_STATE_DIR: path.join(fixture.dir, '.state') },
    });
  }

  it('--format webp --max-width 800 saves an 800-px WebP (the extension follows, and says so) that docs --check reads as up to date', async () => {
    const made = await run(['generate', 'A red fox in the snow', '--size', '1328x1328', '--seed', '42', '--out', 'docs/images/fox.png', '--format', 'webp', '--max-width', '800']);
    assert.strictEqual(made.code, 0, made.stderr);
    const file = path.join(fixture.dir, 'docs/images/fox.webp');
    assert.strictEqual(made.stdout.trim(), file);
    assert.match(made.stderr, /named fox\.webp/);
    assert.match(made.stderr, /saved 800×800 WEBP/);
    const bytes = fs.readFileSync(file);
    assert.deepStrictEqual([sniffImage(bytes)?.format, sniffImage(bytes)?.width, sniffImage(bytes)?.height], ['webp', 800, 800]);
    const provenance = readEmbeddedProvenance(bytes);
    assert.deepStrictEqual(provenance?.output, { format: 'webp', width: 800, height: 800, quality: 82, originalWidth: 1328, originalHeight: 1328 });
    assert.deepStrictEqual([provenance?.prompt, provenance?.seed, provenance?.width], ['A red fox in the snow', 42, 1328]);
    // The original is kept in the cache, by task id.
    assert.deepStrictEqual(fs.readdirSync(path.join(fixture.dir, '.cache')), [`${provenance?.taskId}.0.original`]);

    fs.writeFileSync(path.join(fixture.dir, 'docs/guide.md'), '# Guide\n\n<!-- spark-image: A red fox in the snow {size=1328x1328 seed=42} -->\n![A red fox in the snow](images/fox.webp)\n');
    const check = await run(['docs', '--check']);
    assert.strictEqual(check.code, 0, check.stdout + check.stderr);
    assert.doesNotMatch(check.stdout + check.stderr, /no provenance|out of date/i, 'the WebP\'s provenance is read');
  });

  it('spark-image.json output applies when no flag says; a flag wins over it', async () => {
    fs.writeFileSync(path.join(fixture.dir, 'spark-image.json'), JSON.stringify({ output: { format: 'jpeg', maxWidth: 640, quality: 70 } }));
    const fromFile = await run(['generate', 'A lighthouse', '--size', '1328x1328', '--out', 'a.png']);
    assert.strictEqual(fromFile.code, 0, fromFile.stderr);
    assert.deepStrictEqual(readEmbeddedProvenance(fs.readFileSync(path.join(fixture.dir, 'a.jpg')))?.output, { format: 'jpeg', width: 640, height: 640, quality: 70, originalWidth: 1328, originalHeight: 1328 });
    const flagWins = await run(['generate', 'A lighthouse', '--size', '1328x1328', '--out', 'b.png', '--format', 'png', '--max-width', '500']);
    assert.strictEqual(flagWins.code, 0, flagWins.stderr);
    assert.deepStrictEqual(readEmbeddedProvenance(fs.readFileSync(path.join(fixture.dir, 'b.png')))?.output, { format: 'png', width: 500, height: 500, originalWidth: 1328, originalHeight: 1328 });
  });

  it('a bad --format or --max-width is refused before anything is sent', async () => {
    for (const args of [['--format', 'gif'], ['--max-width', '0'], ['--encode-quality', '101']]) {
      const refused = await run(['generate', 'A lighthouse', ...args]);
      assert.strictEqual(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, new RegExp(`--${args[0].slice(2)}`));
    }
    assert.strictEqual(fixture.mock.counts.creates, 0);
  });
});
