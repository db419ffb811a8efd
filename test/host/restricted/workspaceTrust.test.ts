import * as assert from 'assert';
import * as vscode from 'vscode';

// Runs in its own editor with workspace trust enabled and the folder not trusted (test/host/profiles.ts).
describe('an untrusted workspace (Restricted Mode)', () => {
  it('opens the workspace untrusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the fixture workspace is open');
  });

  it('still runs the extension there (its manifest allows untrusted workspaces, limited)', async () => {
    await vscode.commands.executeCommand('sparkImage.showLog');
    assert.strictEqual(vscode.extensions.getExtension('spark-image.spark-image')?.isActive, true);
  });
});
