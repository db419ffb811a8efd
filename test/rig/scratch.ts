import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The folders one editor run writes to; all of them are inside one scratch folder removed afterwards. */
export interface Scratch {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  /** XDG_* and TMPDIR point here, so code-server writes nothing under $HOME or /tmp itself. */
  env: NodeJS.ProcessEnv;
  remove(): void;
}

/**
 * Made under the system temp folder rather than the project: code-server puts unix sockets in
 * TMPDIR, and a socket path longer than 107 bytes fails (a deep CI checkout path would hit that).
 */
export function createScratch(label: string): Scratch {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `spark-${label.replace(/[^\w-]/g, '_').slice(0, 20)}-`));
  const dir = (name: string) => {
    const full = path.join(root, name);
    fs.mkdirSync(full, { recursive: true });
    return full;
  };
  return {
    root,
    userDataDir: dir('user-data'),
    extensionsDir: dir('extensions'),
    workspace: path.join(root, 'workspace'),
    env: {
      XDG_CONFIG_HOME: dir('xdg-config'),
      XDG_DATA_HOME: dir('xdg-data'),
      XDG_CACHE_HOME: dir('xdg-cache'),
      XDG_RUNTIME_DIR: dir('xdg-runtime'),
      TMPDIR: dir('tmp'),
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}
