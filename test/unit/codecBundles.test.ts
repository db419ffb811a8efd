import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
/** Strings only the codecs' glue carries: the wasm names and the encoders' own symbols. */
const CODEC_MARKS = ['webp_enc_simd', 'mozjpeg', 'squoosh_png', 'squoosh_resize', 'initEmscriptenModule'];

describe('bundles: the image codecs are their own bundle, loaded only by a conversion', () => {
  it('dist/extension.js, dist/agentTool.js and dist/cli.js hold no codec; dist/codecs.js and its wasm do', () => {
    for (const bundle of ['dist/extension.js', 'dist/agentTool.js', 'dist/cli.js']) {
      const text = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
      assert.deepStrictEqual(CODEC_MARKS.filter((mark) => text.includes(mark)), [], `${bundle} carries codec code`);
    }
    const codecs = fs.readFileSync(path.join(ROOT, 'dist/codecs.js'), 'utf8');
    assert.deepStrictEqual(CODEC_MARKS.filter((mark) => !codecs.includes(mark)), []);
    const wasm = fs.readdirSync(path.join(ROOT, 'dist/codecs')).sort();
    assert.deepStrictEqual(wasm, ['mozjpeg_dec.wasm', 'mozjpeg_enc.wasm', 'squoosh_png_bg.wasm', 'squoosh_resize_bg.wasm', 'webp_dec.wasm', 'webp_enc_simd.wasm']);
  });
});
