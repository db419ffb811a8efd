/**
 * A directive's output options (`format=`, `max-width=`, `encode-quality=`; `quality=` is the API's
 * 1k/2k): checked here, each problem on its option with the rule and the value, so that a typo is
 * refused before anything is sent, as the same options are in spark-image.json and on the CLI.
 */
import { OUTPUT_FORMATS, OutputFormat, OutputOptions } from '../repoConfig/repoConfig';
import { OUTPUT_MAX_WIDTH_RANGE, OUTPUT_QUALITY_RANGE } from '../repoConfig/outputLimits';
import { DirectiveBuilder } from './directiveOptions';
import type { DirectiveKey, DirectiveOption } from './directiveTypes';

function wholeNumberIn(option: DirectiveOption, range: readonly [number, number], builder: DirectiveBuilder): number | undefined {
  const value = /^\d+$/.test(option.value.trim()) ? Number(option.value) : NaN;
  if (value >= range[0] && value <= range[1]) {
    return value;
  }
  builder.add(option, 'error', builder.text('{0}= takes a whole number from {1} to {2}, not {3}.', option.key, range[0], range[1], JSON.stringify(option.value)));
  return undefined;
}

/** The output a directive asks for; undefined when it names none (or a problem was added to the builder). */
export function readDirectiveOutput(byKey: ReadonlyMap<DirectiveKey, DirectiveOption>, builder: DirectiveBuilder): OutputOptions | undefined {
  const output: OutputOptions = {};
  const format = byKey.get('format');
  if (format) {
    const lower = format.value.trim().toLowerCase();
    const name = lower === 'jpg' ? 'jpeg' : lower;
    if ((OUTPUT_FORMATS as readonly string[]).includes(name)) {
      output.format = name as OutputFormat;
    } else {
      builder.add(format, 'error', builder.text('format= takes one of {0}, not {1}.', OUTPUT_FORMATS.join(', '), JSON.stringify(format.value)));
    }
  }
  const maxWidth = byKey.get('max-width');
  if (maxWidth) {
    output.maxWidth = wholeNumberIn(maxWidth, OUTPUT_MAX_WIDTH_RANGE, builder);
  }
  const quality = byKey.get('encode-quality');
  if (quality) {
    output.quality = wholeNumberIn(quality, OUTPUT_QUALITY_RANGE, builder);
  }
  const given = Object.entries(output).filter(([, value]) => value !== undefined);
  return given.length > 0 ? (Object.fromEntries(given) as OutputOptions) : undefined;
}
