import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-cli-variations-8d2e4a61';

describe('spark-image generate --count (variations, against the mock)', function () {
  this.timeout(40_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[]): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: path.join(dir, '.state') } });
  }

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-variations-', scenario: { queuedMs: 20, durationMs: 60 } }, (fixture) => ({ mock, dir } = fixture));

  it('--count 4 --seed S: 4 creates with seeds S..S+3, 4 files each with its own seed, and one JSON line {images, costUsd}', async () => {
    fs.mkdirSync(path.join(dir, 'out'));
    const result = await run(['generate', 'a paper boat', '--count', '4', '--seed', '100', '--out', 'out/', '--json']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.strictEqual(mock.counts.creates, 4);
    assert.deepStrictEqual(mock.tasks.map((task) => task.seed).sort(), [100, 101, 102, 103]);
    const lines = result.stdout.trimEnd().split('\n');
    assert.strictEqual(lines.length, 1, 'one JSON line');
    const report = JSON.parse(lines[0]) as { images: Array<{ path: string; provenance: { seed: number } }>; costUsd: number };
    assert.deepStrictEqual(Object.keys(report).sort(), ['costUsd', 'images']);
    assert.strictEqual(report.costUsd, 0.12);
    assert.deepStrictEqual(report.images.map((image) => image.provenance.seed).sort(), [100, 101, 102, 103]);
    assert.deepStrictEqual(fs.readdirSync(path.join(dir, 'out')).sort(), ['a-paper-boat-100.png', 'a-paper-boat-101.png', 'a-paper-boat-102.png', 'a-paper-boat-103.png']);
    for (const image of report.images) {
      assert.strictEqual(readEmbeddedProvenance(fs.readFileSync(image.path))?.seed, image.provenance.seed);
    }
  });

  it('--count 4 without a seed: 4 distinct random seeds, 4 paths on stdout; --count 1 --json is today\'s line', async () => {
    const result = await run(['generate', 'an owl', '--count', '4', '--concurrency', '2']);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stderr, /generating 4 variations, 2 at a time/);
    assert.strictEqual(new Set(mock.tasks.map((task) => task.seed)).size, 4);
    assert.strictEqual(result.stdout.trimEnd().split('\n').filter((line) => fs.existsSync(line)).length, 4);
    const one = await run(['generate', 'an owl', '--count', '1', '--seed', '9', '--json']);
    assert.strictEqual(one.code, 0, one.stderr);
    assert.deepStrictEqual(Object.keys(JSON.parse(one.stdout) as object).sort(), ['path', 'provenance']);
  });

  it('--max-cost applies to the total before anything is sent; --count out of 1-8 is refused', async () => {
    const over = await run(['generate', 'a lighthouse', '--count', '4', '--max-cost', '0.10']);
    assert.strictEqual(over.code, 2, over.stderr);
    assert.match(over.stderr, /4 variations would cost ≈ \$0\.12, estimated, above the limit of \$0\.10/);
    assert.strictEqual(mock.counts.creates, 0);
    assert.deepStrictEqual(mock.log, [], 'no request reached the mock');
    assert.deepStrictEqual(fs.readdirSync(dir).filter((name) => name.endsWith('.png')), [], 'nothing written');
    const tooMany = await run(['generate', 'a lighthouse', '--count', '9']);
    assert.strictEqual(tooMany.code, 2);
    assert.match(tooMany.stderr, /--count takes a whole number from 1 to 8, not "9"/);
    const pastMax = await run(['generate', 'a lighthouse', '--count', '3', '--seed', '2147483646']);
    assert.strictEqual(pastMax.code, 2, 'a seed past the maximum is refused before the first create');
    assert.strictEqual(mock.counts.creates, 0);
  });
});
