import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cliCacheFolder, OriginalsCache } from '../../src/node/output/originalsCache';

describe('the originals cache', () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-originals-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** Sets a file's last use, so the order does not hang on the clock's resolution. */
  const age = (cache: OriginalsCache, taskId: string, secondsAgo: number) => {
    const when = new Date(Date.now() - secondsAgo * 1000);
    fs.utimesSync(path.join(cache.folder, `${taskId}.0.original`), when, when);
  };

  it('keeps originals by task id and evicts the oldest first at its cap', () => {
    const cache = new OriginalsCache(folder, 1000);
    cache.put('task_a', new Uint8Array(400).fill(1));
    age(cache, 'task_a', 30);
    cache.put('task_b', new Uint8Array(400).fill(2));
    age(cache, 'task_b', 20);
    assert.deepStrictEqual(cache.get('task_a')?.[0], 1);
    // Reading task_a made it the most recently used: task_b is now the oldest.
    cache.put('task_c', new Uint8Array(400).fill(3));
    assert.strictEqual(cache.get('task_b'), undefined, 'the oldest is evicted');
    assert.deepStrictEqual([cache.get('task_a')?.[0], cache.get('task_c')?.[0]], [1, 3]);
    const total = fs.readdirSync(folder).reduce((sum, name) => sum + fs.statSync(path.join(folder, name)).size, 0);
    assert.ok(total <= 1000, `${total} bytes kept`);
  });

  it('an original larger than the cap is still kept (until the next one), and odd task ids make safe names', () => {
    const cache = new OriginalsCache(folder, 100);
    cache.put('../../etc/passwd', new Uint8Array(500));
    assert.strictEqual(cache.get('../../etc/passwd')?.length, 500);
    assert.deepStrictEqual(fs.readdirSync(folder).filter((name) => name.includes('/') || name.includes('..')), []);
  });

  it('lives in $SPARK_IMAGE_CACHE_DIR, else $XDG_CACHE_HOME/spark-image/originals, else ~/.cache/spark-image/originals', () => {
    assert.strictEqual(cliCacheFolder({ SPARK_IMAGE_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }), path.resolve('/c'));
    assert.strictEqual(cliCacheFolder({ XDG_CACHE_HOME: '/x' }), path.join(path.resolve('/x'), 'spark-image', 'originals'));
    assert.strictEqual(cliCacheFolder({}), path.join(os.homedir(), '.cache', 'spark-image', 'originals'));
  });
});
