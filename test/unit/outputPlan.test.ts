import * as assert from 'assert';
import { embedProvenance, readEmbeddedProvenance } from '../../src/core/image/imageMetadata';
import { parseProvenance, Provenance } from '../../src/core/image/provenance';
import { nameForFormat, resolveOutput, targetSize } from '../../src/core/output/outputPlan';
import { outputChange, transformFor, transformOf } from '../../src/core/output/outputTransform';

const provenance: Provenance = {
  tool: 'spark-image', prompt: 'p', seed: 1, width: 2048, height: 1024, model: 'spark_image_3_1', usePreLlm: false, taskId: 't',
  createdAt: '2026-01-01T00:00:00.000Z', completedAt: '2026-01-01T00:00:01.000Z',
};

describe('output plan (core)', () => {
  it('precedence, field by field: arguments, then spark-image.json, then settings, then png at full width', () => {
    assert.deepStrictEqual(resolveOutput(), { format: 'png', quality: 82 });
    assert.deepStrictEqual(resolveOutput({ maxWidth: 800 }, { format: 'webp', maxWidth: 1200 }, { format: 'jpeg', quality: 70 }), { format: 'webp', maxWidth: 800, quality: 70 });
    assert.deepStrictEqual(resolveOutput(undefined, {}, { format: 'jpeg' }), { format: 'jpeg', quality: 82 });
  });

  it('target size: at most maxWidth, the aspect ratio kept, never upscaled', () => {
    assert.deepStrictEqual(targetSize(2048, 1024, 800), { width: 800, height: 400 });
    assert.deepStrictEqual(targetSize(1328, 1328, 1200), { width: 1200, height: 1200 });
    assert.deepStrictEqual(targetSize(512, 384, 1200), { width: 512, height: 384 });
    assert.deepStrictEqual(targetSize(512, 384, undefined), { width: 512, height: 384 });
  });

  it('the extension follows the format', () => {
    assert.strictEqual(nameForFormat('a.png', 'webp'), 'a.webp');
    assert.strictEqual(nameForFormat('docs/img/a.png', 'jpeg'), 'docs/img/a.jpg');
    assert.strictEqual(nameForFormat('a.jpeg', 'jpeg'), 'a.jpeg');
    assert.strictEqual(nameForFormat('a.webp', 'webp'), 'a.webp');
    assert.strictEqual(nameForFormat('noext', 'png'), 'noext.png');
    assert.strictEqual(nameForFormat('dir.v2/noext', 'webp'), 'dir.v2/noext.webp');
  });

  it('an output-only change reads "webp 1200 px → webp 800 px"; none when equal; a smaller width can come from the committed file', () => {
    const current = transformFor(resolveOutput({ format: 'webp', maxWidth: 1200 }), { width: 2048, height: 1024 });
    assert.strictEqual(outputChange(current, resolveOutput({ format: 'webp', maxWidth: 1200 })), undefined);
    const smaller = outputChange(current, resolveOutput({ format: 'webp', maxWidth: 800 }));
    assert.deepStrictEqual([smaller?.was, smaller?.now, smaller?.fromCommittedFile], ['webp 1200 px q82', 'webp 800 px q82', true]);
    const larger = outputChange(current, resolveOutput({ format: 'webp', maxWidth: 1600 }));
    assert.strictEqual(larger?.fromCommittedFile, false);
    // An image saved before output options is the API's png at its size.
    assert.deepStrictEqual(outputChange(transformOf(provenance, 'png'), resolveOutput({ format: 'webp', maxWidth: 800 }))?.was, 'png 2048 px');
  });

  it('the transform is kept by the provenance reader; a damaged one is dropped, the rest still reads', () => {
    const output = transformFor(resolveOutput({ format: 'jpeg', maxWidth: 1000 }), { width: 2048, height: 1024 });
    assert.deepStrictEqual(parseProvenance({ ...provenance, output }), { ...provenance, output });
    assert.deepStrictEqual(parseProvenance({ ...provenance, output: { format: 'gif' } }), provenance);
  });

  it('a simple lossless WebP (VP8L) is lifted to VP8X with the XMP flag, and its provenance reads back', () => {
    // A 1×1 VP8L image: signature 0x2f, 14-bit width-1 and height-1 (0), no alpha, version 0, then data.
    const vp8l = Uint8Array.from([0x2f, 0, 0, 0, 0, 0x88, 0x88, 0x08, 0x00]);
    const riff = (body: number[]) => Uint8Array.from([...Buffer.from('RIFF'), ...[body.length + 4, 0, 0, 0], ...Buffer.from('WEBP'), ...body]);
    const simple = riff([...Buffer.from('VP8L'), vp8l.length, 0, 0, 0, ...vp8l, 0]);
    const embedded = embedProvenance(simple, provenance);
    assert.ok(embedded);
    const bytes = Buffer.from(embedded);
    assert.strictEqual(bytes.toString('latin1', 12, 16), 'VP8X');
    assert.strictEqual(bytes[20] & 0x04, 0x04, 'XMP flag');
    assert.deepStrictEqual([bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1], [1, 1], 'canvas size');
    assert.strictEqual(bytes.readUInt32LE(4), bytes.length - 8);
    assert.deepStrictEqual(readEmbeddedProvenance(embedded), provenance);
    // Embedding again replaces our record rather than adding a second XMP chunk.
    const twice = Buffer.from(embedProvenance(embedded, { ...provenance, seed: 2 }) ?? []);
    assert.strictEqual(twice.toString('latin1').split('XMP ').length - 1, 1);
    assert.strictEqual(readEmbeddedProvenance(twice)?.seed, 2);
  });
});
