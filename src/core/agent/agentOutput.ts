/**
 * The MCP server's output arguments (`format`, `maxWidth`, `encodeQuality`; its `width` is the API's
 * size): checked before anything is sent, each refusal naming the argument, the rule and the value.
 */
import { OUTPUT_MAX_WIDTH_RANGE, OUTPUT_QUALITY_RANGE } from '../repoConfig/outputLimits';
import { OUTPUT_FORMATS, OutputFormat, OutputOptions } from '../repoConfig/repoConfig';
import { SparkError } from '../spec/errors';

export const AGENT_OUTPUT_PROPERTIES = {
  format: { type: 'string', enum: [...OUTPUT_FORMATS], description: 'The saved file\'s format: png (default, as the service sends it), webp or jpeg. The file extension follows. Default: the nearest spark-image.json\'s output.format.' },
  maxWidth: { type: 'integer', minimum: OUTPUT_MAX_WIDTH_RANGE[0], maximum: OUTPUT_MAX_WIDTH_RANGE[1], description: 'Downscale the saved file to at most this many pixels wide (aspect kept, never upscaled). Not the size generated, which width and size set, nor its price.' },
  encodeQuality: { type: 'integer', minimum: OUTPUT_QUALITY_RANGE[0], maximum: OUTPUT_QUALITY_RANGE[1], description: 'WebP and JPEG encode quality, 1-100 (default 82).' },
} as const;

function wholeNumber(value: unknown, name: string, range: readonly [number, number]): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
    throw new SparkError('validation', `${name} must be a whole number from ${range[0]} to ${range[1]}, not ${JSON.stringify(value)}. Nothing was sent.`);
  }
  return value;
}

const absent = (value: unknown) => value === undefined || value === null;

/** The output the arguments ask for; undefined when they name none (then spark-image.json's applies). */
export function agentOutputOf(args: { format?: unknown; maxWidth?: unknown; encodeQuality?: unknown }): OutputOptions | undefined {
  const output: OutputOptions = {};
  if (!absent(args.format)) {
    const name = typeof args.format === 'string' ? args.format.trim().toLowerCase() : '';
    const format = name === 'jpg' ? 'jpeg' : name;
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      throw new SparkError('validation', `format must be one of ${OUTPUT_FORMATS.join(', ')}, not ${JSON.stringify(args.format)}. Nothing was sent.`);
    }
    output.format = format as OutputFormat;
  }
  if (!absent(args.maxWidth)) {
    output.maxWidth = wholeNumber(args.maxWidth, 'maxWidth', OUTPUT_MAX_WIDTH_RANGE);
  }
  if (!absent(args.encodeQuality)) {
    output.quality = wholeNumber(args.encodeQuality, 'encodeQuality', OUTPUT_QUALITY_RANGE);
  }
  return Object.keys(output).length > 0 ? output : undefined;
}
