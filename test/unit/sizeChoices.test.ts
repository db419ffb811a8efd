import * as assert from 'assert';
import { anotherSize, sizeChoices } from '../../src/core/spec/sizeChoices';

describe('size choices: the pickers\' sizes and Same Seed\'s other size', () => {
  it('lists each preset and its portrait turn, 1:1 once', () => {
    const ids = sizeChoices().map((choice) => choice.id);
    assert.ok(ids.includes('1k-16:9') && ids.includes('1k-9:16') && ids.includes('2k-3:4'), ids.join());
    assert.strictEqual(ids.filter((id) => id === '1k-1:1').length, 1);
    assert.deepStrictEqual(
      sizeChoices().find((choice) => choice.id === '2k-9:16'),
      { id: '2k-9:16', quality: '2k', ratio: '9:16', width: 1440, height: 2560, orientation: 'portrait' },
    );
  });

  it('offers the same shape in the other quality, never the size the image has', () => {
    assert.deepStrictEqual(anotherSize({ width: 1328, height: 1328 }), { width: 2048, height: 2048 });
    assert.deepStrictEqual(anotherSize({ width: 2560, height: 1440 }), { width: 1664, height: 936 });
    assert.deepStrictEqual(anotherSize({ width: 936, height: 1664 }), { width: 1440, height: 2560 });
    // A custom size: the closest shape among the recommended ones.
    assert.deepStrictEqual(anotherSize({ width: 1600, height: 900 }), { width: 1664, height: 936 });
  });
});
