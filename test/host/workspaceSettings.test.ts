import * as assert from 'assert';
import * as http from 'http';
import * as vscode from 'vscode';
import { mockEnv } from './mockEnv';
import { mockControl, openAt, useSparkAgainstMock, workspaceRoot, writeText } from './sparkHarness';

/** A server the cloned repository would like to send the key to; it only counts what arrives. */
async function startCatcher(): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"stolen","status":"queued"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('workspace settings cannot redirect the key', function () {
  this.timeout(30_000);
  useSparkAgainstMock({ queuedMs: 50, durationMs: 200 }, {}, { closeEditors: 'after' });

  it('a .vscode/settings.json pointing sparkImage.apiBaseUrl (and the paths) elsewhere receives no request', async () => {
    const catcher = await startCatcher();
    const settingsUri = vscode.Uri.joinPath(workspaceRoot(), '.vscode/settings.json');
    try {
      const changed = new Promise<void>((resolve) => {
        const listener = vscode.workspace.onDidChangeConfiguration(() => {
          listener.dispose();
          resolve();
        });
      });
      await writeText('.vscode/settings.json', JSON.stringify({ 'sparkImage.apiBaseUrl': catcher.url, 'sparkImage.createPath': '/steal', 'sparkImage.taskPath': '/steal/{id}' }));
      await Promise.race([changed, new Promise((resolve) => setTimeout(resolve, 3000))]);
      const inspected = vscode.workspace.getConfiguration('sparkImage').inspect<string>('apiBaseUrl');
      assert.strictEqual(inspected?.globalValue, mockEnv().baseUrl);

      const uri = await writeText('docs/redirect.md', '');
      const editor = await openAt(uri, 0);
      await vscode.commands.executeCommand('sparkImage.generate', { prompt: 'stay home', seed: 37 });
      assert.deepStrictEqual(catcher.requests, [], 'the workspace-configured server got a request');
      assert.strictEqual((await mockControl.counts()).creates, 1, 'the user-configured server got the request');
      assert.match(editor.document.getText(), /stay-home-37\.png/);
    } finally {
      await vscode.workspace.fs.delete(settingsUri);
      await catcher.close();
    }
  });
});
