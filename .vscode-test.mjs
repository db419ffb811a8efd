// Host tests in desktop VS Code through @vscode/test-cli (`npm run test:electron`, after
// `node esbuild.js --tests`). It downloads VS Code, so it needs internet; CI runs the same suites
// offline in code-server instead (npm test, test/run/all.ts).
import { defineConfig } from '@vscode/test-cli';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const { startMockServer } = require('./out/test/mock/server.js');

// The same mock API server and variables the offline runner provides (test/run/testEnv.ts);
// test-cli ends its process when the tests finish, which also stops the server.
const mock = await startMockServer();
const env = { SPARK_MOCK_URL: mock.baseUrl, SPARK_MOCK_IMAGE_URL: mock.imageBaseUrl, SPARK_MOCK_KEY: mock.apiKey };

/** Tests may write to their workspace: each configuration gets its own copy of the fixture. */
function workspaceCopy(name) {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `spark-electron-${name}-`));
  fs.cpSync('test/fixtures/workspace', target, { recursive: true });
  return target;
}

const mocha = { ui: 'bdd', timeout: 20_000, color: true };

export default defineConfig([
  {
    label: 'host',
    // Every host test except the Restricted Mode ones and the runner's self-check fixture (test/host/profiles.ts).
    files: ['out/test/host/*.test.js', 'out/test/host/!(restricted|selfcheck)/**/*.test.js'],
    workspaceFolder: workspaceCopy('host'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    env,
    mocha,
  },
  {
    label: 'host-restricted',
    // Workspace trust stays on and the copy is a new folder, so it opens untrusted.
    files: 'out/test/host/restricted/**/*.test.js',
    workspaceFolder: workspaceCopy('restricted'),
    launchArgs: ['--disable-extensions'],
    env,
    mocha,
  },
]);
