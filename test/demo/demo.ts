import * as path from 'path';
import { CodeServer, startCodeServer } from '../rig/codeServer';
import { ensureRig } from '../rig/install';
import { PROJECT_ROOT } from '../rig/layout';
import { MockServer, startMockServer } from '../mock/server';
import { ensureDemoVsix } from './vsix';

export const DEMO_WORKSPACE = path.join(PROJECT_ROOT, 'test/fixtures/demo-docs');

export interface DemoOptions {
  /** Names the scratch folder and the logs (test-results/logs/<label>.log); `demo` by default. */
  label?: string;
  log?: (line: string) => void;
}

export interface Demo {
  /** The address a person opens: the workbench on the demo workspace, no test payload. */
  url: string;
  mock: MockServer;
  server: CodeServer;
  vsix: string;
  /** Stops the editor and the mock; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * What `npm run demo` starts, and what the demo's ui test starts: the mock API (any key accepted),
 * and the rig's code-server with the packaged extension installed as a user installs it, the
 * smoke-test driver off (so progress shows as toasts), the mock's address in the user settings,
 * and a copy of the demo workspace. Nothing in the extension knows it is a demo: the key is the
 * one the newcomer sets with Set API Key.
 */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const log = options.log ?? (() => undefined);
  const layout = await ensureRig();
  const vsix = await ensureDemoVsix(log);
  const mock = await startMockServer({ acceptAnyKey: true, defaultScenario: { queuedMs: 1500, durationMs: 6000 } });
  let server: CodeServer;
  try {
    log('installing the extension into the editor and starting it');
    server = await startCodeServer(layout, {
      label: options.label ?? 'demo',
      fixture: DEMO_WORKSPACE,
      // The README opens as text (the URL's openFile), where its "select the line below" step can be done;
      // the startup editor would open Markdown as a preview. No port toast over the pictures.
      settings: { 'sparkImage.apiBaseUrl': mock.baseUrl, 'workbench.startupEditor': 'none', 'remote.autoForwardPorts': false },
      // A demo of the mock on this machine: no Restricted Mode banner in the way.
      workspaceTrust: false,
      smokeTestDriver: false,
      installExtensions: [vsix],
    });
  } catch (error) {
    await mock.close();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= server.stop().finally(() => mock.close());
    return stopped;
  };
  const readme = `vscode-remote://${new URL(server.origin).host}${server.workspace}/README.md`;
  const url = `${server.origin}/?${new URLSearchParams({ folder: server.workspace, payload: JSON.stringify([['openFile', readme]]) }).toString()}`;
  return { url, mock, server, vsix, stop };
}
