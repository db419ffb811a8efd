import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ChildProcess } from 'child_process';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { mockControlAt } from '../mock/controlClient';
import { sniffImage } from '../../src/core/image/imageType';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-output-regenerate-7e57c0de';

describe('docs --update --regenerate: a larger output without its original is made again with the same seed, paid (dist/cli.js against the mock)', function () {
  this.timeout(90_000);
  let fixture: { mock: import('../mock/server').MockServer; dir: string };
  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-output-regenerate-', scenario: { queuedMs: 20, durationMs: 100 } }, (each) => (fixture = each));

  const cache = () => path.join(fixture.dir, '.cache');
  function run(args: string[], onStderr?: (soFar: string, child: ChildProcess) => void): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], {
      cwd: fixture.dir,
      onStderr,
      env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: fixture.mock.baseUrl, SPARK_IMAGE_CACHE_DIR: cache(), SPARK_IMAGE_STATE_DIR: path.join(fixture.dir, '.state') },
    });
  }
  const BRAND = { styles: { brand: { prompt: 'flat vector illustration of {prompt}, teal and coral palette' } }, defaults: { style: 'brand' } };
  let styled = false;
  const output = (maxWidth: number) => fs.writeFileSync(path.join(fixture.dir, 'spark-image.json'), JSON.stringify({ ...(styled ? BRAND : {}), output: { format: 'webp', maxWidth } }));
  beforeEach(() => (styled = false));
  const guide = () => fs.readFileSync(path.join(fixture.dir, 'docs/guide.md'), 'utf8');
  const linked = () => path.join(fixture.dir, 'docs', /\]\(([^)]+)\)/.exec(guide())?.[1] ?? 'none');
  const widthOf = (file: string) => sniffImage(fs.readFileSync(file))?.width;

  /** A 600 px WebP made by an earlier run (its seed random, not pinned), then a CI machine: no cache, and 1200 px asked for. */
  async function committedThenLarger(): Promise<{ seed: number; image: string }> {
    fs.mkdirSync(path.join(fixture.dir, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(fixture.dir, 'docs/guide.md'), '# Guide\n\n<!-- spark-image: A red fox in the snow {size=1328x1328} -->\n');
    output(600);
    const made = await run(['docs']);
    assert.strictEqual(made.code, 0, made.stderr);
    assert.strictEqual(fixture.mock.counts.creates, 1);
    const image = linked();
    assert.strictEqual(widthOf(image), 600);
    const seed = readEmbeddedProvenance(fs.readFileSync(image))?.seed as number;
    assert.strictEqual(seed, fixture.mock.tasks[0].seed);
    fs.rmSync(cache(), { recursive: true, force: true });
    output(1200);
    return { seed, image };
  }

  it('without --regenerate: left and reported, naming --regenerate and its estimate; nothing sent', async () => {
    const { seed, image } = await committedThenLarger();
    const left = await run(['docs', '--update']);
    assert.strictEqual(left.code, 0, left.stderr);
    assert.match(left.stderr, new RegExp(`docs/guide\\.md:3: out of date: output \\(webp 600 px q82 → webp 1200 px q82\\): .*left as it is: larger than the committed file and its original is not in the cache \\(.*\\); add --regenerate to make it again with seed ${seed} \\(paid, ≈ \\$0\\.03, estimated\\)`));
    assert.strictEqual(fixture.mock.counts.creates, 1, 'no create');
    assert.strictEqual(linked(), image);
    assert.strictEqual(widthOf(image), 600);
  });

  it('--dry-run says per image what will happen, and the total estimate, in text and in --json; nothing sent', async () => {
    const { seed } = await committedThenLarger();
    const without = await run(['docs', '--update', '--dry-run']);
    assert.strictEqual(without.code, 0, without.stderr);
    assert.match(without.stdout, new RegExp(`docs/guide\\.md:3: out of date: output \\(webp 600 px q82 → webp 1200 px q82\\): docs/images/\\S+\\.webp  \\(left as it is: .*add --regenerate to make it again with seed ${seed} \\(paid, ≈ \\$0\\.03, estimated\\)\\)`));
    assert.match(without.stdout, /^0 image\(s\) to generate, ≈ \$0\.00, estimated/m);

    const plan = await run(['docs', '--update', '--regenerate', '--dry-run']);
    assert.strictEqual(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, new RegExp(`docs/guide\\.md:3: out of date: output \\(webp 600 px q82 → webp 1200 px q82\\): docs/images/\\S+\\.webp  \\(regenerated with seed ${seed} \\(paid, ≈ \\$0\\.03, estimated\\)\\)`));
    assert.match(plan.stdout, /^1 image\(s\) to generate \(1 of them regenerated with the same seed for their output\), ≈ \$0\.03, estimated/m);

    const json = await run(['docs', '--update', '--regenerate', '--dry-run', '--json']);
    assert.strictEqual(json.code, 0, json.stderr);
    const lines = json.stdout.trim().split('\n');
    assert.strictEqual(lines.length, 1, 'one JSON report, nothing else on stdout');
    const report = JSON.parse(lines[0]) as { generate: number; regenerate: number; estimatedCostUsd: number; output: Array<Record<string, unknown>> };
    assert.strictEqual(report.generate, 1);
    assert.strictEqual(report.regenerate, 1);
    assert.strictEqual(report.estimatedCostUsd, 0.03);
    assert.strictEqual(report.output.length, 1);
    assert.deepStrictEqual({ ...report.output[0], image: undefined }, { file: 'docs/guide.md', line: 3, image: undefined, was: 'webp 600 px q82', now: 'webp 1200 px q82', action: 'regenerate', seed, estimatedCostUsd: 0.03, regenerateEstimatedCostUsd: 0.03 });

    const leftJson = JSON.parse((await run(['docs', '--update', '--dry-run', '--json'])).stdout) as { output: Array<{ action: string; estimatedCostUsd: number }> };
    assert.deepStrictEqual(leftJson.output.map((entry) => [entry.action, entry.estimatedCostUsd]), [['left', 0]]);
    assert.strictEqual(fixture.mock.counts.creates, 1, 'a dry run sends nothing');
  });

  it('with --regenerate: exactly one create with the provenance\'s seed, saved at 1200 px over the committed file, its link kept; --max-cost counts it first', async () => {
    const { seed, image } = await committedThenLarger();
    const before = guide();
    const refused = await run(['docs', '--update', '--regenerate', '--max-cost', '0.01']);
    assert.strictEqual(refused.code, 2, refused.stderr);
    assert.strictEqual(fixture.mock.counts.creates, 1, 'over --max-cost: nothing sent');

    const regenerated = await run(['docs', '--update', '--regenerate']);
    assert.strictEqual(regenerated.code, 0, regenerated.stderr);
    assert.match(regenerated.stderr, new RegExp(`regenerating it with seed ${seed} \\(paid, ≈ \\$0\\.03, estimated\\)`));
    assert.strictEqual(fixture.mock.counts.creates, 2, 'exactly one create');
    assert.strictEqual(fixture.mock.tasks[1].seed, seed, 'the same seed');
    assert.strictEqual(fixture.mock.tasks[1].prompt, fixture.mock.tasks[0].prompt, 'the same prompt');
    assert.strictEqual(guide(), before, 'the link is kept as it was');
    assert.strictEqual(linked(), image);
    assert.strictEqual(widthOf(image), 1200);
    const provenance = readEmbeddedProvenance(fs.readFileSync(image));
    assert.strictEqual(provenance?.seed, seed);
    assert.strictEqual(provenance?.taskId, fixture.mock.tasks[1].id);
    assert.deepStrictEqual(fs.readdirSync(path.dirname(image)), [path.basename(image)], 'no second file beside it');
    const check = await run(['docs', '--check']);
    assert.strictEqual(check.code, 0, check.stdout + check.stderr);
  });

  it('a house-styled image is made again with the prompt it was sent with, and keeps its userPrompt and style (docs --check passes after)', async () => {
    styled = true;
    const { seed, image } = await committedThenLarger();
    assert.strictEqual(fixture.mock.tasks[0].prompt, 'flat vector illustration of A red fox in the snow, teal and coral palette');
    const regenerated = await run(['docs', '--update', '--regenerate']);
    assert.strictEqual(regenerated.code, 0, regenerated.stderr);
    assert.strictEqual(fixture.mock.counts.creates, 2, 'exactly one create');
    assert.deepStrictEqual([fixture.mock.tasks[1].seed, fixture.mock.tasks[1].prompt], [seed, fixture.mock.tasks[0].prompt], 'the same seed and the styled prompt');
    const provenance = readEmbeddedProvenance(fs.readFileSync(image));
    assert.strictEqual(provenance?.userPrompt, 'A red fox in the snow');
    assert.deepStrictEqual(provenance?.style, { name: 'brand', template: BRAND.styles.brand.prompt });
    const check = await run(['docs', '--check']);
    assert.strictEqual(check.code, 0, check.stdout + check.stderr);
  });

  for (const finish of [['resume'], ['docs', '--update', '--regenerate']]) {
    it(`an interrupted regeneration is kept in the task store; spark-image ${finish.join(' ')} saves it over the committed file, 0 new creates`, async () => {
      const { seed, image } = await committedThenLarger();
      const before = guide();
      fixture.mock.setScenario({ default: { queuedMs: 0, never: true } });
      const tasks = path.join(fixture.dir, '.state', 'tasks');
      // The first image's task is remembered (saved) in the store already: wait for one more record.
      const records = () => (fs.existsSync(tasks) ? fs.readdirSync(tasks).filter((name) => name.endsWith('.json')).length : 0);
      const recordsBefore = records();
      let watching = false;
      const first = await run(['docs', '--update', '--regenerate', '--grace', '0'], (_soFar, child) => {
        if (watching) return;
        watching = true;
        // Once the create has answered and its task id is safe in the store.
        const timer = setInterval(() => {
          if (records() > recordsBefore) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 20);
        child.on('close', () => clearInterval(timer));
      });
      assert.strictEqual(first.code, 130, first.stderr);
      assert.strictEqual(fixture.mock.counts.creates, 2);
      const kept = fixture.mock.tasks[1];
      assert.strictEqual(kept.seed, seed);
      assert.match(first.stderr, new RegExp(`paid task\\(s\\) kept.*${kept.id}.*spark-image resume`));
      assert.strictEqual(widthOf(image), 600, 'the committed file stays until the paid image arrives');

      await mockControlAt(() => fixture.mock.baseUrl).finish(kept.id);
      const resumed = await run(finish);
      assert.strictEqual(resumed.code, 0, resumed.stderr);
      assert.strictEqual(fixture.mock.counts.creates, 2, 'no new create');
      assert.strictEqual(guide(), before, 'the link is kept');
      assert.strictEqual(widthOf(image), 1200);
      assert.strictEqual(readEmbeddedProvenance(fs.readFileSync(image))?.taskId, kept.id);
      assert.strictEqual((await run(['docs', '--check'])).code, 0);
    });
  }
});
