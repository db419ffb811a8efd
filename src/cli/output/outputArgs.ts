import { OutputOptions } from '../../core/repoConfig/repoConfig';
import { OUTPUT_MAX_WIDTH_RANGE, OUTPUT_QUALITY_RANGE } from '../../core/repoConfig/outputLimits';
import { isOutputFormat, OUTPUT_FORMATS } from '../../core/output/outputPlan';
import { UsageError } from '../usageError';

/** The output flags of generate (the same three as spark-image.json's `output` and the directive's options). */
export const OUTPUT_VALUE_FLAGS = ['format', 'max-width', 'encode-quality'] as const;

function integerIn(name: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, not ${JSON.stringify(text)}.`);
  }
  return value;
}

/** --format, --max-width, --encode-quality as given; checked here, before anything is sent. */
export function parseOutputFlags(values: ReadonlyMap<string, string>): OutputOptions {
  const output: OutputOptions = {};
  const format = values.get('format');
  if (format !== undefined) {
    const lower = format.trim().toLowerCase() === 'jpg' ? 'jpeg' : format.trim().toLowerCase();
    if (!isOutputFormat(lower)) {
      throw new UsageError(`--format takes ${OUTPUT_FORMATS.join(', ')}, not ${JSON.stringify(format)}.`);
    }
    output.format = lower;
  }
  if (values.has('max-width')) {
    output.maxWidth = integerIn('max-width', values.get('max-width') as string, ...OUTPUT_MAX_WIDTH_RANGE);
  }
  if (values.has('encode-quality')) {
    output.quality = integerIn('encode-quality', values.get('encode-quality') as string, ...OUTPUT_QUALITY_RANGE);
  }
  return output;
}

/** The command's `output`, only when a flag was given (so a command without them stays as it was). */
export function outputFlags(values: ReadonlyMap<string, string>): { output?: OutputOptions } {
  const output = parseOutputFlags(values);
  return Object.keys(output).length > 0 ? { output } : {};
}

/** Rejects the output flags where they mean nothing (docs: each directive says format=, max-width=, encode-quality=). */
export function rejectOutputFlags(command: string, values: ReadonlyMap<string, string>): void {
  for (const name of OUTPUT_VALUE_FLAGS) {
    if (values.has(name)) {
      throw new UsageError(`--${name} belongs to generate, not ${command}.`);
    }
  }
}
