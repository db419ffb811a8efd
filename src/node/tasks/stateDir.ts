import * as os from 'os';
import * as path from 'path';

/** What decides the state folder; `process.env`, `process.platform` and `os.homedir()` in real use. */
export interface StateDirContext {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
}

const APP_FOLDER = 'spark-image';

/** Only an absolute path counts: a relative one would land wherever the command happens to run (a repository). */
function absolute(value: string | undefined, paths: path.PlatformPath): string | undefined {
  return value !== undefined && value.trim() !== '' && paths.isAbsolute(value) ? value : undefined;
}

/**
 * Where the Node front ends (the CLI, the MCP server) keep what must outlive one run: paid tasks
 * and learned prices. `$SPARK_IMAGE_STATE_DIR` when set, otherwise the platform's per-user state
 * folder: `${XDG_STATE_HOME:-~/.local/state}/spark-image`, `~/Library/Application Support/spark-image`
 * on macOS, `%LOCALAPPDATA%\spark-image` on Windows. Never inside a repository or workspace, so
 * nothing of it is committed by accident. A pure function of its context.
 * (An `XDG_STATE_HOME` or `LOCALAPPDATA` that is not absolute is ignored, as the XDG specification says.)
 */
export function stateDir({ env, platform, home }: StateDirContext): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const explicit = env.SPARK_IMAGE_STATE_DIR;
  if (explicit !== undefined && explicit.trim() !== '') {
    // The user's own choice, taken as given (a relative one is relative to where the command runs).
    return explicit;
  }
  switch (platform) {
    case 'win32':
      return paths.join(absolute(env.LOCALAPPDATA, paths) ?? paths.join(home, 'AppData', 'Local'), APP_FOLDER);
    case 'darwin':
      return paths.join(home, 'Library', 'Application Support', APP_FOLDER);
    default:
      return paths.join(absolute(env.XDG_STATE_HOME, paths) ?? paths.join(home, '.local', 'state'), APP_FOLDER);
  }
}

/** The state folder of this process, for the environment it was given (the CLI's `io.env`). */
export function stateDirOf(env: StateDirContext['env']): string {
  return stateDir({ env, platform: process.platform, home: os.homedir() });
}
