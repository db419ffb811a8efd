import * as fs from 'fs';
import * as path from 'path';
import * as assert from 'assert';
import { Directive, parseDirectives } from '../../src/core/directives/directives';
import { directiveInput, HouseStyles, styleDirectives } from '../../src/core/directives/directiveStyle';
import { changedFields, DirectiveDefaults, outOfDateState, wantedImage } from '../../src/core/directives/outOfDate';
import { Provenance, withStyle } from '../../src/core/image/provenance';
import { readRepoConfig } from '../../src/core/repoConfig/repoConfig';
import { pickHouseStyle, styleRefusalText } from '../../src/core/repoConfig/houseStyle';
import { checkRequest } from '../../src/core/spec/validation';
import { DEFAULT_VARIATION_CONCURRENCY } from '../../src/core/job/variations';

const TEMPLATE = 'flat vector illustration of {prompt}, teal and coral palette';
const FILE = JSON.stringify({ styles: { brand: { prompt: TEMPLATE, size: '1k-16:9', promptExpansion: 'off' }, photo: { prompt: 'a photograph' } }, defaults: { style: 'brand' } });
const DEFAULTS: DirectiveDefaults = { size: { width: 1328, height: 1328 }, model: 'spark_image_3_1', expansion: 'auto' };

function stylesFrom(text: string): HouseStyles {
  return { reading: readRepoConfig(text), file: 'docs/spark-image.json' };
}

function one(comment: string, styles: HouseStyles | undefined = stylesFrom(FILE)): Directive {
  const [directive] = styleDirectives(parseDirectives(`${comment}\n`), styles);
  return directive;
}

function provenanceFor(directive: Directive): Provenance {
  const input = directiveInput(directive.request!, DEFAULTS.size);
  const { request } = checkRequest(input, { random: () => 0.5 });
  const base: Provenance = { tool: 'spark-image', prompt: request.prompt, seed: request.seed, width: request.width, height: request.height, model: request.model, usePreLlm: request.use_pre_llm, taskId: 't', createdAt: '', completedAt: '' };
  return directive.request!.styled ? withStyle(base, directive.request!.styled) : base;
}

describe('house styles on directives (spark-image.json)', () => {
  it('the default style makes the prompt sent and fills the size and expansion; the directive\'s own options win', () => {
    const styled = one('<!-- spark-image: a red fox {seed=4} -->');
    assert.deepStrictEqual(directiveInput(styled.request!, DEFAULTS.size), {
      prompt: 'flat vector illustration of a red fox, teal and coral palette',
      width: 1664,
      height: 936,
      seed: 4,
      usePreLlm: false,
      style: { name: 'brand', codePoints: 'flat vector illustration of , teal and coral palette'.length },
    });
    assert.strictEqual(styled.request!.prompt, 'a red fox', 'prompt stays what the user wrote');
    const own = one('<!-- spark-image: a red fox {size=800x600 expand=true style=photo} -->');
    assert.deepStrictEqual([own.request!.width, own.request!.height, own.request!.usePreLlm, own.request!.styled!.prompt], [800, 600, true, 'a red fox, a photograph']);
    const none = one('<!-- spark-image: a red fox {style=none} -->');
    assert.strictEqual(none.request!.styled, undefined);
    assert.deepStrictEqual(directiveInput(none.request!, DEFAULTS.size).prompt, 'a red fox');
  });

  it('an unknown style is an error on the option, naming the known ones; nothing to send', () => {
    const directive = one('<!-- spark-image: a red fox {style=brnad} -->');
    assert.strictEqual(directive.request, undefined);
    const issue = directive.issues.find((candidate) => candidate.severity === 'error')!;
    assert.strictEqual(issue.message, 'Unknown style brnad: docs/spark-image.json defines brand, photo. Use one of them, or style=none.');
    assert.strictEqual(directive.raw.slice(issue.start - directive.start, issue.end - directive.start), 'style=brnad');
    const [noFile] = styleDirectives(parseDirectives('<!-- spark-image: a fox {style=brand} -->\n'), undefined);
    assert.match(noFile.issues[0].message, /^Unknown style brand: no spark-image\.json defines styles/);
  });

  it('a malformed file refuses the directives that use a style, with its line and column; the others keep working unstyled', () => {
    const broken = stylesFrom('{\n  "styles": {\n    // a comment\n  }\n}\n');
    const styled = one('<!-- spark-image: a red fox {style=brand} -->', broken);
    assert.strictEqual(styled.request, undefined);
    assert.match(styled.issues[0].message, /^The style brand cannot be used: docs\/spark-image\.json:3:5: error: Not valid JSON/);
    const plain = one('<!-- spark-image: a red fox -->', broken);
    assert.deepStrictEqual([plain.issues, plain.request?.styled, plain.request?.prompt], [[], undefined, 'a red fox']);
  });

  it('a template that makes the prompt sent longer than 800 is 003002002, saying how much is the style\'s', () => {
    const share = 'flat vector illustration of , teal and coral palette'.length;
    const text = 'x'.repeat(801 - share);
    const directive = one(`<!-- spark-image: ${text} -->`);
    assert.strictEqual(directive.request, undefined);
    const error = directive.issues.find((issue) => issue.severity === 'error')!;
    assert.strictEqual(error.code, '003002002');
    assert.strictEqual(error.message, `The prompt sent has 801 characters, ${share} of them from the style brand; the maximum is 800. Shorten the text or the style by 1. [003002002 Invalid prompt length]`);
    assert.ok(one(`<!-- spark-image: ${text.slice(1)} -->`).request, '800 is allowed');
    assert.throws(() => checkRequest({ prompt: 'y'.repeat(801), style: { name: 'brand', codePoints: 51 } }), /801 characters, 51 of them from the style brand/);
  });

  it('auto expansion is decided on the user\'s text, not the longer prompt sent', () => {
    const sent = `${'z'.repeat(100)} ${'w'.repeat(100)}`;
    assert.strictEqual(checkRequest({ prompt: sent, usePreLlm: 'auto' }).request.use_pre_llm, false, 'a 201-character prompt of the user\'s own is not expanded');
    assert.strictEqual(checkRequest({ prompt: sent, usePreLlm: 'auto', style: { name: 'brand', codePoints: 101 } }).request.use_pre_llm, true, '100 of them are the user\'s');
  });

  it('a styled image is up to date by its user text and style; a template edit makes it out of date: style brand changed, old and new text', () => {
    const before = one('<!-- spark-image: a red fox {seed=4} -->');
    const provenance = provenanceFor(before);
    assert.deepStrictEqual(outOfDateState(provenance, wantedImage(before.request!, DEFAULTS)), { state: 'current' });
    const edited = stylesFrom(FILE.replace('teal and coral', 'navy and gold'));
    const after = one('<!-- spark-image: a red fox {seed=4} -->', edited);
    const state = outOfDateState(provenance, wantedImage(after.request!, DEFAULTS));
    assert.deepStrictEqual(state, { state: 'outOfDate', changes: [{ field: 'style', was: TEMPLATE, now: TEMPLATE.replace('teal and coral', 'navy and gold'), style: 'brand' }] });
    assert.strictEqual(changedFields(state.state === 'outOfDate' ? state.changes : []), 'style brand changed');
    const optedOut = one('<!-- spark-image: a red fox {seed=4 style=none size=1k-16:9 expand=false} -->');
    assert.deepStrictEqual(outOfDateState(provenance, wantedImage(optedOut.request!, DEFAULTS)), { state: 'outOfDate', changes: [{ field: 'style', was: TEMPLATE, now: 'none', style: 'brand' }] });
  });
});

