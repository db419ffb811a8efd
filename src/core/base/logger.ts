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

/** The same logger with every message passed through `transform` first. */
function mappedLogger(inner: Logger, transform: (message: string) => string): Logger {
  return {
    trace: (message) => inner.trace(transform(message)),
    debug: (message) => inner.debug(transform(message)),
    info: (message) => inner.info(transform(message)),
    warn: (message) => inner.warn(transform(message)),
    error: (message) => inner.error(transform(message)),
  };
}

/** Wraps a logger so that nothing it writes can contain a secret, whatever the caller passes. */
export function redactingLogger(inner: Logger, secrets: () => readonly string[]): Logger {
  return mappedLogger(inner, (message) => redact(message, secrets()));
}

/** Prefixes every message with a component tag, as in "[poll] task abc running". */
export function taggedLogger(inner: Logger, tag: string): Logger {
  return mappedLogger(inner, (message) => `[${tag}] ${message}`);
}
