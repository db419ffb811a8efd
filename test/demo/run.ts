import * as path from 'path';
import { startCodeServer } from '../rig/codeServer';
import { ensureRig } from '../rig/install';
import { PROJECT_ROOT } from '../rig/layout';
import { workbenchUrl } from '../rig/workbenchUrl';
import { startMockServer } from '../mock/server';

/**
 * `npm run demo`: the mock API and a real VS Code in the browser (the rig's code-server) with the
 * extension loaded from this folder, a sample docs workspace, and the mock's address and key preset.
 * Runs until Ctrl+C, then stops everything it started.
 */
async function main(): Promise<void> {
  const layout = await ensureRig();
  const mock = await startMockServer({ acceptAnyKey: true, defaultScenario: { queuedMs: 1500, durationMs: 6000 } });
  const server = await startCodeServer(layout, {
    label: 'demo',
    fixture: path.join(PROJECT_ROOT, 'test/fixtures/demo-docs'),
    settings: { 'sparkImage.apiBaseUrl': mock.baseUrl, 'workbench.startupEditor': 'readme' },
    // A demo of the mock on this machine: no Restricted Mode banner in the way.
    workspaceTrust: false,
    smokeTestDriver: false,
  });
  const url = workbenchUrl({ authority: server.authority, folder: server.workspace });
  process.stdout.write(
    [
      '',
      'Spark Image demo',
      `  mock API   ${mock.baseUrl} (images from ${mock.imageBaseUrl})`,
      `  workspace  ${server.workspace}`,
      '',
      `Open this URL in a browser on this machine:\n\n  ${url}\n`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  const stop = async () => {
    await server.stop();
    await mock.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
