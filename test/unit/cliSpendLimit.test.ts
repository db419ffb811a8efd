import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, Run, runProcess } from './cliProcess';

const KEY = 'sk-cli-spend-5c1d7e2a9b';

describe('spark-image --max-cost (against the mock)', function () {
  this.timeout(20_000);
  let mock: MockServer;
  let dir: string;

  function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
    return runProcess(process.execPath, [CLI, ...args], { cwd: dir, env: { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, ...env } });
  }

  function assertNothingSent(result: Run): void {
    assert.strictEqual(result.code, 2, result.stderr);
    assert.match(result.stderr, /Nothing was sent/);
    assert.strictEqual(mock.counts.creates, 0);
    assert.deepStrictEqual(mock.log, [], 'no request reached the mock');
  }

  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-spend-', scenario: { queuedMs: 20, durationMs: 60 } }, (fixture) => ({ mock, dir } = fixture));

  it('refuses a 2K image ($0.06) above --max-cost 0.05 before sending anything (exit 2)', async () => {
    const result = await run(['generate', 'a lighthouse', '--size', '2k-1:1', '--max-cost', '0.05']);
    assertNothingSent(result);
    assert.match(result.stderr, /This image would cost ≈ \$0\.06, estimated, above the limit of \$0\.05 \(--max-cost or SPARK_IMAGE_MAX_COST\)/);
    assert.deepStrictEqual(fs.readdirSync(dir), [], 'nothing written');
  });

  it('reads SPARK_IMAGE_MAX_COST when the flag is not given, and the flag wins over it', async () => {
    assertNothingSent(await run(['generate', 'a lighthouse'], { SPARK_IMAGE_MAX_COST: '0.02' }));
    const allowed = await run(['generate', 'a lighthouse', '--seed', '3', '--max-cost', '0.03'], { SPARK_IMAGE_MAX_COST: '0.02' });
    assert.strictEqual(allowed.code, 0, allowed.stderr);
    assert.strictEqual(mock.counts.creates, 1, 'a 1K image ($0.03) fits a $0.03 limit');
  });

  it('refuses a docs run whose images together pass the limit, before sending any', async () => {
    fs.writeFileSync(path.join(dir, 'guide.md'), '# Guide\n\n<!-- spark-image: a fox {seed=1} -->\n\n<!-- spark-image: an owl {seed=2} -->\n');
    const result = await run(['docs', '--max-cost', '0.05']);
    assertNothingSent(result);
    assert.match(result.stderr, /2 image\(s\) would cost ≈ \$0\.06, estimated, above the limit of \$0\.05/);
    assert.strictEqual(fs.readFileSync(path.join(dir, 'guide.md'), 'utf8').includes('!['), false, 'no link written');
  });

  it('an unreadable amount is bad input, named with where it came from', async () => {
    const flag = await run(['generate', 'a lighthouse', '--max-cost', 'lots']);
    assert.strictEqual(flag.code, 2);
    assert.match(flag.stderr, /--max-cost takes an amount in USD such as 0\.50, not "lots"/);
    const env = await run(['generate', 'a lighthouse'], { SPARK_IMAGE_MAX_COST: '-1' });
    assert.strictEqual(env.code, 2);
    assert.match(env.stderr, /SPARK_IMAGE_MAX_COST takes an amount in USD/);
    assert.strictEqual(mock.counts.creates, 0);
  });
});
