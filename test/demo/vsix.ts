import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../rig/exec';
import { PROJECT_ROOT, RIG_DIR } from '../rig/layout';

/** The demo's own package, apart from the project's spark-image.vsix (the packaging test deletes and rebuilds that one). */
export const DEMO_VSIX = path.join(RIG_DIR, 'demo', 'spark-image.vsix');
const STAMP = `${DEMO_VSIX}.sha256`;

/**
 * The .vsix that `npm run package` builds, made again only when what it ships changed: the
 * stamp is a hash of every file vsce would pack (its own list, .vscodeignore applied) and of the
 * package script. `npm run demo` has just built the bundles, so an unchanged tree reuses the file.
 */
export async function ensureDemoVsix(log: (line: string) => void): Promise<string> {
  const hash = await shippedFilesHash();
  if (fs.existsSync(DEMO_VSIX) && readStamp() === hash) {
    log(`reusing ${path.relative(PROJECT_ROOT, DEMO_VSIX)} (nothing it ships changed)`);
    return DEMO_VSIX;
  }
  log(`packaging the extension: npm run package -- --out ${path.relative(PROJECT_ROOT, DEMO_VSIX)}`);
  fs.mkdirSync(path.dirname(DEMO_VSIX), { recursive: true });
  fs.rmSync(STAMP, { force: true });
  // The last --out wins: the same script as `npm run package`, written beside the rig.
  await run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'package', '--', '--out', DEMO_VSIX], { cwd: PROJECT_ROOT });
  // Hashed again: the package script's prepublish step rebuilds the bundles.
  fs.writeFileSync(STAMP, `${await shippedFilesHash()}\n`);
  return DEMO_VSIX;
}

function readStamp(): string | undefined {
  try {
    return fs.readFileSync(STAMP, 'utf8').trim();
  } catch {
    return undefined;
  }
}

async function shippedFilesHash(): Promise<string> {
  // Loaded here: vsce is a large module that only this step needs.
  const vsce = (await import('@vscode/vsce')) as typeof import('@vscode/vsce');
  const files = (await vsce.listFiles({ cwd: PROJECT_ROOT, packageManager: vsce.PackageManager.None })).sort();
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const hash = createHash('sha256').update(manifest.scripts.package ?? '');
  for (const file of files) {
    hash.update(`\u0000${file}\u0000`).update(fs.readFileSync(path.join(PROJECT_ROOT, file)));
  }
  return hash.digest('hex');
}
