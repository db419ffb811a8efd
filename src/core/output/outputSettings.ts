/**
 * The editor's `sparkImage.output.*` settings as one layer of the output precedence (after the
 * directive and the nearest spark-image.json). A value of the wrong type or out of range says
 * nothing: the next layer, then png at full width, decides.
 */
import { OUTPUT_MAX_WIDTH_RANGE, OUTPUT_QUALITY_RANGE } from '../repoConfig/outputLimits';
import { isOutputFormat, OutputOptions } from './outputPlan';

/** The originals cache's cap in every front end (1 GB; MB = 1,000,000 bytes): sparkImage.output.cacheMaxMB, the CLI's default. */
export const DEFAULT_CACHE_MAX_MB = 1000;

export interface OutputSettingValues {
  format?: unknown;
  maxWidth?: unknown;
  quality?: unknown;
}

function integerIn(value: unknown, [min, max]: readonly [number, number]): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

export function outputOptionsFromSettings(values: OutputSettingValues): OutputOptions {
  const options: OutputOptions = {};
  const format = typeof values.format === 'string' ? values.format.trim().toLowerCase() : undefined;
  if (format !== undefined && isOutputFormat(format)) {
    options.format = format;
  }
  const maxWidth = integerIn(values.maxWidth, OUTPUT_MAX_WIDTH_RANGE);
  if (maxWidth !== undefined) {
    options.maxWidth = maxWidth;
  }
  const quality = integerIn(values.quality, OUTPUT_QUALITY_RANGE);
  if (quality !== undefined) {
    options.quality = quality;
  }
  return options;
}
