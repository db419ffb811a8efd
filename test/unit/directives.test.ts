import * as assert from 'assert';
import { directiveAt, findDirectiveAgain, parseDirectives } from '../../src/core/directives/directives';
import { nearestPreset, shortenPrompt } from '../../src/core/directives/directiveFixes';
import { linkEdit } from '../../src/core/directives/directiveLinks';
import { estimateCostUsd } from '../../src/core/spend/pricing';

function apply(text: string, edit: { start: number; end: number; newText: string }): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

describe('directives (parser)', () => {
  it('reads prompt and options; the link on the next non-blank line is the image it manages', () => {
    const text = '# Doc\n\n<!-- spark-image: A red fox\n   in the snow {size=1664x936 seed=42 expand=false} -->\n\n![A red fox](images/fox-42.png)\n\nText.\n';
    const [directive] = parseDirectives(text);
    assert.strictEqual(directive.prompt, 'A red fox in the snow');
    assert.deepStrictEqual(directive.request, { prompt: 'A red fox in the snow', width: 1664, height: 936, seed: 42, usePreLlm: false });
    assert.strictEqual(directive.line, 2);
    assert.deepStrictEqual(directive.issues, []);
    assert.strictEqual(directive.image?.path, 'images/fox-42.png');
    assert.strictEqual(text.slice(directive.image.start, directive.image.end), '![A red fox](images/fox-42.png)');
    assert.strictEqual(text.slice(directive.promptSpan.start, directive.promptSpan.end), 'A red fox\n   in the snow');
  });

  it('maps aspect and quality to the recommended size; no size means the default', () => {
    const [a, b, c, d] = parseDirectives('<!-- spark-image: a {aspect=16:9} -->\n<!-- spark-image: b {aspect=9:16 quality=2k} -->\n<!-- spark-image: c -->\n<!-- spark-image: d {size=2k-3:2} -->');
    assert.deepStrictEqual([a.request?.width, a.request?.height], [1664, 936]);
    assert.deepStrictEqual([b.request?.width, b.request?.height], [1440, 2560]);
    assert.deepStrictEqual([c.request?.width, c.request?.height, c.request?.seed], [undefined, undefined, undefined]);
    assert.deepStrictEqual([d.request?.width, d.request?.height], [2496, 1664]);
    assert.strictEqual(a.image, undefined, 'another directive is not an image');
  });

  it('reports bad options with the seed codes, on the option, with a snap-to-size fix', () => {
    const text = '<!-- spark-image: wide thing {size=3000x500} -->\n';
    const [directive] = parseDirectives(text);
    assert.strictEqual(directive.request, undefined);
    const [issue] = directive.issues;
    assert.strictEqual(issue.code, '003002006');
    assert.strictEqual(text.slice(issue.start, issue.end), 'size=3000x500');
    assert.match(issue.message, /003002006 Invalid aspect ratio/);
    const fix = issue.fixes[0];
    assert.strictEqual(fix.newText, '2016x864');
    assert.strictEqual(apply(text, fix), '<!-- spark-image: wide thing {size=2016x864} -->\n');
    assert.deepStrictEqual(parseDirectives(apply(text, fix))[0].issues, []);
  });

  it('each broken rule gets its own code', () => {
    const codes = (options: string) => parseDirectives(`<!-- spark-image: x {${options}} -->`)[0].issues.map((issue) => issue.code);
    assert.deepStrictEqual(codes('seed=abc'), ['003002004']);
    assert.deepStrictEqual(codes('expand=yes'), ['003002003']);
    assert.deepStrictEqual(codes('size=1024'), ['003002007']);
    assert.deepStrictEqual(codes('size=12ax40'), ['003002008']);
    assert.deepStrictEqual(codes('size=300x300'), ['003002005']);
    assert.deepStrictEqual(codes('size=100x3000'), ['003002009']);
    assert.deepStrictEqual(codes('aspect=5:1'), ['003002006']);
    assert.deepStrictEqual(codes('quality=4k'), ['003002005']);
    assert.deepStrictEqual(codes('size=1328x1328 aspect=16:9'), ['003002005']);
    assert.deepStrictEqual(codes('colour=red'), [undefined]);
    assert.deepStrictEqual(parseDirectives('<!-- spark-image:   -->')[0].issues.map((issue) => issue.code), ['003002001']);
  });

  it('a prompt over 800 characters is an error with a shorten fix; over 120 a warning', () => {
    const long = 'word '.repeat(170).trim();
    const text = `<!-- spark-image: ${long} -->`;
    const [directive] = parseDirectives(text);
    const [issue] = directive.issues;
    assert.strictEqual(issue.code, '003002002');
    assert.strictEqual(issue.severity, 'error');
    const fixed = apply(text, issue.fixes[0]);
    const [after] = parseDirectives(fixed);
    assert.ok(after.request, 'valid after the fix');
    assert.ok(after.prompt.length <= 800);
    const warned = parseDirectives(`<!-- spark-image: ${'a'.repeat(130)} -->`)[0];
    assert.ok(warned.request, 'a warning does not block');
    assert.strictEqual(warned.issues[0].severity, 'warning');
  });

  it('ignores directives in fenced code and inline code; stops at an unterminated comment', () => {
    const text = '```md\n<!-- spark-image: example -->\n```\n`<!-- spark-image: inline -->`\n<!-- spark-image: real -->\n<!-- spark-image: open';
    assert.deepStrictEqual(parseDirectives(text).map((directive) => directive.prompt), ['real']);
  });

  it('reads markdown links with angle brackets, titles and HTML images', () => {
    const [a, b, c] = parseDirectives('<!-- spark-image: a -->\n![x \\] y](<my images/a b.png> "t")\n<!-- spark-image: b -->\n  <img src="img/b%20c.png" alt="B &amp; C">\n<!-- spark-image: c -->\nplain text\n');
    assert.deepStrictEqual([a.image?.path, a.image?.alt], ['my images/a b.png', 'x ] y']);
    assert.deepStrictEqual([b.image?.path, b.image?.alt], ['img/b c.png', 'B & C']);
    assert.strictEqual(c.image, undefined);
  });

  it('inserts a missing link after the comment and replaces an existing one, leaving the rest alone', () => {
    const text = 'Intro\n<!-- spark-image: a -->\nNext\n';
    const inserted = apply(text, linkEdit(text, parseDirectives(text)[0], '![a](images/a.png)'));
    assert.strictEqual(inserted, 'Intro\n<!-- spark-image: a -->\n\n![a](images/a.png)\n\nNext\n');
    const [again] = parseDirectives(inserted);
    assert.strictEqual(again.image?.path, 'images/a.png');
    const replaced = apply(inserted, linkEdit(inserted, again, '![a](images/b.png)'));
    assert.strictEqual(replaced, 'Intro\n<!-- spark-image: a -->\n\n![a](images/b.png)\n\nNext\n');
  });

  it('finds the directive at the cursor and again after edits', () => {
    const text = '<!-- spark-image: a -->\n![a](a.png)\n<!-- spark-image: b -->';
    const directives = parseDirectives(text);
    assert.strictEqual(directiveAt(directives, 5)?.prompt, 'a');
    assert.strictEqual(directiveAt(directives, text.indexOf('a.png'))?.prompt, 'a');
    assert.strictEqual(directiveAt(directives, text.length - 3)?.prompt, 'b');
    const moved = parseDirectives(`# new title\n\n${text}`);
    assert.strictEqual(findDirectiveAgain(moved, directives[1])?.start, directives[1].start + 13);
  });

  it('snaps, shortens and prices', () => {
    assert.deepStrictEqual(nearestPreset(1600, 900), { width: 1664, height: 936, id: '1k-16:9' });
    assert.deepStrictEqual(nearestPreset(900, 1600), { width: 936, height: 1664, id: '1k-16:9' });
    assert.deepStrictEqual(nearestPreset(2500, 1400), { width: 2560, height: 1440, id: '2k-16:9' });
    assert.strictEqual(shortenPrompt('one two three four', 10), 'one two');
    assert.strictEqual(estimateCostUsd(1328, 1328), 0.03);
    assert.strictEqual(estimateCostUsd(2048, 2048), 0.06);
  });
});
