/**
 * Last-resort cleanup for things that outlive this process if left alone (detached code-server
 * process groups). The hooks are synchronous so they also run on process 'exit'.
 */
const hooks = new Set<() => void>();
let installed = false;

export function onExitCleanup(hook: () => void): () => void {
  install();
  hooks.add(hook);
  return () => hooks.delete(hook);
}

function runHooks(): void {
  for (const hook of [...hooks]) {
    hooks.delete(hook);
    try {
      hook();
    } catch {
      // Best effort: the process is going away.
    }
  }
}

function install(): void {
  if (installed) {
    return;
  }
  installed = true;
  process.on('exit', runHooks);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runHooks();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}
