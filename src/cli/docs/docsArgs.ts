import type { SharedOptions } from '../commandTypes';
import { UsageError } from '../usageError';
import { parseMaxBytes } from '../output/budgetGate';

/** What --check gates on: everything (missing, out of date, alt text), or, with --check=missing, missing images only. */
export type CheckMode = false | 'all' | 'missing';

/** spark-image docs [PATHS or GLOBS] [--check[=missing]] [--update [--regenerate]] [--keep-going] [--dry-run] [--json] [--concurrency N]. */
export interface DocsOptions {
  paths: string[];
  check: CheckMode;
  /** Also regenerate out-of-date images and fix links' alt texts. */
  update: boolean;
  /** With --update: an output that cannot be re-encoded for free is regenerated (paid, same seed) instead of left. */
  regenerate?: boolean;
  /** Generate the valid directives even when others have errors (exit 6); without it, any error refuses the run. */
  keepGoing: boolean;
  dryRun: boolean;
  concurrency: number;
  /** --max-bytes with --check: the weight budget of every linked image (else spark-image.json's budget.maxBytes). */
  maxBytes?: number;
}

export type DocsCommand = { kind: 'docs'; options: DocsOptions; shared: SharedOptions };

export const DOCS_DEFAULT_CONCURRENCY = 3;
export const DOCS_MAX_CONCURRENCY = 8;
/** Flags only docs takes; generate and resume refuse them. */
export const DOCS_SWITCHES = ['check', 'update', 'regenerate', 'dry-run', 'keep-going'] as const;
/** Switches that also take a value written inline: --check=missing. */
export const DOCS_INLINE_VALUE_SWITCHES = ['check'] as const;
export const DOCS_VALUE_FLAGS = ['concurrency', 'max-bytes'] as const;

export function parseDocsOptions(paths: readonly string[], values: ReadonlyMap<string, string>, switches: ReadonlySet<string>): DocsOptions {
  for (const name of ['out', 'width', 'height', 'size', 'seed', 'prompt']) {
    if (values.has(name)) {
      throw new UsageError(`--${name} does not apply to docs: each directive sets its own options.`);
    }
  }
  for (const name of ['expand', 'no-expand']) {
    if (switches.has(name)) {
      throw new UsageError(`--${name} does not apply to docs.`);
    }
  }
  let check: CheckMode = switches.has('check') ? 'all' : false;
  const checkValue = values.get('check');
  if (checkValue !== undefined) {
    if (checkValue !== 'missing') {
      throw new UsageError(`--check takes no value, or =missing to fail only on missing images, not ${JSON.stringify(checkValue)}.`);
    }
    check = 'missing';
  }
  if (check && switches.has('dry-run')) {
    throw new UsageError('Use either --check or --dry-run, not both.');
  }
  if (check && switches.has('update')) {
    throw new UsageError('Use either --check (send nothing) or --update (regenerate), not both.');
  }
  if (check && switches.has('keep-going')) {
    throw new UsageError('--keep-going applies to a run that generates, not to --check.');
  }
  if (switches.has('regenerate') && !switches.has('update')) {
    throw new UsageError('--regenerate applies to docs --update: it lets an image whose output cannot be re-encoded be regenerated (paid, same seed).');
  }
  let concurrency = DOCS_DEFAULT_CONCURRENCY;
  const text = values.get('concurrency');
  if (text !== undefined) {
    concurrency = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
    if (!(concurrency >= 1 && concurrency <= DOCS_MAX_CONCURRENCY)) {
      throw new UsageError(`--concurrency takes a whole number from 1 to ${DOCS_MAX_CONCURRENCY}, not ${JSON.stringify(text)}.`);
    }
  }
  const maxBytes = values.has('max-bytes') ? parseMaxBytes(values.get('max-bytes') as string) : undefined;
  if (maxBytes !== undefined && !check) {
    throw new UsageError('--max-bytes is a gate: use it with --check.');
  }
  return { paths: [...paths], check, update: switches.has('update'), ...(switches.has('regenerate') ? { regenerate: true } : {}), keepGoing: switches.has('keep-going'), dryRun: switches.has('dry-run'), concurrency, ...(maxBytes !== undefined ? { maxBytes } : {}) };
}

/** Rejects docs-only flags on other commands. */
export function rejectDocsFlags(command: string, values: ReadonlyMap<string, string>, switches: ReadonlySet<string>): void {
  for (const name of [...DOCS_SWITCHES, ...DOCS_VALUE_FLAGS]) {
    if (switches.has(name) || values.has(name)) {
      throw new UsageError(`--${name} belongs to docs, not ${command}.`);
    }
  }
}
