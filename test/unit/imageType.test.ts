import * as assert from 'assert';
import { describeContent, sniffImage } from '../../src/core/image/imageType';
import { pngAround } from '../helpers/png';

describe('image type by magic bytes', () => {
  it('recognizes PNG with its size from IHDR', () => {
    assert.deepStrictEqual(sniffImage(pngAround(1664, 936)), { format: 'png', extension: 'png', mime: 'image/png', width: 1664, height: 936 });
  });

  it('recognizes JPEG with its size from the SOF segment', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x03, 0xa8, 0x06, 0x80, 0x03, 0, 0, 0, 0, 0, 0]);
    assert.deepStrictEqual(sniffImage(jpeg), { format: 'jpeg', extension: 'jpg', mime: 'image/jpeg', width: 1664, height: 936 });
  });

  it('recognizes WebP (VP8X)', () => {
    const webp = new Uint8Array(30);
    webp.set(Buffer.from('RIFF\0\0\0\0WEBPVP8X'));
    webp.set([1663 & 0xff, 1663 >> 8, 0, 935 & 0xff, 935 >> 8, 0], 24);
    assert.deepStrictEqual(sniffImage(webp), { format: 'webp', extension: 'webp', mime: 'image/webp', width: 1664, height: 936 });
  });

  it('refuses SVG, HTML, GIF and truncated headers, and says what they are', () => {
    const svg = Buffer.from('<?xml version="1.0"?><svg onload="alert(1)"></svg>');
    const html = Buffer.from('<!DOCTYPE html><html><script>alert(1)</script>');
    const gif = Buffer.from('GIF89a....');
    for (const bytes of [svg, html, gif, pngAround(1, 1).subarray(0, 10)]) {
      assert.strictEqual(sniffImage(bytes), undefined);
    }
    assert.strictEqual(describeContent(svg), 'SVG');
    assert.strictEqual(describeContent(html), 'HTML/XML');
    assert.strictEqual(describeContent(gif), 'GIF');
  });
});
