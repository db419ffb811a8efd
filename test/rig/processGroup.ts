import { ChildProcess } from 'child_process';

/** Signals a whole process group (a detached child is its group's leader); a gone group is fine. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Stops a detached child and everything it started (code-server's file watcher, extension host,
 * agent host...): SIGTERM first so it can tidy up, SIGKILL for whatever is left after a grace period.
 */
export async function stopGroup(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) {
    return;
  }
  signalGroup(pid, 'SIGTERM');
  if (child.exitCode === null && child.signalCode === null) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise((resolve) => child.once('exit', resolve)),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    // A pending grace timer would keep the runner alive for up to graceMs after its last line.
    clearTimeout(timer);
  }
  // The leader may be gone while children of the group still run.
  signalGroup(pid, 'SIGKILL');
}
