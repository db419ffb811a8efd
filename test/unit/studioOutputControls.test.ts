import * as assert from 'assert';
import type { HouseStyles } from '../../src/core/directives/directiveStyle';
import { english } from '../../src/core/base/messages';
import { checkedChoice, configuredOutput } from '../../src/studio/controller/outputChecks';
import { outputChoiceIssues, parseOutputChoice, takesQuality } from '../../src/core/output/outputChoice';
import { parseFromWebview } from '../../src/studio/protocol';

const params = { prompt: 'a cat', width: 1328, height: 1328, seed: -1, expansion: 'auto' };

function stylesWith(output: object | undefined): HouseStyles {
  return { reading: { config: { styles: {}, defaults: {}, ...(output && { output }) }, issues: [] }, file: 'spark-image.json' } as unknown as HouseStyles;
}

describe('studio save controls: messages and rules', () => {
  it('a generate message carries the controls as the command arguments; other keys are dropped', () => {
    const output = { format: 'webp', maxWidth: 640, quality: 80 };
    assert.deepStrictEqual(parseFromWebview({ type: 'generate', params: { ...params, output: { ...output, extra: 1 } } }), { type: 'generate', params: { ...params, output } });
    assert.deepStrictEqual(parseFromWebview({ type: 'generate', params: { ...params, output: {} } }), { type: 'generate', params: { ...params, output: {} } });
    assert.deepStrictEqual(parseFromWebview({ type: 'use', entryId: 'task-1', output: { format: 'jpeg' } }), { type: 'use', entryId: 'task-1', output: { format: 'jpeg' } });
    assert.deepStrictEqual(parseFromWebview({ type: 'use', entryId: 'task-1' }), { type: 'use', entryId: 'task-1' });
    assert.deepStrictEqual(parseFromWebview({ type: 'regenerate', entryId: 'task-1', variation: false, output: { format: 'webp', maxWidth: 480 } }), { type: 'regenerate', entryId: 'task-1', variation: false, output: { format: 'webp', maxWidth: 480 } });
    assert.deepStrictEqual(parseFromWebview({ type: 'regenerate', entryId: 'task-1', variation: true }), { type: 'regenerate', entryId: 'task-1', variation: true });
  });

  it('a malformed output drops the whole message (unknown format, a number as text, not an object)', () => {
    for (const output of [{ format: 'gif' }, { format: 'WEBP' }, { maxWidth: '640' }, { quality: null }, { maxWidth: Infinity }, 'webp', [1]]) {
      assert.strictEqual(parseFromWebview({ type: 'generate', params: { ...params, output } }), undefined, JSON.stringify(output));
      assert.strictEqual(parseFromWebview({ type: 'use', entryId: 'task-1', output }), undefined, JSON.stringify(output));
      assert.strictEqual(parseFromWebview({ type: 'regenerate', entryId: 'task-1', variation: false, output }), undefined, JSON.stringify(output));
    }
  });

  it('the shape check leaves the rules to outputChoiceIssues, which names the rule and the value', () => {
    assert.deepStrictEqual(parseOutputChoice({ maxWidth: 0 }), { maxWidth: 0 });
    const issue = (choice: object) => outputChoiceIssues(choice, english).map((one) => `${one.field}: ${one.message}`);
    assert.deepStrictEqual(issue({ maxWidth: 0 }), ['maxWidth: The max width must be a whole number of pixels from 16 to 8192, not 0.']);
    assert.deepStrictEqual(issue({ maxWidth: -640 }), ['maxWidth: The max width must be a whole number of pixels from 16 to 8192, not -640.']);
    assert.deepStrictEqual(issue({ maxWidth: 640.5 }), ['maxWidth: The max width must be a whole number of pixels from 16 to 8192, not 640.5.']);
    assert.deepStrictEqual(issue({ quality: 0 }), ['quality: The encode quality must be a whole number from 1 to 100, not 0.']);
    assert.deepStrictEqual(issue({ quality: 101 }), ['quality: The encode quality must be a whole number from 1 to 100, not 101.']);
    assert.deepStrictEqual(issue({ format: 'webp', maxWidth: 640, quality: 1 }), []);
    assert.deepStrictEqual(issue({ maxWidth: 16, quality: 100 }), []);
  });

  it('the host refuses a broken rule before anything is sent, as a validation error with every broken rule', () => {
    assert.throws(
      () => checkedChoice({ format: 'webp', maxWidth: 0, quality: 101 }, english),
      (error: Error & { kind?: string }) =>
        error.kind === 'validation' && error.message === 'The max width must be a whole number of pixels from 16 to 8192, not 0. The encode quality must be a whole number from 1 to 100, not 101. Nothing was sent.',
    );
    assert.deepStrictEqual(checkedChoice({ format: 'webp', maxWidth: 640 }, english), { format: 'webp', maxWidth: 640 });
    assert.strictEqual(checkedChoice(undefined, english), undefined);
  });

  it('the preset is what applies for the target: the nearest spark-image.json field by field, else the settings', () => {
    assert.deepStrictEqual(configuredOutput(stylesWith({ format: 'webp', maxWidth: 1200 }), { format: 'jpeg', maxWidth: 800, quality: 70 }), { format: 'webp', maxWidth: 1200, quality: 70 });
    assert.deepStrictEqual(configuredOutput(undefined, { format: 'jpeg' }), { format: 'jpeg' });
    assert.deepStrictEqual(configuredOutput(stylesWith(undefined), {}), {});
  });

  it('quality shows for the lossy formats only', () => {
    assert.deepStrictEqual([undefined, 'png', 'webp', 'jpeg'].map((format) => takesQuality(format as never)), [false, false, true, true]);
  });
});
