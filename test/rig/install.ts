import * as fs from 'fs';
import * as path from 'path';
import { ensureDebianPackages } from './debianPackages';
import { CHROMIUM_PATH, CODE_SERVER_VERSION, NODE_PACKAGE, NODE_VERSION, RIG_DIR, RigLayout, rigLayout } from './layout';
import { withLock } from './lock';
import { installNpmProject } from './npmProject';
import { assertSupportedPlatform } from './platform';
import { hasStamp, writeStamp } from './stamp';

const log = (line: string) => console.log(`[rig] ${line}`);

/**
 * Makes sure Chromium, Node 24 and code-server are installed, installing only what is missing.
 * A second call finds the stamps and returns in milliseconds.
 */
export async function ensureRig(): Promise<RigLayout> {
  assertSupportedPlatform();
  const layout = rigLayout();
  if (isComplete(layout)) {
    return layout;
  }
  fs.mkdirSync(RIG_DIR, { recursive: true });
  return withLock(path.join(RIG_DIR, 'install.lock'), log, async () => {
    // Checked again: another run may have finished the install while this one waited for the lock.
    const nodeReady = hasStamp(layout.nodeProject, NODE_VERSION, layout.nodeBin);
    const codeServerReady = hasStamp(layout.codeServerProject, CODE_SERVER_VERSION, layout.codeServerEntry);
    await ensureDebianPackages(
      [
        { name: 'chromium', providesFile: CHROMIUM_PATH },
        // cwebp and dwebp: the bench's reference encoder and an independent WebP decoder for the host layer.
        { name: 'webp', providesFile: '/usr/bin/cwebp' },
        // Kerberos headers: only code-server's native module build needs them.
        ...(codeServerReady ? [] : [{ name: 'libkrb5-dev' }]),
      ],
      log,
    );
    if (!nodeReady) {
      await installNode(layout);
    }
    if (!codeServerReady) {
      await installCodeServer(layout);
    }
    return layout;
  });
}

function isComplete(layout: RigLayout): boolean {
  return (
    fs.existsSync(CHROMIUM_PATH) &&
    hasStamp(layout.nodeProject, NODE_VERSION, layout.nodeBin) &&
    hasStamp(layout.codeServerProject, CODE_SERVER_VERSION, layout.codeServerEntry)
  );
}

/** code-server needs Node 24; the npm registry ships it as a plain package with headers included. */
async function installNode(layout: RigLayout): Promise<void> {
  log(`installing ${NODE_PACKAGE}@${NODE_VERSION} into ${path.relative(process.cwd(), layout.nodeProject)}`);
  await installNpmProject({ dir: layout.nodeProject, dependencies: { [NODE_PACKAGE]: NODE_VERSION } });
  writeStamp(layout.nodeProject, NODE_VERSION);
}

/**
 * code-server's postinstall checks the Node major version from npm's user agent and builds native
 * modules with node-gyp: so npm runs on Node 24 (first on PATH) and node-gyp takes that Node's
 * headers (nodedir), instead of the machine's nodedir=/usr or a download.
 * Its nested installs (lib/vscode, extensions) carry their own allowScripts lists.
 */
async function installCodeServer(layout: RigLayout): Promise<void> {
  log(`installing code-server@${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), layout.codeServerProject)} (about 2 minutes)`);
  await installNpmProject({
    dir: layout.codeServerProject,
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { 'code-server': true, argon2: true },
    env: {
      PATH: `${path.dirname(layout.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: layout.nodeDir,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    },
  });
  writeStamp(layout.codeServerProject, CODE_SERVER_VERSION);
}

async function main(): Promise<void> {
  const started = Date.now();
  const layout = await ensureRig();
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: code-server ${CODE_SERVER_VERSION}, Node ${NODE_VERSION}, ${CHROMIUM_PATH}`);
  log(`code-server: ${layout.codeServerEntry}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[rig] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
