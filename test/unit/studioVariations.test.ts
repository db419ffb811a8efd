import * as assert from 'assert';
import { checkRequest, type GenerationInput } from '../../src/core/spec/validation';
import type { CheckedGeneration } from '../../src/editor/generation/generationTypes';
import { readRepoConfig } from '../../src/core/repoConfig/repoConfig';
import { boundStyled, styleChoices, styledPrompt } from '../../src/studio/controller/studioStyles';
import { parseComposeParams } from '../../src/studio/protocol';
import { isExpiredKept, KEPT_DAYS, keptFileName } from '../../src/studio/variations/keptRules';
import { variationsOf } from '../../src/studio/variations/variationRequests';

const DAY = 24 * 60 * 60 * 1000;

function checked(input: GenerationInput): CheckedGeneration {
  return { spec: { prompt: String(input.prompt), seed: Number(input.seed) }, settings: {} as CheckedGeneration['settings'], request: checkRequest(input, { random: Math.random }).request };
}

describe('studio variations: requests, kept files, the message', () => {
  const input: GenerationInput = { prompt: 'a lighthouse at dusk', width: 1328, height: 1328, seed: 7, usePreLlm: false };

  it('one variation is the checked generation itself', () => {
    const first = checked(input);
    assert.deepStrictEqual(variationsOf(first, input, 1, {}), [first]);
  });

  it('with a seed S, N variations send S, S+1, …, S+N−1, each checked, the rest of the request the same', () => {
    const all = variationsOf(checked(input), input, 4, {});
    assert.deepStrictEqual(all.map((one) => one.request.seed), [7, 8, 9, 10]);
    assert.deepStrictEqual(all.map((one) => one.spec.seed), [7, 8, 9, 10], 'each spec records its own seed');
    assert.ok(all.every((one) => one.request.prompt === input.prompt && one.request.width === 1328 && one.request.height === 1328));
  });

  it('without a seed, N distinct random seeds (a repeated draw is drawn again)', () => {
    const random = { ...input, seed: -1 };
    const draws = [0.5, 0.5, 0.25, 0.25, 0.75, 0.1];
    let at = 0;
    const all = variationsOf(checked(random), random, 4, { random: () => draws[at++ % draws.length] });
    const seeds = all.map((one) => one.request.seed);
    assert.strictEqual(new Set(seeds).size, 4, seeds.join(', '));
    assert.ok(seeds.every((seed) => seed >= 0));
  });

  it('a seed past the maximum at S+N−1 is refused before anything is sent', () => {
    const high = { ...input, seed: 2147483646 };
    assert.throws(() => variationsOf(checked(high), high, 4, {}), /seed/i);
  });

  it('kept variations expire after KEPT_DAYS days, one file per task id, safe as a file name', () => {
    const now = Date.UTC(2026, 0, 31);
    assert.strictEqual(KEPT_DAYS, 30);
    assert.strictEqual(isExpiredKept(now - 29 * DAY, now), false);
    assert.strictEqual(isExpiredKept(now - 30 * DAY, now), false);
    assert.strictEqual(isExpiredKept(now - 30 * DAY - 1, now), true);
    assert.strictEqual(keptFileName('task-1', 'png'), 'task-1.png');
    assert.strictEqual(keptFileName('../../etc/passwd', 'png'), '.._.._etc_passwd.png');
  });

  it('the generate message carries a count of 1, 2 or 4 and a style name, nothing else', () => {
    const params = { prompt: 'x', width: 1328, height: 1328, seed: -1, expansion: 'auto' };
    assert.deepStrictEqual(parseComposeParams({ ...params, count: 4, style: 'brand' }), { ...params, count: 4, style: 'brand' });
    assert.deepStrictEqual(parseComposeParams(params), params);
    for (const bad of [{ count: 3 }, { count: 8 }, { count: '4' }, { style: '' }, { style: 'a b' }, { style: 7 }]) {
      assert.strictEqual(parseComposeParams({ ...params, ...bad }), undefined, JSON.stringify(bad));
    }
  });
});

describe('studio style picker (choices and the prompt sent)', () => {
  const t = (message: string, ...args: Array<string | number>) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
  const styles = (config: unknown) => ({ reading: readRepoConfig(typeof config === 'string' ? config : JSON.stringify(config)), file: 'docs/spark-image.json' });
  const file = styles({ styles: { brand: { prompt: 'flat vector of {prompt}, teal' }, ink: { prompt: 'black ink' } }, defaults: { style: 'brand' } });

  it('offers the file styles with its default preselected, else none; no file, no styles', () => {
    assert.deepStrictEqual(styleChoices(file), { names: ['brand', 'ink'], preselected: 'brand' });
    assert.deepStrictEqual(styleChoices(styles({ styles: { ink: { prompt: 'black ink' } } })), { names: ['ink'], preselected: 'none' });
    assert.deepStrictEqual(styleChoices(undefined), { names: [], preselected: 'none' });
  });

  it('applies the chosen style (the default when none is named), none opts out, an unknown name is refused', () => {
    assert.deepStrictEqual(styledPrompt('a fox', 'brand', file, t)?.prompt, 'flat vector of a fox, teal');
    assert.deepStrictEqual(styledPrompt('a fox', undefined, file, t)?.style, { name: 'brand', template: 'flat vector of {prompt}, teal' });
    assert.deepStrictEqual(styledPrompt('a fox', 'ink', file, t)?.prompt, 'a fox, black ink');
    assert.strictEqual(styledPrompt('a fox', 'none', file, t), undefined);
    assert.throws(() => styledPrompt('a fox', 'ghost', file, t), /Unknown style ghost: docs\/spark-image\.json defines brand, ink\. Nothing was sent\./);
    assert.throws(() => styledPrompt('a fox', 'brand', styles('{ not json'), t), /cannot be used/);
    assert.strictEqual(styledPrompt('a fox', undefined, undefined, t), undefined);
  });

  it('bound to a directive, its style applies to the prompt sent, an edited one too; a directive without one sends the text as written', () => {
    const directive = styledPrompt('a fox', 'brand', file, t);
    assert.deepStrictEqual(boundStyled('a fox', directive), directive);
    const edited = boundStyled('a grey fox at dusk', directive);
    assert.strictEqual(edited?.prompt, 'flat vector of a grey fox at dusk, teal');
    assert.deepStrictEqual([edited?.userPrompt, edited?.style], ['a grey fox at dusk', { name: 'brand', template: 'flat vector of {prompt}, teal' }]);
    assert.strictEqual(boundStyled('a grey fox at dusk', undefined), undefined);
  });
});
