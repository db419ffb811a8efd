import * as assert from 'assert';
import { Directive, parseDirectives } from '../../src/core/directives/directives';
import { quoteOptionValue } from '../../src/core/directives/directiveOptions';
import { embedProvenance, readEmbeddedProvenance, readEmbeddedProvenanceFrom } from '../../src/core/image/imageMetadata';
import { Provenance } from '../../src/core/image/provenance';
import { altEdit, DirectiveDefaults, outOfDateState, wantedAlt, wantedImage } from '../../src/core/directives/outOfDate';
import { pngAround } from '../helpers/png';

const DEFAULTS: DirectiveDefaults = { size: { width: 1328, height: 1328 }, model: 'spark_image_3_1', expansion: 'auto' };

/** The provenance of an image made from `directive` as it was written. */
function madeFrom(directiveText: string, extra: Partial<Provenance> = {}): Provenance {
  const wanted = wantedImage(only(directiveText).request ?? assert.fail('invalid directive'), DEFAULTS);
  return {
    tool: 'spark-image',
    prompt: wanted.prompt,
    seed: wanted.seed ?? 123456,
    width: wanted.width,
    height: wanted.height,
    model: wanted.model,
    usePreLlm: wanted.usePreLlm,
    taskId: 'task-1',
    createdAt: '2026-01-01T00:00:00.000Z',
    completedAt: '2026-01-01T00:00:05.000Z',
    ...extra,
  };
}

function only(text: string): Directive {
  const [directive] = parseDirectives(text);
  assert.ok(directive, `no directive in ${text}`);
  return directive;
}

function stateOf(text: string, provenance: Provenance | undefined) {
  const directive = only(text);
  return outOfDateState(provenance, wantedImage(directive.request ?? assert.fail('invalid'), DEFAULTS));
}

describe('out of date: provenance against what the directive asks for now', () => {
  it('an image made from the directive as written is current, whitespace in the prompt aside', () => {
    const provenance = madeFrom('<!-- spark-image: A red fox in the snow {aspect=16:9 seed=42} -->');
    assert.deepStrictEqual(stateOf('<!-- spark-image: A red fox\n   in   the snow {aspect=16:9 seed=42} -->', provenance), { state: 'current' });
  });

  it('an out-of-date prompt: the prompt changed, old and new given', () => {
    const provenance = madeFrom('<!-- spark-image: A red fox in the snow -->');
    assert.deepStrictEqual(stateOf('<!-- spark-image: A grey wolf in the snow -->', provenance), {
      state: 'outOfDate',
      changes: [{ field: 'prompt', was: 'A red fox in the snow', now: 'A grey wolf in the snow' }],
    });
  });

  it('an out-of-date size: explicit, from aspect and quality, or the default', () => {
    const square = madeFrom('<!-- spark-image: A kite -->');
    assert.deepStrictEqual(stateOf('<!-- spark-image: A kite {size=1664x936} -->', square), { state: 'outOfDate', changes: [{ field: 'size', was: '1328×1328', now: '1664×936' }] });
    assert.deepStrictEqual(stateOf('<!-- spark-image: A kite {aspect=3:2 quality=2k} -->', square), { state: 'outOfDate', changes: [{ field: 'size', was: '1328×1328', now: '2496×1664' }] });
    const wide = madeFrom('<!-- spark-image: A kite {aspect=16:9} -->');
    assert.deepStrictEqual(stateOf('<!-- spark-image: A kite -->', wide), { state: 'outOfDate', changes: [{ field: 'size', was: '1664×936', now: '1328×1328' }] });
    assert.deepStrictEqual(stateOf('<!-- spark-image: A kite {size=1664x936} -->', wide), { state: 'current' }, 'the same size written another way');
  });

  it('a pinned seed changed is out of date; without a pinned seed any seed will do', () => {
    const provenance = madeFrom('<!-- spark-image: A paper boat {seed=7} -->');
    assert.deepStrictEqual(stateOf('<!-- spark-image: A paper boat {seed=8} -->', provenance), { state: 'outOfDate', changes: [{ field: 'seed', was: '7', now: '8' }] });
    assert.deepStrictEqual(stateOf('<!-- spark-image: A paper boat -->', provenance), { state: 'current' });
    assert.deepStrictEqual(stateOf('<!-- spark-image: A paper boat {seed=-1} -->', provenance), { state: 'current' }, '-1 is "random", not a pinned seed');
  });

  it('the model and the prompt expansion count; several changes are listed in order', () => {
    const provenance = madeFrom('<!-- spark-image: A lighthouse -->', { model: 'spark_image_3_0' });
    assert.deepStrictEqual(stateOf('<!-- spark-image: A lighthouse at dawn {size=1664x936 expand=false} -->', provenance), {
      state: 'outOfDate',
      changes: [
        { field: 'prompt', was: 'A lighthouse', now: 'A lighthouse at dawn' },
        { field: 'size', was: '1328×1328', now: '1664×936' },
        { field: 'model', was: 'spark_image_3_0', now: 'spark_image_3_1' },
        { field: 'expansion', was: 'on', now: 'off' },
      ],
    });
    // auto is decided as when sending: on up to 120 characters.
    assert.deepStrictEqual(stateOf('<!-- spark-image: A lighthouse {expand=auto} -->', madeFrom('<!-- spark-image: A lighthouse -->')), { state: 'current' });
  });

  it('an image without provenance is unknown, never out of date', () => {
    assert.deepStrictEqual(stateOf('<!-- spark-image: Anything at all {seed=5} -->', undefined), { state: 'unknown' });
  });

  it('an alt change is not out of date: the image stays current, only the link is edited', () => {
    const provenance = madeFrom('<!-- spark-image: A red fox {seed=42} -->');
    const text = '<!-- spark-image: A red fox {seed=42 alt="Our mascot, a fox"} -->\n\n![A red fox](images/a-red-fox-42.png "Fox")\n';
    const directive = only(text);
    assert.deepStrictEqual(outOfDateState(provenance, wantedImage(directive.request ?? assert.fail('invalid'), DEFAULTS)), { state: 'current' });
    assert.strictEqual(wantedAlt(directive), 'Our mascot, a fox');
    const edit = altEdit(directive) ?? assert.fail('an alt edit');
    assert.deepStrictEqual([edit.was, edit.now], ['A red fox', 'Our mascot, a fox']);
    const fixed = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    assert.strictEqual(fixed, '<!-- spark-image: A red fox {seed=42 alt="Our mascot, a fox"} -->\n\n![Our mascot, a fox](images/a-red-fox-42.png "Fox")\n');
    assert.strictEqual(altEdit(only(fixed)), undefined, 'once fixed, nothing more to do');
  });

  it('without alt the link carries the prompt, shortened as links are written; HTML links get their alt attribute', () => {
    const long = 'A very long prompt '.repeat(8).trim();
    const directive = only(`<!-- spark-image: ${long} -->\n![x](a.png)\n`);
    assert.strictEqual(wantedAlt(directive).length <= 100, true);
    assert.ok(wantedAlt(directive).endsWith('…'));
    const html = only('<!-- spark-image: A cat {alt="A & B"} -->\n<img src="cat.png" alt="old" width="10">\n');
    assert.strictEqual(altEdit(html)?.newText, '<img src="cat.png" alt="A &amp; B" width="10">');
    const bare = only('<!-- spark-image: A cat -->\n<img src="cat.png">\n');
    assert.strictEqual(altEdit(bare)?.newText, '<img alt="A cat" src="cat.png">');
    const brackets = only('<!-- spark-image: A cat {alt="see [1]"} -->\n![x](cat.png)\n');
    assert.strictEqual(altEdit(brackets)?.newText, '![see \\[1\\]](cat.png)');
  });
});

