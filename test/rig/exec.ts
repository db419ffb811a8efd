import { spawn, spawnSync } from 'child_process';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command with its output passed straight through, so a long install shows progress.
 * stdin is closed: nothing the rig runs may wait for an answer (CI has no terminal).
 */
export function run(command: string, args: readonly string[], options: ExecOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`));
      }
    });
  });
}

/** Runs a short query command and returns its stdout, or undefined when it fails or does not exist. */
export function query(command: string, args: readonly string[]): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 ? result.stdout : undefined;
}
