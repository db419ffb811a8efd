import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { MockServer } from '../mock/server';
import { useCliAgainstMock } from './cliAgainstMock';
import { CLI, runProcess } from './cliProcess';

const KEY = 'sk-variations-output-3f9b27d1';

describe('spark-image generate --count with output options (against the mock)', function () {
  this.timeout(60_000);
  let mock: MockServer;
  let dir: string;
  useCliAgainstMock({ apiKey: KEY, prefix: 'spark-variations-output-', scenario: { queuedMs: 20, durationMs: 60 } }, (fixture) => ({ mock, dir } = fixture));

  it('--count 2 --format webp --max-width 800: every variation is saved as an 800 px WebP, as a single image would be', async () => {
    const env = { SPARK_IMAGE_API_KEY: KEY, SPARK_IMAGE_BASE_URL: mock.baseUrl, SPARK_IMAGE_STATE_DIR: path.join(dir, '.state'), SPARK_IMAGE_CACHE_DIR: path.join(dir, '.cache') };
    const result = await runProcess(process.execPath, [CLI, 'generate', 'a paper boat', '--count', '2', '--seed', '5', '--size', '1328x1328', '--format', 'webp', '--max-width', '800', '--out', 'out/'], { cwd: dir, env });
    assert.strictEqual(result.code, 0, result.stderr);
    const files = fs.readdirSync(path.join(dir, 'out')).sort();
    assert.strictEqual(files.length, 2);
    for (const name of files) {
      const bytes = fs.readFileSync(path.join(dir, 'out', name));
      assert.match(name, /\.webp$/);
      assert.deepStrictEqual([sniffImage(bytes)?.format, sniffImage(bytes)?.width], ['webp', 800]);
      assert.strictEqual(readEmbeddedProvenance(bytes)?.output?.width, 800);
    }
  });
});
