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

describe('the language-model tool in Restricted Mode', () => {
  it('sparkImage_generate, invoked through vscode.lm.invokeTool, refuses with the reason and asks nothing', async () => {
    const lm = (vscode as unknown as { lm: { invokeTool(name: string, options: { input: unknown; toolInvocationToken: undefined }): Promise<{ content: Array<{ value?: unknown }> }> } }).lm;
    const result = await lm.invokeTool('sparkImage_generate', { input: { prompt: 'a red fox', size: '1k-1:1' }, toolInvocationToken: undefined });
    const text = result.content.map((part) => String(part.value)).join('\n');
    assert.match(text, /Restricted Mode/);
    assert.match(text, /Trust this workspace/);
  });
});
