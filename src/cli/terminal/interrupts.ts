import { ExitCode } from '../exitCodes';

/** The grace period's default: GitHub Actions sends SIGKILL 7.5 s after SIGINT, `docker stop` at 10 s. */
export const DEFAULT_GRACE_SECONDS = 5;

/**
 * Ctrl+C (SIGINT) or SIGTERM stops the run: no new task is sent (the controller aborts), while the
 * paid ones get their grace period (graceSignal). A second signal exits at once: the task store
 * already holds everything. Returns the function that stops listening.
 */
export function abortOnInterrupt(controller: AbortController, notify: (message: string) => void): () => void {
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.exit(ExitCode.interrupted);
    }
    notify('Interrupted: no new task is sent (press Ctrl+C again to quit at once; paid tasks are kept).');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

/**
 * The signal for the paid work of a run: aborted `graceMs` after `stop` is, so the tasks already
 * created keep polling (and save what finishes) meanwhile. `onGrace` is told when the grace starts.
 */
export function graceSignal(stop: AbortSignal, graceMs: number, onGrace?: () => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const begin = () => {
    onGrace?.();
    timer = setTimeout(() => controller.abort(stop.reason), graceMs);
  };
  if (stop.aborted) {
    begin();
  } else {
    stop.addEventListener('abort', begin, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => {
      stop.removeEventListener('abort', begin);
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    },
  };
}
