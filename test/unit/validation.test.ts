import * as assert from 'assert';
import { ErrorCodes, findPreset, presetForAspect, SIZE_PRESETS } from '../../src/core/spec/spec';
import { resolveRequest, validateInput } from '../../src/core/spec/validation';
import { codePointLength } from '../../src/core/base/text';
import { checkSize, formatAspect } from '../../src/core/spec/sizeRules';

function firstError(input: Parameters<typeof validateInput>[0]) {
  const result = validateInput(input);
  assert.strictEqual(result.ok, false, 'expected the input to be rejected');
  return result.ok ? undefined! : result.errors[0];
}

describe('validation (the seed\'s rules, before any request)', () => {
  it('rejects a missing, non-string or blank prompt with 003002001', () => {
    for (const prompt of [undefined, null, '', '   \n\t ', 42]) {
      const error = firstError({ prompt });
      assert.strictEqual(error.code, ErrorCodes.promptMissing, `prompt ${JSON.stringify(prompt)}`);
      assert.match(error.message, /003002001 Prompt missing/);
    }
  });

  it('counts the prompt in Unicode code points: 800 pass, 801 fail with 003002002 naming both numbers', () => {
    const emoji = '🎨'; // two UTF-16 units, one code point
    assert.strictEqual(codePointLength(emoji.repeat(800)), 800);
    const ok = validateInput({ prompt: emoji.repeat(800) });
    assert.strictEqual(ok.ok, true);
    const error = firstError({ prompt: '画'.repeat(801) });
    assert.strictEqual(error.code, ErrorCodes.promptLength);
    assert.match(error.message, /801/);
    assert.match(error.message, /800/);
  });

  it('warns (without failing) above the recommended 120 characters', () => {
    const result = validateInput({ prompt: 'a'.repeat(121) });
    assert.ok(result.ok);
    assert.strictEqual(result.warnings.length, 1);
    assert.match(result.warnings[0].message, /121/);
    assert.strictEqual(validateInput({ prompt: 'a'.repeat(120) }).warnings.length, 0);
  });

  it('resolves prompt expansion auto from the prompt length, and rejects non-booleans with 003002003', () => {
    const short = validateInput({ prompt: 'a cat', usePreLlm: 'auto' });
    const long = validateInput({ prompt: 'a'.repeat(200), usePreLlm: 'auto' });
    assert.ok(short.ok && long.ok);
    assert.strictEqual(short.request.use_pre_llm, true);
    assert.strictEqual(long.request.use_pre_llm, false);
    assert.strictEqual(validateInput({ prompt: 'a'.repeat(200), usePreLlm: true }).ok && true, true);
    for (const usePreLlm of ['yes', 1, null]) {
      assert.strictEqual(firstError({ prompt: 'x', usePreLlm }).code, ErrorCodes.usePreLlm);
    }
  });

  it('accepts seeds -1..2147483647 and rejects others with 003002004', () => {
    for (const seed of [-1, 0, 42, 2147483647, '7']) {
      assert.ok(validateInput({ prompt: 'x', seed }).ok, `seed ${seed}`);
    }
    for (const seed of [-2, 2147483648, 1.5, 'abc', true]) {
      const error = firstError({ prompt: 'x', seed });
      assert.strictEqual(error.code, ErrorCodes.seed, `seed ${seed}`);
      assert.match(error.message, new RegExp(String(seed).replace('.', '\\.')));
    }
  });

  it('checks sizes in the seed\'s order with the matching codes', () => {
    const cases: Array<[unknown, unknown, string]> = [
      [1328, undefined, ErrorCodes.sizeMissing],
      [undefined, 900, ErrorCodes.sizeMissing],
      ['wide', 900, ErrorCodes.sizeType],
      [1000.5, 900, ErrorCodes.sizeType],
      [100, 900, ErrorCodes.sizeRange],
      [5000, 900, ErrorCodes.sizeRange],
      [300, 300, ErrorCodes.dimension],
      [3000, 2000, ErrorCodes.dimension],
      [3000, 500, ErrorCodes.aspectRatio],
      [1800, 500, ErrorCodes.aspectRatio],
      [500, 1800, ErrorCodes.aspectRatio],
    ];
    for (const [width, height, code] of cases) {
      assert.strictEqual(firstError({ prompt: 'x', width, height }).code, code, `${String(width)}×${String(height)}`);
    }
  });

  it('names the rule and the actual value in size messages', () => {
    const aspect = checkSize(1800, 500);
    assert.ok('message' in aspect);
    assert.match(aspect.message, /1800×500 is 18:5; the aspect ratio must be from 1:3 to 3:1\. \[003002006 Invalid aspect ratio\]/);
    const pixels = checkSize(3000, 2000);
    assert.ok('message' in pixels);
    assert.match(pixels.message, /6000000 pixels/);
    assert.strictEqual(formatAspect(1664, 936), '16:9');
    assert.strictEqual(formatAspect(1000, 331), '3.02:1');
  });

  it('accepts every recommended preset, the exact limits, and defaults to 1328×1328', () => {
    for (const preset of SIZE_PRESETS) {
      assert.deepStrictEqual(checkSize(preset.width, preset.height), { width: preset.width, height: preset.height }, preset.id);
    }
    assert.deepStrictEqual(checkSize(512, 512), { width: 512, height: 512 });
    assert.deepStrictEqual(checkSize(2048, 2048), { width: 2048, height: 2048 });
    assert.deepStrictEqual(checkSize(1536, 512), { width: 1536, height: 512 });
    const result = validateInput({ prompt: 'x' });
    assert.ok(result.ok);
    assert.strictEqual(result.request.width, 1328);
    assert.strictEqual(result.request.height, 1328);
  });

  it('reports one error per broken field at once', () => {
    const result = validateInput({ prompt: '', seed: 'x', width: 10, height: 10 });
    assert.ok(!result.ok);
    assert.deepStrictEqual(result.errors.map((e) => e.code), [ErrorCodes.promptMissing, ErrorCodes.seed, ErrorCodes.sizeRange]);
  });

  it('picks a concrete seed on the client when a random one is asked for', () => {
    const random = resolveRequest({ prompt: 'x', seed: -1 }, () => 0.5);
    assert.ok(random.ok);
    assert.strictEqual(random.request.seed, 1 + Math.floor(0.5 * 2147483647));
    const fixed = resolveRequest({ prompt: 'x', seed: 42 }, () => 0.5);
    assert.ok(fixed.ok);
    assert.strictEqual(fixed.request.seed, 42);
    const unset = resolveRequest({ prompt: 'x' }, () => 0);
    assert.ok(unset.ok);
    assert.strictEqual(unset.request.seed, 1);
  });

  it('offers the seed\'s recommended sizes as presets, and maps aspect + quality to them', () => {
    assert.strictEqual(SIZE_PRESETS.length, 10);
    assert.deepStrictEqual(findPreset('2K-16:9'), { id: '2k-16:9', quality: '2k', ratio: '16:9', width: 2560, height: 1440 });
    assert.deepStrictEqual(presetForAspect('16:9'), { width: 1664, height: 936 });
    assert.deepStrictEqual(presetForAspect('9:16', '2k'), { width: 1440, height: 2560 });
    assert.strictEqual(presetForAspect('5:1'), undefined);
  });

  it('translates messages through the given function', () => {
    const result = validateInput({ prompt: '' }, (message) => `«${message}»`);
    assert.ok(!result.ok);
    assert.match(result.errors[0].message, /^«The prompt is empty/);
    assert.match(result.errors[0].message, /«Prompt missing»/);
  });
});
