import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { sniffImage } from '../../src/core/image/imageType';
import type { CodecModule } from '../../src/node/output/codecTypes';
import { photoLikePixels } from '../helpers/photoFixture';

describe('the image codecs are not loaded at activation', () => {
  it('after activation, dist/codecs.js is in no require cache (the extension host shares this one)', async () => {
    const extension = vscode.extensions.getExtension('spark-image.spark-image');
    await extension?.activate();
    assert.strictEqual(extension?.isActive, true);
    const codecBundle = path.join(extension.extensionPath, 'dist', 'codecs.js');
    assert.deepStrictEqual(Object.keys(require.cache).filter((file) => file === codecBundle), []);
    // The loader itself is in the extension's bundle: requiring the codecs is what a conversion does.
    assert.ok(Object.keys(require.cache).includes(path.join(extension.extensionPath, 'dist', 'extension.js')));
  });
});

describe('a conversion in the extension host (timed once: the host may run wasm slower than plain Node)', () => {
  it('1328² PNG → 1200 px WebP with the shipped codec bundle, in this process', async function () {
    this.timeout(120_000);
    const extension = vscode.extensions.getExtension('spark-image.spark-image');
    assert.ok(extension);
    const dist = path.join(extension.extensionPath, 'dist');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the shipped bundle, as the loader requires it
    const { codecsIn } = require(path.join(dist, 'codecs.js')) as CodecModule;
    const codecs = codecsIn(path.join(dist, 'codecs'));
    const png = await codecs.encode(photoLikePixels(1328, 1328), 'png', 100);
    const started = Date.now();
    const decoded = await codecs.decode(png);
    const resized = await codecs.resize(decoded, 1200, 1200);
    const webp = await codecs.encode(resized, 'webp', 82);
    const ms = Date.now() - started;
    console.log(`    extension host (${process.versions.electron ? `Electron ${process.versions.electron}` : `Node ${process.versions.node}`}): decode + resize + encode, first run: ${ms} ms, ${webp.byteLength} bytes`);
    assert.deepStrictEqual([sniffImage(webp)?.format, sniffImage(webp)?.width], ['webp', 1200]);
  });
});
