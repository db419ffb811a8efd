import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readResultFile } from '../../run/results';
import { TEST_ENV } from '../../run/testEnv';
import { runProcess } from '../cliProcess';

const NODE_LAYER = path.resolve(__dirname, '../../run/nodeLayer.js');

/** Three test files, one of them failing, in a fresh folder. */
function writeSuites(dir: string): void {
  fs.writeFileSync(path.join(dir, 'a.test.js'), "describe('a', () => { it('passes', () => {}); });\n");
  fs.writeFileSync(path.join(dir, 'b.test.js'), "describe('b', () => { it('fails on purpose', () => { throw new Error('b broke'); }); it('passes too', () => {}); });\n");
  fs.writeFileSync(path.join(dir, 'c.test.js'), "describe('c', () => { it('passes as well', () => {}); });\n");
}

describe('plain-Node layer runner (nodeLayer.js)', function () {
  this.timeout(30_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-node-layer-'));
    writeSuites(dir);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const jobs of [1, 3]) {
    it(`${jobs === 1 ? 'in turn' : `${jobs} files at once`}: counts every file's tests, reports the failure and exits 1`, async () => {
      const results = path.join(dir, 'results.json');
      // No grep: this run's own SPARK_TEST_GREP must not reach the nested one.
      const run = await runProcess(process.execPath, [NODE_LAYER, dir, '5000', String(jobs)], { cwd: dir, env: { [TEST_ENV.results]: results, [TEST_ENV.grep]: '' } });
      assert.strictEqual(run.code, 1, run.stdout + run.stderr);
      const result = readResultFile(results);
      assert.deepStrictEqual([result?.passed, result?.failed], [3, 1]);
      assert.match(result?.failures[0]?.title ?? '', /b fails on purpose/);
      assert.match(result?.failures[0]?.error ?? '', /b broke/);
    });
  }
});
