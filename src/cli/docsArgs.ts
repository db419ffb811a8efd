import { UsageError } from './args';

/** spark-image docs [PATHS or GLOBS] [--check] [--dry-run] [--concurrency N]. */
export interface DocsOptions {
  paths: string[];
  check: boolean;
  dryRun: boolean;
  concurrency: number;
}

export const DOCS_DEFAULT_CONCURRENCY = 3;
export const DOCS_MAX_CONCURRENCY = 8;
/** Flags only docs takes; generate and resume refuse them. */
export const DOCS_SWITCHES = ['check', 'dry-run'] as const;
export const DOCS_VALUE_FLAGS = ['concurrency'] as const;

export function parseDocsOptions(paths: readonly string[], values: ReadonlyMap<string, string>, switches: ReadonlySet<string>): DocsOptions {
  for (const name of ['out', 'width', 'height', 'size', 'seed', 'prompt']) {
    if (values.has(name)) {
      throw new UsageError(`--${name} does not apply to docs: each directive sets its own options.`);
    }
  }
  for (const name of ['expand', 'no-expand', 'json']) {
    if (switches.has(name)) {
      throw new UsageError(`--${name} does not apply to docs.`);
    }
  }
  if (switches.has('check') && switches.has('dry-run')) {
    throw new UsageError('Use either --check or --dry-run, not both.');
  }
  let concurrency = DOCS_DEFAULT_CONCURRENCY;
  const text = values.get('concurrency');
  if (text !== undefined) {
    concurrency = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!(concurrency >= 1 && concurrency <= DOCS_MAX_CONCURRENCY)) {
      throw new UsageError(`--concurrency takes a whole number from 1 to ${DOCS_MAX_CONCURRENCY}, not ${JSON.stringify(text)}.`);
    }
  }
  return { paths: [...paths], check: switches.has('check'), dryRun: switches.has('dry-run'), concurrency };
}

/** Rejects docs-only flags on other commands. */
export function rejectDocsFlags(command: string, values: ReadonlyMap<string, string>, switches: ReadonlySet<string>): void {
  for (const name of [...DOCS_SWITCHES, ...DOCS_VALUE_FLAGS]) {
    if (switches.has(name) || values.has(name)) {
      throw new UsageError(`--${name} belongs to docs, not ${command}.`);
    }
  }
}
