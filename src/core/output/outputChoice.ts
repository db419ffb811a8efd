/**
 * The studio's save controls (format, max width, encode quality) as the page sends them, and their
 * rules: the page checks them as they are typed, the host again before anything is sent (both
 * import this file; no DOM, no vscode). The ranges are the directive's and the CLI's.
 */
import { OUTPUT_FORMATS, type OutputFormat, type OutputOptions } from '../repoConfig/repoConfig';
import { OUTPUT_MAX_WIDTH_RANGE, OUTPUT_QUALITY_RANGE } from '../repoConfig/outputLimits';

/** What the controls ask for: each field absent means "as configured" (spark-image.json, then the settings). */
export type OutputChoice = OutputOptions;

type T = (message: string, ...args: Array<string | number>) => string;

export function isOutputFormatName(value: unknown): value is OutputFormat {
  return typeof value === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The message's shape only (a known format, numbers where numbers go; other keys dropped); undefined otherwise.
 * The rules (whole numbers in range) are checked by outputChoiceIssues, which names the value.
 */
export function parseOutputChoice(value: unknown): OutputChoice | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { format, maxWidth, quality } = value;
  const isNumber = (n: unknown) => n === undefined || (typeof n === 'number' && Number.isFinite(n));
  if ((format !== undefined && !isOutputFormatName(format)) || !isNumber(maxWidth) || !isNumber(quality)) {
    return undefined;
  }
  return { ...(format !== undefined && { format }), ...(maxWidth !== undefined && { maxWidth: maxWidth as number }), ...(quality !== undefined && { quality: quality as number }) };
}

function inRange(value: number, [min, max]: readonly [number, number]): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

/** Every broken rule, with the rule and the value: none means the choice can be sent. */
export function outputChoiceIssues(choice: OutputChoice, t: T): { field: 'maxWidth' | 'quality'; message: string }[] {
  const issues: { field: 'maxWidth' | 'quality'; message: string }[] = [];
  if (choice.maxWidth !== undefined && !inRange(choice.maxWidth, OUTPUT_MAX_WIDTH_RANGE)) {
    issues.push({ field: 'maxWidth', message: t('The max width must be a whole number of pixels from {0} to {1}, not {2}.', ...OUTPUT_MAX_WIDTH_RANGE, String(choice.maxWidth)) });
  }
  if (choice.quality !== undefined && !inRange(choice.quality, OUTPUT_QUALITY_RANGE)) {
    issues.push({ field: 'quality', message: t('The encode quality must be a whole number from {0} to {1}, not {2}.', ...OUTPUT_QUALITY_RANGE, String(choice.quality)) });
  }
  return issues;
}

/** Quality means something only for the lossy formats (png ignores it): the control shows for these. */
export function takesQuality(format: OutputFormat | undefined): boolean {
  return format === 'webp' || format === 'jpeg';
}
