import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OriginalsCache } from '../../src/node/output/originalsCache';

describe('the originals cache, asked what Regenerate would do', () => {
  it('has() says whether an original is kept without counting as a use (a lens must not change which one is evicted)', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-originals-has-'));
    try {
      const cache = new OriginalsCache(folder, 1000);
      cache.put('task_a', new Uint8Array(400).fill(1));
      cache.put('task_b', new Uint8Array(400).fill(2));
      const file = path.join(folder, 'task_a.0.original');
      // Whole seconds: every file system stores them exactly.
      const longAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
      fs.utimesSync(file, longAgo, longAgo);
      assert.deepStrictEqual([cache.has('task_a'), cache.has('task_b'), cache.has('task_c'), cache.has('task_a', 1)], [true, true, false, false]);
      assert.strictEqual(fs.statSync(file).mtimeMs, longAgo.getTime(), 'has() left its last use alone');
      // So task_a, asked about but not used, is still the oldest and goes first.
      cache.put('task_c', new Uint8Array(400).fill(3));
      assert.deepStrictEqual([cache.has('task_a'), cache.has('task_b'), cache.has('task_c')], [false, true, true]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
