import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-budget-test-b0d9e721';

describe('spark-image docs --check --max-bytes and budget.maxBytes (dist/cli.js against the mock)', function () {
  this.timeout(60_000);
  let fixture: { mock: import('../mock/server').MockServer; dir: string };
  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-budget-', scenario: { queuedMs: 20, durationMs: 100 } }, (each) => (fixture = each));

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], {
      cwd: fixture.dir,
      env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: fixture.mock.baseUrl, SPARK_IMAGE_CACHE_DIR: path.join(fixture.dir, '.cache'), SPARK_IMAGE_STATE_DIR: path.join(fixture.dir, '.state') },
    });
  }

  const guide = (image: string) => `# Guide\n\n<!-- spark-image: A red fox in the snow {size=2048x2048 seed=42} -->\n![A red fox in the snow](images/${image})\n\nA picture from elsewhere:\n\n<img src="images/other.png" alt="other">\n`;

  it('fails on a heavy image, listing file:line, its bytes and the budget; passes once the image is a re-encoded WebP', async () => {
    const made = await run(['generate', 'A red fox in the snow', '--size', '2048x2048', '--seed', '42', '--out', 'docs/images/fox.png']);
    assert.strictEqual(made.code, 0, made.stderr);
    fs.writeFileSync(path.join(fixture.dir, 'docs/images/other.png'), new Uint8Array(1000));
    fs.writeFileSync(path.join(fixture.dir, 'docs/guide.md'), guide('fox.png'));
    const bytes = fs.statSync(path.join(fixture.dir, 'docs/images/fox.png')).size;
    const budget = Math.floor(bytes / 2);
    const failing = await run(['docs', '--check', '--max-bytes', `${budget}`]);
    assert.strictEqual(failing.code, 1, failing.stdout + failing.stderr);
    assert.ok(failing.stdout.includes(`docs/guide.md:4: docs/images/fox.png is ${bytes.toLocaleString('en-US')} bytes, over the budget of ${budget.toLocaleString('en-US')} bytes`), failing.stdout);
    assert.doesNotMatch(failing.stdout, /other\.png/, 'a light image passes');
    // Said the same way to a program and a person: not "ok", and not "up to date".
    assert.doesNotMatch(failing.stderr, /every one has its image/);
    assert.match(failing.stderr, /1 image\(s\) over the weight budget/);
    const asJson = await run(['docs', '--check', '--max-bytes', `${budget}`, '--json']);
    assert.strictEqual(asJson.code, 1);
    assert.deepStrictEqual((({ ok, overBudget }) => ({ ok, overBudget }))(JSON.parse(asJson.stdout.trim().split('\n').pop() as string)), { ok: false, overBudget: 1 });
    // --check=missing gates on the budget too.
    assert.strictEqual((await run(['docs', '--check=missing', '--max-bytes', `${budget}`])).code, 1);
    // An image from elsewhere counts as well (1,000 bytes over a 500-byte budget), and k = 1000.
    const tight = await run(['docs', '--check', '--max-bytes', '0.5k']);
    assert.match(tight.stdout, /docs\/guide\.md:8: docs\/images\/other\.png is 1,000 bytes, over the budget of 500 bytes/);

    const smaller = await run(['generate', 'A red fox in the snow', '--size', '2048x2048', '--seed', '42', '--out', 'docs/images/fox.png', '--format', 'webp', '--max-width', '800']);
    assert.strictEqual(smaller.code, 0, smaller.stderr);
    fs.writeFileSync(path.join(fixture.dir, 'docs/guide.md'), guide('fox.webp'));
    const passing = await run(['docs', '--check', '--max-bytes', `${budget}`]);
    assert.strictEqual(passing.code, 0, passing.stdout + passing.stderr);
  });

  it('budget.maxBytes in spark-image.json is the budget when no flag says; the flag wins', async () => {
    fs.mkdirSync(path.join(fixture.dir, 'docs/images'), { recursive: true });
    fs.writeFileSync(path.join(fixture.dir, 'docs/images/other.png'), new Uint8Array(5000));
    fs.writeFileSync(path.join(fixture.dir, 'docs/notes.md'), '# Notes\n\n![other](images/other.png)\n');
    fs.writeFileSync(path.join(fixture.dir, 'spark-image.json'), JSON.stringify({ budget: { maxBytes: 4000 } }));
    const failing = await run(['docs', '--check']);
    assert.strictEqual(failing.code, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /docs\/notes\.md:3: docs\/images\/other\.png is 5,000 bytes, over the budget of 4,000 bytes/);
    assert.strictEqual((await run(['docs', '--check', '--max-bytes', '6k'])).code, 0);
    assert.strictEqual((await run(['docs', '--max-bytes', '6k'])).code, 2, '--max-bytes without --check is refused');
    assert.strictEqual(fixture.mock.counts.creates, 0);
  });
});
