import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

describe("the editor's output bundles are not loaded at activation", () => {
  it('after activation, neither dist/editorOutput.js (conversions) nor dist/directiveOutput.js (out of date: output, budget) is in the require cache', async () => {
    const extension = vscode.extensions.getExtension('spark-image.spark-image');
    await extension?.activate();
    assert.strictEqual(extension?.isActive, true);
    const lazy = ['editorOutput.js', 'directiveOutput.js'].map((name) => path.join(extension.extensionPath, 'dist', name));
    assert.deepStrictEqual(Object.keys(require.cache).filter((file) => lazy.includes(file)), []);
  });
});
