import { spawn } from 'child_process';
import * as path from 'path';
import { cleanEnv } from '../helpers/env';

/** The built command, run the way a user runs it: a separate Node process over loopback. */
export const CLI = path.resolve(__dirname, '../../../dist/cli.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** SPARK_IMAGE_* for this run; the runner's own are dropped, so the machine cannot leak in. */
  env: Record<string, string>;
  /** Called with the stderr seen so far, after each chunk; for interrupting mid-run. */
  onStderr?: (soFar: string, child: ReturnType<typeof spawn>) => void;
}

/** Runs `command args` to its end and collects what it printed and its exit code. */
export function runProcess(command: string, args: string[], options: RunOptions): Promise<Run> {
  const child = spawn(command, args, { cwd: options.cwd, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    options.onStderr?.(stderr, child);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
