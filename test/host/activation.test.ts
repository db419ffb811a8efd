import * as assert from 'assert';
import * as vscode from 'vscode';
import { waitFor } from './waitFor';

const EXTENSION_ID = 'spark-image.spark-image';

/** The Output panel's editor shows one channel at a time as an `output:` document. */
function visibleSparkLog(): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find(
    (editor) => editor.document.uri.scheme === 'output' && decodeURIComponent(editor.document.uri.path).includes('Spark Image'),
  );
}

describe('activation', () => {
  it('is installed from the development folder', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not among the extensions`);
  });

  it('registers Show Log, which opens the Spark Image output channel', async () => {
    assert.strictEqual(visibleSparkLog(), undefined, 'the log is already visible before the command');
    await vscode.commands.executeCommand('sparkImage.showLog');
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true, 'running the command activates the extension');
    const editor = await waitFor('the Spark Image channel in the Output panel', visibleSparkLog);
    await waitFor('the activation line in the log', () => editor.document.getText().includes('Spark Image activated'));
  });

  it('lists its command among the registered commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('sparkImage.showLog'));
  });
});
