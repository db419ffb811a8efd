import * as assert from 'assert';
import * as path from 'path';
import { resolveOutput } from '../../src/core/output/outputPlan';
import { outputOptionsFromSettings } from '../../src/core/output/outputSettings';
import { reencodeSourceFor } from '../../src/core/output/reencodeSource';
import { isOverBudget, weightText } from '../../src/core/output/weightBudget';
import { globalStorageCacheFolder } from '../../src/node/output/originalsCache';

describe('the editor side of web-ready output (pure parts)', () => {
  it('the sparkImage.output.* settings are the third layer: directive, then spark-image.json, then settings, then png', () => {
    const settings = outputOptionsFromSettings({ format: 'webp', maxWidth: 1200, quality: 70 });
    assert.deepStrictEqual(settings, { format: 'webp', maxWidth: 1200, quality: 70 });
    assert.deepStrictEqual(resolveOutput(undefined, undefined, settings), { format: 'webp', maxWidth: 1200, quality: 70 });
    // Field by field: the file's width wins over the settings', the directive's format over both.
    assert.deepStrictEqual(resolveOutput({ format: 'jpeg' }, { maxWidth: 800 }, settings), { format: 'jpeg', maxWidth: 800, quality: 70 });
    assert.deepStrictEqual(resolveOutput(undefined, undefined, outputOptionsFromSettings({})), { format: 'png', quality: 82 });
  });

  it('a setting of the wrong type or out of range says nothing (the next layer decides)', () => {
    assert.deepStrictEqual(outputOptionsFromSettings({ format: 'avif', maxWidth: 8, quality: 0 }), {});
    assert.deepStrictEqual(outputOptionsFromSettings({ format: ' WebP ', maxWidth: null, quality: 82.5 }), { format: 'webp' });
    assert.deepStrictEqual(outputOptionsFromSettings({ format: 3, maxWidth: '800', quality: 101 }), {});
    assert.deepStrictEqual(outputOptionsFromSettings({ maxWidth: 16, quality: 1 }), { maxWidth: 16, quality: 1 });
  });

  it('the editor keeps originals in a folder of their own in the global storage', () => {
    assert.strictEqual(globalStorageCacheFolder(path.join('/g', 'spark-image.spark-image')), path.join('/g', 'spark-image.spark-image', 'originals'));
  });

  it('a re-encode without a request: from the cache, else from the committed file only when no larger, else none', () => {
    assert.strictEqual(reencodeSourceFor(true, { fromCommittedFile: false }), 'cache');
    assert.strictEqual(reencodeSourceFor(false, { fromCommittedFile: true }), 'committed file');
    assert.strictEqual(reencodeSourceFor(false, { fromCommittedFile: false }), undefined);
  });

  it('the weight budget: over means heavier than it; weights read as a person compares them (k = 1000)', () => {
    assert.strictEqual(isOverBudget(300_000, 300_000), false);
    assert.strictEqual(isOverBudget(300_001, 300_000), true);
    assert.strictEqual(isOverBudget(5_000_000, undefined), false);
    assert.deepStrictEqual([weightText(850), weightText(300_000), weightText(300_001), weightText(411_200), weightText(1_412_000)], ['850 bytes', '300 KB', '301 KB', '412 KB', '1,412 KB']);
  });
});
