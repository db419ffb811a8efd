import * as assert from 'assert';
import { parseDirectives } from '../../src/core/directives/directives';
import { quoteOptionValue } from '../../src/core/directives/directiveOptions';
import { altTextFromPrompt, imageLink } from '../../src/core/links/linkText';
import { fileNameVariables, renderFileName } from '../../src/core/naming/naming';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new () => { parseInline(src: string, env: object): Array<{ children: Array<{ type: string; attrGet(name: string): string | null }> }> };
const markdown = new MarkdownIt();
const images = (text: string) => markdown.parseInline(text, {})[0].children.filter((token) => token.type === 'image');

const variables = fileNameVariables({ prompt: 'a fox', seed: 7, width: 1328, height: 1328, taskId: 't-1' }, new Date(2026, 0, 2, 3, 4, 5));

/** Each case is a counterexample fast-check found in the property tests, kept as a plain example. */
describe('regressions found by the property tests', () => {
  it('directives: an option value with a brace no longer turns the whole option group into prompt text', () => {
    const [directive] = parseDirectives(`<!-- spark-image: a lighthouse at dawn {alt=${quoteOptionValue('{')} size=1328x1328} -->`);
    assert.strictEqual(directive.prompt, 'a lighthouse at dawn');
    assert.deepStrictEqual(directive.request, { prompt: 'a lighthouse at dawn', width: 1328, height: 1328, seed: undefined, usePreLlm: undefined, alt: '{' });
    assert.strictEqual(parseDirectives('<!-- spark-image: a fox {alt="a } b"} -->')[0].options[0].value, 'a } b');
  });

  it('directives: an unclosed quote is still reported', () => {
    const [directive] = parseDirectives('<!-- spark-image: a fox {alt="never closed} -->');
    assert.match(directive.issues.map((issue) => issue.message).join('\n'), /opens a quote that is never closed/);
  });

  it('directives: a value "-->" is printed so that it cannot end the comment', () => {
    const printed = quoteOptionValue('a --> b');
    assert.ok(!printed.includes('-->'), printed);
    const [directive] = parseDirectives(`<!-- spark-image: a fox {alt=${quoteOptionValue('-->')}} -->`);
    assert.strictEqual(directive.options[0].value, '-->');
  });

  it('link text: NEL (U+0085) and U+2028 in a prompt no longer break a reStructuredText link across lines', () => {
    assert.strictEqual(altTextFromPrompt('a\u0085.. raw:: html'), 'a .. raw:: html');
    const link = imageLink('restructuredtext', { alt: 'x\u2028.. raw:: html', path: 'images/x.png' });
    // eslint-disable-next-line no-control-regex -- the line breaks docutils honours
    assert.deepStrictEqual(link.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/), ['.. image:: images/x.png', '   :alt: x .. raw:: html']);
  });

  it('markdown: a backtick in the alt text or the path cannot pair with one before the link', () => {
    assert.strictEqual(images(`\` ${imageLink('markdown', { alt: '`', path: 'x.png' })} and more`).length, 1);
    assert.strictEqual(images(`\` ${imageLink('markdown', { alt: 'a', path: 'a`b.png' })} and more`).length, 1);
  });

  it('markdown: an entity, a percent sign, a backslash or outer white space in the path reads back as written', () => {
    for (const path of ['&amp;/x.png', '100%.png', 'a\\b.png', ' ', 'images/ x .png']) {
      const [image] = images(imageLink('markdown', { alt: 'a', path }));
      assert.strictEqual(decodeURIComponent(image.attrGet('src') ?? ''), path, path);
    }
    // And the directive parser reads the same path back.
    const [directive] = parseDirectives(`<!-- spark-image: a fox -->\n${imageLink('markdown', { alt: 'a', path: 'images/100% a&amp;.png' })}\n`);
    assert.strictEqual(directive.image?.path, 'images/100% a&amp;.png');
  });

  it('LaTeX: a backslash at the end of a path no longer escapes the closing brace', () => {
    assert.strictEqual(imageLink('latex', { alt: 'a', path: 'dir\\' }).split('\n')[1], '\\includegraphics[width=\\linewidth]{dir\\textbackslash{}}');
  });

  it('file names: DEL, C1 controls and line separators are removed, and Windows device names are avoided', () => {
    assert.strictEqual(renderFileName('\u007f', variables, 'png'), 'image.png');
    assert.strictEqual(renderFileName('a\u0085b\u2028c', variables, 'png'), 'a-b-c.png');
    assert.strictEqual(renderFileName('CON', variables, 'png'), '_CON.png');
    assert.strictEqual(renderFileName('lpt9.v2', variables, 'png'), '_lpt9.v2.png');
    assert.strictEqual(renderFileName('console', variables, 'png'), 'console.png');
  });
});
