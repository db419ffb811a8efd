import * as fs from 'fs';
import * as path from 'path';
import { run } from './exec';

export interface NpmProject {
  dir: string;
  dependencies: Record<string, string>;
  /** npm 11 skips dependency install scripts unless the project's package.json allows them by name. */
  allowScripts?: Record<string, boolean>;
  /** Extra environment, e.g. a different Node first on PATH. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Installs pinned packages into a private npm project folder, from scratch.
 * The folder is wiped first so a half-finished earlier attempt cannot leak into this one.
 */
export async function installNpmProject(project: NpmProject): Promise<void> {
  fs.rmSync(project.dir, { recursive: true, force: true });
  fs.mkdirSync(project.dir, { recursive: true });
  const manifest = {
    name: `rig-${path.basename(project.dir)}`,
    private: true,
    description: 'Installed by test/rig/install.ts; safe to delete.',
    dependencies: project.dependencies,
    ...(project.allowScripts ? { allowScripts: project.allowScripts } : {}),
  };
  fs.writeFileSync(path.join(project.dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const env = { ...cleanNpmEnv(process.env), ...project.env };
  await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--no-update-notifier'], { cwd: project.dir, env });
}

/**
 * When the installer itself runs under `npm test`, npm has exported its own settings as npm_config_*
 * (user agent naming Node 20, nodedir=/usr, ...): they would override the rig's and make
 * code-server's postinstall think it runs on Node 20. Start from an environment without them.
 */
export function cleanNpmEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    const lower = key.toLowerCase();
    if (!lower.startsWith('npm_') && key !== 'NODE' && key !== 'INIT_CWD') {
      clean[key] = value;
    }
  }
  return clean;
}
