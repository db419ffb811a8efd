import * as assert from 'assert';
import { parseDirectives } from '../../src/core/directives/directives';
import { applyTextEdit, seedPinEdit } from '../../src/core/directives/seedPin';

/** The document after pinning `seed` into its first directive, and that directive parsed again. */
function pinned(text: string, seed: number) {
  const [directive] = parseDirectives(text);
  const after = applyTextEdit(text, seedPinEdit(text, directive, seed));
  const [again] = parseDirectives(after);
  return { after, again };
}

describe('seed pinning (Try Variations)', () => {
  it('adds {seed=N} after the prompt of a directive without options', () => {
    const { after, again } = pinned('# T\n\n<!-- spark-image: A kite over a hill -->\n\n![A kite](images/kite.png)\n', 1234);
    assert.strictEqual(after, '# T\n\n<!-- spark-image: A kite over a hill {seed=1234} -->\n\n![A kite](images/kite.png)\n');
    assert.strictEqual(again.request?.seed, 1234);
    assert.strictEqual(again.prompt, 'A kite over a hill');
    assert.strictEqual(again.image?.path, 'images/kite.png', 'the link it manages is untouched');
  });

  it('adds seed=N to an option group, keeping the other options', () => {
    const { after, again } = pinned('<!-- spark-image: A kite {size=1664x936 alt="a {red} kite"} -->\n', 7);
    assert.strictEqual(after, '<!-- spark-image: A kite {size=1664x936 alt="a {red} kite" seed=7} -->\n');
    assert.deepStrictEqual([again.request?.seed, again.request?.width, again.request?.height, again.request?.alt], [7, 1664, 936, 'a {red} kite']);
    assert.deepStrictEqual(again.issues, []);
  });

  it('replaces the seed a directive has (the picked variation wins)', () => {
    const { after, again } = pinned('<!-- spark-image: A kite {seed=5 expand=false} -->', 8);
    assert.strictEqual(after, '<!-- spark-image: A kite {seed=8 expand=false} -->');
    assert.strictEqual(again.request?.seed, 8);
    assert.strictEqual(pinned('<!-- spark-image: A kite {seed="5"} -->', 9).after, '<!-- spark-image: A kite {seed=9} -->');
  });

  it('fills an empty group rather than adding a second one', () => {
    const { after, again } = pinned('<!-- spark-image: A kite { } -->', 42);
    assert.strictEqual(after, '<!-- spark-image: A kite {seed=42} -->');
    assert.strictEqual(again.request?.seed, 42);
    assert.strictEqual(again.prompt, 'A kite');
  });

  it('pins the directive it is given, not another one of the document', () => {
    const text = '<!-- spark-image: First {seed=1} -->\n\n<!-- spark-image: Second -->\n';
    const second = parseDirectives(text)[1];
    const after = applyTextEdit(text, seedPinEdit(text, second, 77));
    assert.deepStrictEqual(parseDirectives(after).map((one) => one.request?.seed), [1, 77]);
  });
});
