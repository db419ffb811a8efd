import { DEFAULT_VARIATION_CONCURRENCY } from '../../core/job/variations';
import { UsageError } from '../usageError';

/** Flags only generate takes; resume, docs and mcp refuse them (docs has its own --concurrency). */
export const GENERATE_VALUE_FLAGS = ['style', 'count'] as const;
export const GENERATE_MAX_COUNT = 8;
/** The most the studio sends at once, so 4 variations start together. */
export const GENERATE_DEFAULT_CONCURRENCY = DEFAULT_VARIATION_CONCURRENCY;
export const GENERATE_MAX_CONCURRENCY = 8;

/** What generate takes beyond the request: the house style (spark-image.json) and the variations. */
export interface GenerateExtras {
  /** --style NAME, or `none` to opt out of the file's default style. */
  style?: string;
  /** --count N: how many variations (1-8); each is a paid task with its own seed. */
  count: number;
  /** --concurrency N: at most N of them at once. */
  concurrency: number;
}

function wholeNumber(values: ReadonlyMap<string, string>, name: string, fallback: number, max: number): number {
  const text = values.get(name);
  if (text === undefined) {
    return fallback;
  }
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= max)) {
    throw new UsageError(`--${name} takes a whole number from 1 to ${max}, not ${JSON.stringify(text)}.`);
  }
  return value;
}

export function parseGenerateExtras(values: ReadonlyMap<string, string>): GenerateExtras {
  const style = values.get('style');
  if (style !== undefined && style.trim() === '') {
    throw new UsageError('--style takes the name of a style in spark-image.json, or none.');
  }
  const extras: GenerateExtras = {
    count: wholeNumber(values, 'count', 1, GENERATE_MAX_COUNT),
    concurrency: wholeNumber(values, 'concurrency', GENERATE_DEFAULT_CONCURRENCY, GENERATE_MAX_CONCURRENCY),
  };
  return style === undefined ? extras : { ...extras, style: style.trim() };
}

/** The values docs' own checks see: generate's --concurrency is generate's, not a docs flag given by mistake. */
export function withoutGenerateConcurrency(values: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  return new Map([...values].filter(([name]) => name !== 'concurrency'));
}

/** Rejects generate-only flags on other commands. */
export function rejectGenerateFlags(command: string, values: ReadonlyMap<string, string>): void {
  for (const name of GENERATE_VALUE_FLAGS) {
    if (values.has(name)) {
      throw new UsageError(`--${name} belongs to generate, not ${command}${command === 'docs' && name === 'style' ? ': each directive names its own style=' : ''}.`);
    }
  }
}
