import { UsageError } from '../usageError';

/** Flags only generate takes; resume, docs and mcp refuse them. */
export const GENERATE_VALUE_FLAGS = ['style'] as const;

/** What generate takes beyond the request: the house style (spark-image.json). */
export interface GenerateExtras {
  /** --style NAME, or `none` to opt out of the file's default style. */
  style?: string;
}

export function parseGenerateExtras(values: ReadonlyMap<string, string>): GenerateExtras {
  const style = values.get('style');
  if (style !== undefined && style.trim() === '') {
    throw new UsageError('--style takes the name of a style in spark-image.json, or none.');
  }
  return style === undefined ? {} : { style: style.trim() };
}

/** Rejects generate-only flags on other commands. */
export function rejectGenerateFlags(command: string, values: ReadonlyMap<string, string>): void {
  for (const name of GENERATE_VALUE_FLAGS) {
    if (values.has(name)) {
      throw new UsageError(`--${name} belongs to generate, not ${command}${command === 'docs' ? ': each directive names its own style=' : ''}.`);
    }
  }
}
