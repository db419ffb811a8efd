import * as assert from 'assert';
import * as vscode from 'vscode';
import fetch from 'node-fetch';
import type { TestingApi } from '../../src/testingApi';
import { sniffImage } from '../../src/core/image/imageType';
import { mockControlAt } from '../mock/controlClient';
import { mockEnv } from './mockEnv';

export const EXTENSION_ID = 'spark-image.spark-image';

/** How often the extension polls in host tests: fast, so a generation costs a few tenths of a second. */
export const POLL_INTERVAL_MS = 50;

/** A mock task that is done after two polls or so. */
export const FAST_TASK = { queuedMs: 10, durationMs: 40 } as const;

/** Six poll intervals of silence: a poller (or a second resume) still running would have asked again by then. */
export function quietPeriod(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 6 * POLL_INTERVAL_MS));
}

/** The extension's test-only API (activate() returns it in ExtensionMode.Test). */
export async function sparkApi(): Promise<TestingApi> {
  const extension = vscode.extensions.getExtension<TestingApi>(EXTENSION_ID);
  assert.ok(extension, 'extension not found');
  const api = await extension.activate();
  assert.ok(api && typeof api.setApiKey === 'function', 'the testing API is missing: is the extension running in test mode?');
  return api;
}

/** Talks to the runner's mock over its loopback control endpoints. */
export const mockControl = {
  ...mockControlAt(() => mockEnv().baseUrl),
  /** Creates a task directly, as a previous window would have, and returns its id. */
  async createTask(request: Record<string, unknown>): Promise<string> {
    // In the gateway's own shape, as the extension sends it: {model, input: [{params}]}.
    const { model, ...params } = request;
    const response = await fetch(`${mockEnv().baseUrl}/model/v1/generation`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${mockEnv().apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model, input: [{ params }] }),
    });
    const body = (await response.json()) as { id: string };
    return body.id;
  },
};

/** User (global) settings for the run: the mock's address, short timeouts. */
export async function configure(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('sparkImage');
  for (const [key, value] of Object.entries(values)) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the host tests need a workspace folder');
  return folder.uri;
}

export async function writeText(relative: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relative);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

export async function openAt(uri: vscode.Uri, offset: number, selectionEnd?: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const start = document.positionAt(offset);
  editor.selection = new vscode.Selection(start, selectionEnd === undefined ? start : document.positionAt(selectionEnd));
  return editor;
}

/** The extension's own check, on the same file systems. */
export { uriExists as exists } from '../../src/editor/saving/uriExists';

/** Reads an image file and checks it is a real image of the given size. */
export async function assertImage(uri: vscode.Uri, width: number, height: number): Promise<void> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  const info = sniffImage(bytes);
  assert.ok(info, `${uri.path} is not an image`);
  assert.strictEqual(info.format, 'png');
  assert.strictEqual(info.width, width);
  assert.strictEqual(info.height, height);
}

export async function listImages(relativeDir: string): Promise<string[]> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(workspaceRoot(), relativeDir));
    return entries.map(([name]) => name).sort();
  } catch {
    return [];
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * The hooks every suite that generates against the mock needs: user settings pointing at the mock,
 * the key, fast polling, a fresh mock scenario per test, and no editor left open after it (or,
 * with `closeEditors: 'after'`, after the suite: for suites whose panel stays open across tests).
 * Returns a getter for the testing API (it exists once `before` ran).
 */
export function useSparkAgainstMock(
  defaultScenario: Record<string, unknown>,
  extraSettings: Record<string, unknown> = {},
  options: { closeEditors: 'afterEach' | 'after' } = { closeEditors: 'afterEach' },
): () => TestingApi {
  let api: TestingApi | undefined;
  before(async () => {
    api = await sparkApi();
    await configure({ apiBaseUrl: mockEnv().baseUrl, timeoutSeconds: 20, destination: '${documentDirName}/images/${fileName}', fileName: '${promptSlug}-${seed}', seed: -1, ...extraSettings });
    await api.setApiKey(mockEnv().apiKey);
    api.setPollInterval(POLL_INTERVAL_MS);
  });
  beforeEach(async () => {
    await mockControl.reset();
    await mockControl.scenario({ default: defaultScenario });
  });
  (options.closeEditors === 'after' ? after : afterEach)(closeAllEditors);
  return () => {
    assert.ok(api, 'the testing API is not ready: the suite before hook failed');
    return api;
  };
}
