import * as assert from 'assert';
import * as fc from 'fast-check';
import { parseDirectives } from '../../src/core/directives/directives';
import { quoteOptionValue } from '../../src/core/directives/directiveOptions';
import { DIRECTIVE_KEYS } from '../../src/core/directives/directiveTypes';
import { anyText, runs, textFrom } from './propertyRuns';

const PIECES = [
  '<!--',
  '<!-- spark-image:',
  '<!--spark-image :',
  '<!-- SPARK-IMAGE: ',
  '-->',
  '--',
  '{',
  '}',
  '=',
  '"',
  "'",
  '\\',
  ' ',
  '\n',
  '\r\n',
  '```\n',
  '~~~',
  '`',
  'size=',
  'aspect=16:9',
  'quality=2k',
  'seed=',
  'expand=',
  'alt=',
  '1328x1328',
  '99999999999',
  '-1',
  '![a](b.png)',
  '<img src="x.png">',
  'a fox',
  '灯塔',
  '\u2028',
];

/** A directive with one option, written the way a tool writes it. */
function printed(prompt: string, key: string, value: string): string {
  return `<!-- spark-image: ${prompt} {${key}=${quoteOptionValue(value)}} -->`;
}

describe('directives: properties (fast-check)', function () {
  this.timeout(60_000);

  it('the scanner never throws, and every span it reports lies inside the text in order', () => {
    fc.assert(
      fc.property(fc.oneof(textFrom(PIECES, 60), anyText), (text) => {
        const directives = parseDirectives(text);
        let previousEnd = 0;
        for (const directive of directives) {
          assert.ok(directive.start >= previousEnd && directive.end <= text.length && directive.start < directive.end);
          assert.strictEqual(directive.raw, text.slice(directive.start, directive.end));
          assert.ok(directive.raw.startsWith('<!--') && directive.raw.endsWith('-->'));
          assert.ok(directive.promptSpan.start >= directive.start && directive.promptSpan.end <= directive.end);
          for (const option of directive.options) {
            assert.ok(option.start >= directive.start && option.end <= directive.end && option.valueStart >= option.start && option.valueStart <= option.end);
          }
          for (const issue of directive.issues) {
            assert.ok(issue.start >= 0 && issue.end <= text.length && issue.start <= issue.end);
            assert.ok(issue.message.length > 0);
            for (const fix of issue.fixes) {
              assert.ok(fix.start >= 0 && fix.end <= text.length && fix.start <= fix.end);
            }
          }
          if (directive.image) {
            assert.strictEqual(directive.image.text, text.slice(directive.image.start, directive.image.end));
          }
          previousEnd = directive.end;
        }
      }),
      runs(3000),
    );
  });

  it('an option value round-trips through quoteOptionValue, whatever it contains', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DIRECTIVE_KEYS), fc.oneof(textFrom(PIECES, 8), anyText), (key, value) => {
        const [directive, ...others] = parseDirectives(printed('a lighthouse at dawn', key, value));
        assert.deepStrictEqual(others, []);
        assert.strictEqual(directive.prompt, 'a lighthouse at dawn');
        assert.deepStrictEqual(
          directive.options.map((option) => [option.key, option.value]),
          [[key, value]],
        );
      }),
      runs(3000),
    );
  });

  it('a seed, a size and an alt text that a tool prints are what the directive asks for', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_147_483_647 }), fc.constantFrom('1328x1328', '1664x936', '2048x2048'), fc.string({ minLength: 1, maxLength: 40 }), (seed, size, alt) => {
        fc.pre(alt.replace(/\s+/g, ' ').trim() !== '');
        const text = `<!-- spark-image: a fox {seed=${quoteOptionValue(String(seed))} size=${quoteOptionValue(size)} alt=${quoteOptionValue(alt)}} -->`;
        const [directive] = parseDirectives(text);
        assert.deepStrictEqual(directive.issues.filter((issue) => issue.severity === 'error'), []);
        const [width, height] = size.split('x').map(Number);
        assert.deepStrictEqual(directive.request, { prompt: 'a fox', width, height, seed, usePreLlm: undefined, alt: alt.replace(/\s+/g, ' ').trim() });
      }),
      runs(1000),
    );
  });

  it('a printed value never ends the comment or leaves the option group', () => {
    fc.assert(
      fc.property(fc.oneof(textFrom(PIECES, 8), anyText), (value) => {
        const quoted = quoteOptionValue(value);
        assert.ok(!quoted.includes('-->'), quoted);
        assert.ok(!/\s/.test(quoted) || quoted.startsWith('"'), quoted);
      }),
      runs(3000),
    );
  });
});
