import * as assert from 'assert';
import * as path from 'path';
import * as webpWasm from 'webp-wasm';
import { readEmbeddedProvenance, readEmbeddedProvenanceFrom } from '../../src/core/image/imageMetadata';
import { sniffImage } from '../../src/core/image/imageType';
import { Provenance } from '../../src/core/image/provenance';
import { resolveOutput } from '../../src/core/output/outputPlan';
import { convertImage } from '../../src/node/output/convertImage';
import { loadCodecs } from '../../src/node/output/loadCodecs';
import { photoLikePixels } from '../helpers/photoFixture';

/** The codec bundle as the extension and the CLI load it: dist/codecs.js and its wasm. */
const DIST = path.resolve(__dirname, '../../../dist');
const codecs = () => loadCodecs(DIST);

const provenance: Provenance = {
  tool: 'spark-image',
  prompt: 'a lighthouse at dusk',
  seed: 7,
  width: 512,
  height: 384,
  model: 'spark_image_3_1',
  usePreLlm: false,
  taskId: 'task_output',
  createdAt: '2026-01-01T00:00:00.000Z',
  completedAt: '2026-01-01T00:00:05.000Z',
};

/** Mean absolute difference per channel (0-255) between two same-size RGBA images. */
function meanDifference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) sum += Math.abs(a[index] - b[index]);
  return sum / a.length;
}

describe('output conversion (jSquash codecs, photo-like 512×384 fixture)', function () {
  this.timeout(60_000);
  const pixels = photoLikePixels(512, 384);
  let original: Uint8Array;

  before(async () => {
    original = await codecs().encode(pixels, 'png', 100);
  });

  for (const format of ['png', 'webp', 'jpeg'] as const) {
    it(`${format}: written, decodable, and its provenance (request, original size, transform) read back`, async () => {
      const plan = resolveOutput({ format, quality: 80 });
      const converted = await convertImage(original, plan, provenance, codecs);
      const info = sniffImage(converted.bytes);
      assert.strictEqual(info?.format, format);
      assert.deepStrictEqual([info?.width, info?.height], [512, 384]);
      const expectedOutput = format === 'png' ? undefined : { format, width: 512, height: 384, quality: 80, originalWidth: 512, originalHeight: 384 };
      assert.deepStrictEqual(readEmbeddedProvenance(converted.bytes), { ...provenance, ...(expectedOutput ? { output: expectedOutput } : {}) });
      // The header-only reader the docs gate uses finds it too.
      const bytes = converted.bytes;
      assert.deepStrictEqual(readEmbeddedProvenanceFrom((offset, length) => bytes.subarray(offset, offset + length)), readEmbeddedProvenance(bytes));
      const decoded = await codecs().decode(converted.bytes);
      assert.ok(meanDifference(decoded.data, pixels.data) < 8, `${format} decodes to the picture`);
    });
  }

  it('maxWidth: 200 px wide, the aspect ratio kept, the transform recorded', async () => {
    const converted = await convertImage(original, resolveOutput({ format: 'webp', maxWidth: 200 }), provenance, codecs);
    const info = sniffImage(converted.bytes);
    assert.deepStrictEqual([info?.width, info?.height], [200, 150]);
    assert.deepStrictEqual(readEmbeddedProvenance(converted.bytes)?.output, { format: 'webp', width: 200, height: 150, quality: 82, originalWidth: 512, originalHeight: 384 });
  });

  it('maxWidth larger than the image: never upscaled', async () => {
    const converted = await convertImage(original, resolveOutput({ format: 'png', maxWidth: 1200 }), provenance, codecs);
    const info = sniffImage(converted.bytes);
    assert.deepStrictEqual([info?.width, info?.height], [512, 384]);
    assert.deepStrictEqual(readEmbeddedProvenance(converted.bytes)?.output, { format: 'png', width: 512, height: 384, originalWidth: 512, originalHeight: 384 });
  });

  it('the resize is Lanczos (negative lobes ring at an edge), not a box or triangle filter, and averages the photo', async () => {
    // A grey step, 64 | 192: a box or triangle filter stays within [64, 192]; Lanczos over- and undershoots.
    const step = { data: new Uint8ClampedArray(300 * 8 * 4).map((_, index) => (index % 4 === 3 ? 255 : (index / 4) % 300 < 150 ? 64 : 192)), width: 300, height: 8 };
    const resized = await codecs().resize(step, 140, 4);
    const greys = [...resized.data].filter((_, index) => index % 4 === 0);
    assert.ok(Math.min(...greys) < 64 && Math.max(...greys) > 192, `ringing expected, got ${Math.min(...greys)}..${Math.max(...greys)}`);
    const small = await codecs().resize(pixels, 256, 192);
    const box = new Uint8ClampedArray(256 * 192 * 4);
    for (let y = 0; y < 192; y++) for (let x = 0; x < 256; x++) for (let c = 0; c < 4; c++) {
      const at = (dx: number, dy: number) => pixels.data[((2 * y + dy) * 512 + 2 * x + dx) * 4 + c];
      box[(y * 256 + x) * 4 + c] = (at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1)) / 4;
    }
    assert.ok(meanDifference(small.data, box) < 6, 'close to the 2×2 area average of the photo');
  });

  it('a WebP we write (VP8X + XMP) is decoded by an independent decoder (webp-wasm, its own libwebp build)', async () => {
    const converted = await convertImage(original, resolveOutput({ format: 'webp', maxWidth: 320 }), provenance, codecs);
    const bytes = Buffer.from(converted.bytes);
    assert.strictEqual(bytes.toString('latin1', 12, 16), 'VP8X');
    assert.strictEqual(bytes.readUInt32LE(4), bytes.length - 8, 'RIFF size');
    await webpWasm.load();
    // An ArrayBuffer of exactly the file: webp-wasm decodes `buffer.buffer`, which for a Buffer may be a shared pool.
    const decoded = await webpWasm.decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    assert.deepStrictEqual([decoded.width, decoded.height], [320, 240]);
    const ours = await codecs().decode(converted.bytes);
    assert.ok(meanDifference(decoded.data, ours.data) < 1, 'the same pixels as our own decoder');
  });

  it('a plain PNG at full width is written as the API sent it, with no transform recorded', async () => {
    const converted = await convertImage(original, resolveOutput(), provenance, () => {
      throw new Error('no codec for a pass-through');
    });
    assert.deepStrictEqual(readEmbeddedProvenance(converted.bytes), provenance);
    assert.strictEqual(converted.transform, undefined);
  });
});
