import * as assert from 'assert';
import * as fc from 'fast-check';
import { insertionText } from '../../src/core/links/insertion';
import { altTextFromPrompt, imageLink, LinkSyntax } from '../../src/core/links/linkText';
import { anyText, runs, textFrom } from './propertyRuns';

interface InlineToken {
  type: string;
  content: string;
  children: InlineToken[];
  attrGet(name: string): string | null;
}

// markdown-it (a CommonMark parser, already installed with @vscode/vsce) judges the markdown links.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new () => {
  parseInline(src: string, env: object): Array<{ children: InlineToken[] | null }>;
  normalizeLink(url: string): string;
};
const markdown = new MarkdownIt();

function imagesIn(text: string): InlineToken[] {
  return (markdown.parseInline(text, {})[0].children ?? []).filter((token) => token.type === 'image');
}

/** Every line break some reader of these syntaxes honours (docutils splits like Python's splitlines). */
// eslint-disable-next-line no-control-regex -- line breaks are control characters
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** Characters that make syntax in one of the five languages, and line breaks of every kind. */
const HOSTILE = ['[', ']', '(', ')', '<', '>', '"', "'", '`', '\\', '&amp;', '*', '_', '{', '}', '%', '#', '&', '$', '~', '^', ' ', '\n', '\r', '\u2028', '\u0085', '\t', ':alt:', '.. raw:: html', '-->', '|'];

const alt = fc.oneof(textFrom(HOSTILE, 12), anyText);
/** A relative POSIX path of names naming can produce: no control characters, no line breaks. */
const pathSegment = fc
  .oneof(textFrom(HOSTILE.filter((piece) => !LINE_BREAK.test(piece) && piece !== '\t'), 6), fc.string({ minLength: 1, maxLength: 12 }))
  // eslint-disable-next-line no-control-regex
  .map((segment) => segment.replace(/[/\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ''))
  .filter((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/\p{Cs}/u.test(segment));
const path = fc.array(pathSegment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/'));

/** The alt text as it must read back: control characters and line breaks, each run one space. */
function expectedAlt(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

describe('link text: properties (fast-check)', function () {
  this.timeout(60_000);

  it('markdown: the link is one image with our destination, whatever the alt text and the text around it', () => {
    // Text around the link that could pair with something in the alt text: a lone backtick, the end of an HTML attribute.
    const around = textFrom(['`', '">', '>', ']', ')', 'see', ' ', '*', '<'], 4);
    fc.assert(
      fc.property(alt, path, around, around, (altText, target, before, after) => {
        // Only where a plain link stays a link: text that swallows any link is not ours to defend against.
        fc.pre(imagesIn(`${before} ![x](y.png) ${after}`).length === 1);
        const link = imageLink('markdown', { alt: altText, path: target });
        const tokens = imagesIn(`${before} ${link} ${after}`);
        const images = tokens;
        assert.strictEqual(images.length, 1, `${before} ${link} ${after}`);
        assert.strictEqual(decodeURIComponent(images[0].attrGet('src') ?? ''), target, link);
      }),
      runs(3000),
    );
  });

  it('markdown: the alt text reads back as written (one line)', () => {
    fc.assert(
      fc.property(alt, path, (altText, target) => {
        const link = imageLink('markdown', { alt: altText, path: target });
        const [image] = imagesIn(link);
        const readBack = image.children.map((token) => (token.type === 'text' || token.type === 'text_special' ? token.content : `<${token.type}>`)).join('');
        assert.strictEqual(readBack, expectedAlt(altText), link);
        assert.ok(!LINE_BREAK.test(link), JSON.stringify(link));
      }),
      runs(2000),
    );
  });

  it('html: one <img> whose attributes decode to our path and alt text', () => {
    fc.assert(
      fc.property(alt, path, fc.option(fc.integer({ min: 1, max: 4096 })), (altText, target, size) => {
        const link = imageLink('html', { alt: altText, path: target, width: size ?? undefined, height: size ?? undefined });
        const match = /^<img src="([^"<>]*)" alt="([^"<>]*)"(?: width="\d+" height="\d+")?>$/.exec(link);
        assert.ok(match, link);
        const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
        assert.strictEqual(decodeURIComponent(decode(match[1])), target);
        assert.strictEqual(decode(match[2]), expectedAlt(altText));
        assert.ok(!LINE_BREAK.test(link));
      }),
      runs(2000),
    );
  });

  it('reStructuredText: exactly the directive line and its :alt: line, the path one unbroken argument', () => {
    fc.assert(
      fc.property(alt, path, (altText, target) => {
        const lines = imageLink('restructuredtext', { alt: altText, path: target }).split(LINE_BREAK);
        assert.strictEqual(lines.length, 2, JSON.stringify(lines));
        assert.match(lines[0], /^\.\. image:: (?:[^\s\\]|\\.)+$/u);
        assert.ok(lines[1].startsWith('   :alt: '), lines[1]);
      }),
      runs(2000),
    );
  });

  it('AsciiDoc: one block macro line, the target without white space or brackets, the alt one quoted value', () => {
    fc.assert(
      fc.property(alt, path, (altText, target) => {
        const link = imageLink('asciidoc', { alt: altText, path: target });
        const match = /^image::([^\s[]+)\["((?:[^"\\]|\\.)*)"\]$/u.exec(link);
        assert.ok(match, JSON.stringify(link));
        assert.strictEqual(match[2].replace(/\\(.)/gu, '$1'), expectedAlt(altText));
      }),
      runs(2000),
    );
  });

  it('LaTeX: a comment line, then one \\includegraphics whose argument closes where it should', () => {
    fc.assert(
      fc.property(alt, path, (altText, target) => {
        const lines = imageLink('latex', { alt: altText, path: target }).split(LINE_BREAK);
        assert.strictEqual(lines.length, 2, JSON.stringify(lines));
        assert.ok(lines[0].startsWith('% '));
        const prefix = '\\includegraphics[width=\\linewidth]{';
        assert.ok(lines[1].startsWith(prefix) && lines[1].endsWith('}'), lines[1]);
        // Inside the argument: braces balanced, no comment (%) or parameter (#) character left unescaped.
        let depth = 0;
        const argument = lines[1].slice(prefix.length, -1);
        for (let at = 0; at < argument.length; at++) {
          const char = argument[at];
          if (char === '\\') {
            at++;
          } else if (char === '{') {
            depth++;
          } else if (char === '}') {
            depth--;
            assert.ok(depth >= 0, lines[1]);
          } else {
            assert.ok(char !== '%' && char !== '#', lines[1]);
          }
        }
        assert.strictEqual(depth, 0, lines[1]);
      }),
      runs(2000),
    );
  });

  it('inserted links keep their own lines in block syntaxes, and the alt text from a prompt is one line and never empty', () => {
    const syntax = fc.constantFrom<LinkSyntax>('markdown', 'html', 'restructuredtext', 'asciidoc', 'latex');
    fc.assert(
      fc.property(alt, syntax, anyText, fc.nat(), fc.boolean(), (prompt, kind, text, at, ownParagraph) => {
        const offset = text.length === 0 ? 0 : at % (text.length + 1);
        const altText = altTextFromPrompt(prompt);
        assert.ok(altText.trim() !== '' && !LINE_BREAK.test(altText), JSON.stringify(altText));
        const link = imageLink(kind, { alt: altText, path: 'images/x.png' });
        const inserted = insertionText(link, text, offset, kind, ownParagraph);
        assert.ok(inserted.includes(link));
      }),
      runs(2000),
    );
  });
});
