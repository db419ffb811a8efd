import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

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