describe('directive option alt="…"', () => {
  it('reads quoted values with spaces and escapes, and folds white space', () => {
    const directive = only('<!-- spark-image: A fox {alt="The \\"fox\\",   at dawn" seed=3} -->');
    assert.deepStrictEqual(directive.issues, []);
    assert.strictEqual(directive.request?.alt, 'The "fox", at dawn');
    assert.strictEqual(directive.request?.seed, 3);
    assert.strictEqual(only("<!-- spark-image: A fox {alt='single quotes'} -->").request?.alt, 'single quotes');
    assert.strictEqual(only('<!-- spark-image: A fox {alt=bare} -->').request?.alt, 'bare');
    assert.strictEqual(only('<!-- spark-image: A fox -->').request?.alt, undefined);
  });

  it('an empty alt, an unclosed quote, or alt given twice is an error on the option', () => {
    const empty = only('<!-- spark-image: A fox {alt=""} -->');
    assert.strictEqual(empty.request, undefined);
    assert.match(empty.issues[0].message, /alt needs a value/);
    const open = only('<!-- spark-image: A fox {alt="never closed} -->');
    assert.strictEqual(open.request, undefined);
    assert.match(open.issues.map((issue) => issue.message).join('\n'), /never closed/);
    const twice = only('<!-- spark-image: A fox {alt=a alt=b} -->');
    assert.match(twice.issues[0].message, /more than once/);
  });

  it('quoteOptionValue writes what the parser reads back', () => {
    for (const alt of ['plain', 'two words', 'with "quotes"', 'back\\slash', "it's"]) {
      const text = `<!-- spark-image: A fox {alt=${quoteOptionValue(alt)}} -->`;
      assert.strictEqual(only(text).request?.alt, alt, text);
    }
  });
});

describe('provenance from the image head', () => {
  it('reads the text chunk and skips the pixels unread', () => {
    const provenance = madeFrom('<!-- spark-image: A kite {seed=9} -->');
    const bytes = embedProvenance(pngAround(1, 1, Buffer.alloc(200_000, 0xab)), provenance) ?? assert.fail('embeds');
    let read = 0;
    const found = readEmbeddedProvenanceFrom((offset, length) => {
      read += Math.max(0, Math.min(length, bytes.length - offset));
      return bytes.subarray(offset, offset + length);
    });
    assert.deepStrictEqual(found, readEmbeddedProvenance(bytes));
    assert.strictEqual(found?.seed, 9);
    assert.ok(read < 2_000, `read ${read} of ${bytes.length} bytes`);
  });

  it('a PNG without our chunk has none, and its pixels are still not read', () => {
    const bytes = pngAround(1, 1, Buffer.alloc(100_000, 0xab));
    const reads: Array<[number, number]> = [];
    const found = readEmbeddedProvenanceFrom((offset, length) => {
      reads.push([offset, length]);
      return bytes.subarray(offset, offset + length);
    });
    assert.strictEqual(found, undefined);
    assert.ok(reads.every(([, length]) => length <= 8), `only headers were read: ${JSON.stringify(reads)}`);
  });
});
