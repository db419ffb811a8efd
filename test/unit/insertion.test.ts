import * as assert from 'assert';
import { anchorAt, endOfLine, findAnchor, insertionText, shiftOffset } from '../../src/core/links/insertion';

describe('insertion point and text', () => {
  it('follows edits before, after, at and around the point', () => {
    assert.strictEqual(shiftOffset(10, [{ rangeOffset: 0, rangeLength: 0, text: 'abc' }]), 13, 'insert before');
    assert.strictEqual(shiftOffset(10, [{ rangeOffset: 2, rangeLength: 5, text: '' }]), 5, 'delete before');
    assert.strictEqual(shiftOffset(10, [{ rangeOffset: 12, rangeLength: 3, text: 'xyz!' }]), 10, 'edit after');
    assert.strictEqual(shiftOffset(10, [{ rangeOffset: 10, rangeLength: 0, text: 'typed' }]), 10, 'typing at the point goes after it');
    assert.strictEqual(shiftOffset(10, [{ rangeOffset: 8, rangeLength: 4, text: 'ab' }]), 10, 'replaced around: end of replacement');
    assert.strictEqual(shiftOffset(10, [{ rangeOffset: 12, rangeLength: 0, text: 'x' }, { rangeOffset: 1, rangeLength: 0, text: 'yy' }]), 12, 'a batch');
  });

  it('puts inline markdown at the point, and blocks on their own lines', () => {
    assert.strictEqual(insertionText('![a](b.png)', 'see  here', 4, 'markdown'), '![a](b.png)');
    assert.strictEqual(insertionText('.. image:: b.png', 'para\nnext', 4, 'restructuredtext'), '\n\n.. image:: b.png\n');
    assert.strictEqual(insertionText('![a](b.png)', 'para\n\nnext', 4, 'markdown', true), '\n\n![a](b.png)');
    assert.strictEqual(insertionText('![a](b.png)', 'para', 4, 'markdown', true), '\n\n![a](b.png)');
    assert.strictEqual(insertionText('![a](b.png)', 'a\r\nb', 1, 'markdown', true), '\r\n\r\n![a](b.png)\r\n');
  });

  it('keeps a link on its own paragraph inside the list item of the line it follows (markdownlint MD029 found this)', () => {
    const list = '1. First step\n   A lighthouse at dawn\n2. Next step\n';
    assert.strictEqual(insertionText('![a](b.png)', list, list.indexOf('\n2.'), 'markdown', true), '\n\n   ![a](b.png)\n');
    const bullets = '- one\n- two\n';
    assert.strictEqual(insertionText('![a](b.png)', bullets, bullets.indexOf('\n- two'), 'markdown', true), '\n\n  ![a](b.png)\n');
    const nested = '- one\n  - two\n    more of two\n';
    assert.strictEqual(insertionText('![a](b.png)', nested, nested.indexOf('\n', nested.indexOf('more')), 'markdown', true), '\n\n    ![a](b.png)');
    // Outside lists, the indentation of a continuation line means nothing (and four spaces would make code).
    const comment = '<!-- spark-image: a fox\n     in the snow -->\n';
    assert.strictEqual(insertionText('![a](b.png)', comment, comment.indexOf(' -->') + 4, 'markdown', true), '\n\n![a](b.png)');
    assert.strictEqual(insertionText('![a](b.png)', '1. item\n\nafter the list', 23, 'markdown', true), '\n\n![a](b.png)');
  });

  it('finds the end of a line and re-finds an anchor after the text changed', () => {
    const text = 'intro\nthe cat line\nmore';
    assert.strictEqual(endOfLine(text, 8), 18);
    const anchor = anchorAt(text, 18);
    assert.strictEqual(findAnchor(text, anchor), 18);
    assert.strictEqual(findAnchor(`added\n${text}`, anchor), 24);
    assert.strictEqual(findAnchor('nothing like it', anchor), undefined);
  });
});
