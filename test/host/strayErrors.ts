/**
 * Watches the extension host for promises nobody handled and exceptions nobody caught while the
 * suites run: each one is a bug (a lost error, a half-done job) even when every assertion passed.
 */
export interface StrayErrors {
  readonly seen: readonly string[];
  stop(): void;
}

function describe(value: unknown): string {
  if (value instanceof Error) {
    return value.stack ?? `${value.name}: ${value.message}`;
  }
  return String(value);
}

export function watchStrayErrors(): StrayErrors {
  const seen: string[] = [];
  // Mocha passes some on again (the same reason twice): each is reported once.
  const reasons = new Set<unknown>();
  const onRejection = (reason: unknown) => {
    if (!reasons.has(reason)) {
      reasons.add(reason);
      seen.push(`unhandled rejection: ${describe(reason)}`);
    }
  };
  // The monitor observes without changing what happens next (the host's own handler still runs).
  const onException = (error: Error) => void seen.push(`uncaught exception: ${describe(error)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtExceptionMonitor', onException);
  return {
    seen,
    stop: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtExceptionMonitor', onException);
    },
  };
}

/** The failure the host layer reports when anything stray happened. */
export const STRAY_ERRORS_TITLE = 'the extension host saw no unhandled rejection and no uncaught exception during the suites';
