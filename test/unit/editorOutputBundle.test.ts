import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
/** Only the conversion code carries these messages (convertImage.ts, convertForSave.ts). */
const CONVERSION_MARKS = ['is not a PNG, JPEG or WebP with a readable size', 'encoder gave bytes that are not an image'];
const CODEC_MARKS = ['webp_enc_simd', 'mozjpeg', 'squoosh_png', 'initEmscriptenModule'];

describe('bundles: the editor converts from its own lazily loaded bundle', () => {
  it('dist/editorOutput.js holds the conversion and no codec; dist/extension.js holds neither', () => {
    const extension = fs.readFileSync(path.join(ROOT, 'dist/extension.js'), 'utf8');
    const output = fs.readFileSync(path.join(ROOT, 'dist/editorOutput.js'), 'utf8');
    assert.deepStrictEqual(CONVERSION_MARKS.filter((mark) => extension.includes(mark)), [], 'extension.js carries conversion code');
    assert.deepStrictEqual(CONVERSION_MARKS.filter((mark) => !output.includes(mark)), []);
    assert.deepStrictEqual(CODEC_MARKS.filter((mark) => output.includes(mark)), [], 'the codecs stay in dist/codecs.js, run in a worker');
    // Loaded by a computed path, beside extension.js.
    assert.ok(extension.includes('editorOutput.js'));
  });

  it('dist/directiveOutput.js holds the out of date: output and budget texts and the re-encode; dist/extension.js does not', () => {
    const extension = fs.readFileSync(path.join(ROOT, 'dist/extension.js'), 'utf8');
    const directives = fs.readFileSync(path.join(ROOT, 'dist/directiveOutput.js'), 'utf8');
    const marks = ['cannot be re-encoded as {1} without a request', 'over the {1} budget', 'Clean Up Unused Images removes it'];
    assert.deepStrictEqual(marks.filter((mark) => extension.includes(mark)), []);
    assert.deepStrictEqual(marks.filter((mark) => !directives.includes(mark)), []);
    assert.deepStrictEqual(CODEC_MARKS.filter((mark) => directives.includes(mark)), []);
    assert.ok(extension.includes('directiveOutput.js'));
  });
});
