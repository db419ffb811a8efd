// The README pictures' optimiser: palette PNGs that decode to nearly the same pixels, exactly the
// same when the image has at most 256 colours, and never a larger file.
import * as assert from 'assert';
import { inflateSync } from 'zlib';
import { sniffImage } from '../../src/core/image/imageType';
import { makePicture } from '../mock/picture';
import { encodePng } from '../mock/png';
import { decodePng, optimisePng } from '../media/optimisePng';

function pixelsOf(png: Buffer): number[][] {
  const image = decodePng(png);
  const out: number[][] = [];
  for (let i = 0; i < image.pixels.length; i += image.channels) {
    out.push([image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]]);
  }
  return out;
}

/** decodePng reads RGB/RGBA only; a palette PNG is expanded here through its PLTE chunk. */
function palettePixels(png: Buffer): number[][] {
  let at = 8;
  let palette: Uint8Array = new Uint8Array(0);
  let width = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      assert.strictEqual(body[9], 3, 'not a palette PNG');
    }
    if (type === 'PLTE') palette = body;
    if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const out: number[][] = [];
  for (let row = 0; row * (width + 1) < raw.length; row++) {
    assert.strictEqual(raw[row * (width + 1)], 0, 'rows are unfiltered');
    for (let x = 0; x < width; x++) {
      const index = raw[row * (width + 1) + 1 + x];
      out.push([palette[index * 3], palette[index * 3 + 1], palette[index * 3 + 2]]);
    }
  }
  return out;
}

describe('README picture optimiser (test/media/optimisePng.ts)', () => {
  it('keeps an image of few colours exactly, as a smaller palette PNG', () => {
    const flat = { width: 64, height: 40, colorAt: (x: number, y: number): [number, number, number] => (x < 32 ? [10, 20, 30] : y < 20 ? [200, 100, 50] : [255, 255, 255]) };
    const png = encodePng({ ...flat, fillRow: (y, row) => { for (let x = 0; x < 64; x++) row.set(flat.colorAt(x, y), x * 3); } });
    const optimised = optimisePng(png);
    assert.ok(optimised.length < png.length);
    assert.deepStrictEqual(sniffImage(optimised), { ...sniffImage(optimised), format: 'png', width: 64, height: 40 });
    assert.deepStrictEqual(palettePixels(optimised), pixelsOf(png));
  });

  it('reduces a many-coloured image to 256 colours, each pixel close to its original', () => {
    const png = encodePng(makePicture('a gradient with shapes', 3, 0, 320, 200));
    const optimised = optimisePng(png);
    assert.ok(optimised.length <= png.length);
    const before = pixelsOf(png);
    const after = optimised === png ? before : palettePixels(optimised);
    let total = 0;
    before.forEach((pixel, index) => (total += pixel.reduce((sum, value, c) => sum + Math.abs(value - after[index][c]), 0) / 3));
    assert.ok(total / before.length < 4, `mean error ${(total / before.length).toFixed(2)} per channel`);
  });
});
