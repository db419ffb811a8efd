import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { decodePng, thumbnailOf } from '../../src/node/thumbnail';
import { encodeJpeg } from '../mock/jpeg';
import { makePicture, Picture } from '../mock/picture';
import { encodePng } from '../mock/png';

const ROOT = path.resolve(__dirname, '../../..');

/** A picture of four flat quadrants: its thumbnail's corners must keep their colours. */
function quadrants(width: number, height: number): Picture {
  const colours: Array<[number, number, number]> = [
    [250, 10, 10],
    [10, 250, 10],
    [10, 10, 250],
    [240, 240, 20],
  ];
  const colorAt = (x: number, y: number) => colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
  return {
    width,
    height,
    colorAt,
    fillRow: (y, row) => {
      for (let x = 0; x < width; x++) row.set(colorAt(x, y), x * 3);
    },
  };
}

describe('thumbnails (our PNG decode, box downscale, PNG encode on zlib)', () => {
  it('decodes the mock’s PNG (another encoder, the Sub filter) pixel for pixel', () => {
    const picture = makePicture('a fox', 3, 0, 97, 61);
    const raster = decodePng(encodePng(picture));
    assert.deepStrictEqual([raster.width, raster.height, raster.channels], [97, 61, 3]);
    for (const [x, y] of [[0, 0], [96, 60], [40, 30], [13, 59]]) {
      assert.deepStrictEqual([...raster.pixels.subarray((y * 97 + x) * 3, (y * 97 + x) * 3 + 3)], picture.colorAt(x, y), `pixel ${x},${y}`);
    }
  });

  it('keeps the long side at 256 and the aspect; the colours survive the box filter; the result is a PNG we can read again', () => {
    const thumbnail = thumbnailOf(encodePng(quadrants(1664, 936)), 'png');
    assert.ok(thumbnail.ok);
    assert.deepStrictEqual([thumbnail.width, thumbnail.height], [256, 144]);
    const again = decodePng(thumbnail.png);
    assert.deepStrictEqual([again.width, again.height], [256, 144]);
    const at = (x: number, y: number) => [...again.pixels.subarray((y * 256 + x) * 3, (y * 256 + x) * 3 + 3)];
    assert.deepStrictEqual(at(0, 0), [250, 10, 10]);
    assert.deepStrictEqual(at(255, 0), [10, 250, 10]);
    assert.deepStrictEqual(at(0, 143), [10, 10, 250]);
    assert.deepStrictEqual(at(255, 143), [240, 240, 20]);
  });

  it('a portrait image gets 256 on its height; a small one is not enlarged', () => {
    const tall = thumbnailOf(encodePng(quadrants(600, 1800)), 'png');
    assert.ok(tall.ok);
    assert.deepStrictEqual([tall.width, tall.height], [85, 256]);
    const small = thumbnailOf(encodePng(quadrants(100, 50)), 'png');
    assert.ok(small.ok);
    assert.deepStrictEqual([small.width, small.height], [100, 50]);
  });

  it('JPEG (and WebP) get no thumbnail, with the reason; so does a broken PNG', () => {
    const jpeg = thumbnailOf(encodeJpeg(quadrants(64, 64)), 'jpeg');
    assert.deepStrictEqual(jpeg, { ok: false, reason: 'no thumbnail: the image is JPEG, and only PNG images are thumbnailed' });
    const broken = thumbnailOf(encodePng(quadrants(64, 64)).subarray(0, 60), 'png');
    assert.strictEqual(broken.ok, false);
  });
});

describe('bundles: the MCP SDK stays in the CLI', () => {
  it('the MCP SDK is only in the CLI bundle, never in the extension or its tool bundle', () => {
    for (const bundle of ['dist/extension.js', 'dist/agentTool.js']) {
      const text = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
      assert.ok(!text.includes('notifications/cancelled'), `${bundle} carries the MCP SDK`);
    }
    assert.ok(fs.readFileSync(path.join(ROOT, 'dist/cli.js'), 'utf8').includes('notifications/cancelled'), 'dist/cli.js has the MCP SDK');
  });
});
