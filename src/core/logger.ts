/** The one logging interface of the core; the editor backs it with a LogOutputChannel, the CLI with stderr. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const BEARER_PATTERN = /(Bearer\s+)[^\s"',;]+/gi;
const AUTH_HEADER_PATTERN = /("?authorization"?\s*[:=]\s*"?)(Bearer\s+)?[^\s"',;}]+/gi;

/**
 * Removes every known secret and anything shaped like a bearer credential.
 * Secrets shorter than 4 characters are still masked: a short key is still a key.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret) {
      result = result.split(secret).join('***');
    }
  }
  return result.replace(BEARER_PATTERN, '$1***').replace(AUTH_HEADER_PATTERN, '$1$2***');
}

/** Wraps a logger so that nothing it writes can contain a secret, whatever the caller passes. */
export function redactingLogger(inner: Logger, secrets: () => readonly string[]): Logger {
  const wrap = (write: (message: string) => void) => (message: string) => write(redact(message, secrets()));
  return {
    trace: wrap((m) => inner.trace(m)),
    debug: wrap((m) => inner.debug(m)),
    info: wrap((m) => inner.info(m)),
    warn: wrap((m) => inner.warn(m)),
    error: wrap((m) => inner.error(m)),
  };
}

/** Prefixes every message with a component tag, as in "[poll] task abc running". */
export function taggedLogger(inner: Logger, tag: string): Logger {
  const wrap = (write: (message: string) => void) => (message: string) => write(`[${tag}] ${message}`);
  return {
    trace: wrap((m) => inner.trace(m)),
    debug: wrap((m) => inner.debug(m)),
    info: wrap((m) => inner.info(m)),
    warn: wrap((m) => inner.warn(m)),
    error: wrap((m) => inner.error(m)),
  };
}
