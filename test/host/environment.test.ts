import * as assert from 'assert';
import * as vscode from 'vscode';
import { mockEnv } from './mockEnv';

describe('test environment', () => {
  it('opens the fixture workspace copy, which tests may write to', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const notes = await vscode.workspace.findFiles('notes.md');
    assert.strictEqual(notes.length, 1, 'notes.md from test/fixtures/workspace is missing');
    const scratch = vscode.Uri.joinPath(folder.uri, 'written-by-a-test.txt');
    await vscode.workspace.fs.writeFile(scratch, Buffer.from('ok'));
    assert.strictEqual(Buffer.from(await vscode.workspace.fs.readFile(scratch)).toString(), 'ok');
  });

  it('reaches the mock API server the runner started', async () => {
    const mock = mockEnv();
    const response = await fetch(`${mock.baseUrl}/__mock/log`);
    assert.strictEqual(response.status, 200);
    assert.ok(mock.apiKey.length > 0);
  });
});
