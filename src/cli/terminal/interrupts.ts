import { ExitCode } from '../exitCodes';

/**
 * Ctrl+C (or a polite kill) aborts the run: requests stop, nothing is saved, and the command
 * reports it and exits 130. A second Ctrl+C exits at once. Returns the function that stops listening.
 */
export function abortOnInterrupt(controller: AbortController, notify: (message: string) => void): () => void {
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.exit(ExitCode.interrupted);
    }
    notify('Interrupted: stopping… (press Ctrl+C again to quit at once)');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