describe('pickHouseStyle: one decision for every front end', () => {
  const good = { reading: readRepoConfig('{"styles": {"brand": {"prompt": "flat {prompt}"}, "ink": {"prompt": "ink"}}, "defaults": {"style": "brand"}}'), file: 'docs/spark-image.json' };
  const malformed = { reading: readRepoConfig('{"styles": {"brand": {"prompt": "x"},}}'), file: 'spark-image.json' };
  const how = { searched: 'from here', optOut: '--style none' };

  it('a named style, the default, none; a malformed or missing file is used for nothing when no style is named', () => {
    assert.deepStrictEqual(pickHouseStyle('ink', good), { style: good.reading.config?.styles.ink });
    assert.deepStrictEqual(pickHouseStyle(undefined, good), { style: good.reading.config?.styles.brand });
    assert.deepStrictEqual(pickHouseStyle('none', good), { style: undefined });
    assert.deepStrictEqual(pickHouseStyle(undefined, malformed), { style: undefined });
    assert.deepStrictEqual(pickHouseStyle(undefined, undefined), { style: undefined });
    assert.deepStrictEqual(pickHouseStyle('none', undefined), { style: undefined });
  });

  it('refuses a named style without a file, in a malformed file (with its line and column) or unknown (naming the known ones)', () => {
    const noFile = pickHouseStyle('brand', undefined);
    assert.deepStrictEqual(noFile, { refused: 'no file', name: 'brand' });
    const unreadable = pickHouseStyle('brand', malformed);
    assert.ok('refused' in unreadable && unreadable.refused === 'unreadable');
    assert.match(styleRefusalText(unreadable, how), /^The style "brand" cannot be used: spark-image\.json:1:\d+: error: .*Fix the file, or use --style none\. Nothing was sent\.$/);
    const unknown = pickHouseStyle('brnad', good);
    assert.deepStrictEqual(unknown, { refused: 'unknown', name: 'brnad', file: 'docs/spark-image.json', known: ['brand', 'ink'] });
    assert.strictEqual(styleRefusalText(unknown as Exclude<typeof unknown, { style: unknown }>, how), 'Unknown style "brnad": docs/spark-image.json defines brand, ink. Use one of them, or --style none. Nothing was sent.');
    assert.strictEqual(styleRefusalText({ refused: 'no file', name: 'brand' }, how), 'Unknown style "brand": no spark-image.json defines styles here (searched from here). Nothing was sent.');
  });
});

describe('sparkImage.maxConcurrent', () => {
  it('defaults to 4 in the manifest, the default the editor reads and generate --concurrency uses: 4 variations start together', () => {
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
    assert.strictEqual(manifest.contributes.configuration.properties['sparkImage.maxConcurrent'].default, DEFAULT_VARIATION_CONCURRENCY);
    assert.strictEqual(DEFAULT_VARIATION_CONCURRENCY, 4);
  });
});
