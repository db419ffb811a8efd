import { english, Translate } from '../base/messages';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, ErrorCodes, MAX_ASPECT, MAX_PIXELS, MAX_SIDE, MIN_PIXELS, MIN_SIDE } from './spec';
import { asInteger, IssueCollector, show, ValidationIssue } from './issues';

/** The seed's size rules (pixel total, aspect ratio, sides), in the seed's order. */

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

/** "16:9" for 1664×936; "3.21:1" when the reduced terms are not small. */
export function formatAspect(width: number, height: number): string {
  const divisor = greatestCommonDivisor(width, height);
  const [a, b] = [width / divisor, height / divisor];
  if (a <= 64 && b <= 64) {
    return `${a}:${b}`;
  }
  return width >= height ? `${(width / height).toFixed(2)}:1` : `1:${(height / width).toFixed(2)}`;
}

/** Checks size rules in the seed's order; the first broken rule is the one reported. */
export function checkSize(
  widthValue: unknown,
  heightValue: unknown,
  t: Translate = english,
): { width: number; height: number } | ValidationIssue {
  const issues = new IssueCollector(t);
  const size = checkSizeInto(widthValue, heightValue, issues);
  return size ?? issues.errors[0];
}

export function checkSizeInto(widthValue: unknown, heightValue: unknown, issues: IssueCollector): { width: number; height: number } | undefined {
  const hasWidth = widthValue !== undefined && widthValue !== null && widthValue !== '';
  const hasHeight = heightValue !== undefined && heightValue !== null && heightValue !== '';
  if (!hasWidth && !hasHeight) {
    return { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
  }
  if (hasWidth !== hasHeight) {
    const [given, missing] = hasWidth ? ['width', 'height'] : ['height', 'width'];
    issues.error('size', ErrorCodes.sizeMissing, 'Width and height go together: {0} is set but {1} is missing.', given, missing);
    return undefined;
  }
  const width = asInteger(widthValue);
  const height = asInteger(heightValue);
  if (width === undefined || height === undefined) {
    const [field, value] = width === undefined ? (['width', widthValue] as const) : (['height', heightValue] as const);
    issues.error(field, ErrorCodes.sizeType, 'The {0} must be a whole number of pixels, not {1}.', issues.fieldName(field), show(value));
    return undefined;
  }
  for (const [field, value] of [['width', width], ['height', height]] as const) {
    if (value < MIN_SIDE || value > MAX_SIDE) {
      issues.error(field, ErrorCodes.sizeRange, 'The {0} is {1} px; each side must be from {2} to {3} px.', issues.fieldName(field), value, MIN_SIDE, MAX_SIDE);
      return undefined;
    }
  }
  const pixels = width * height;
  if (pixels < MIN_PIXELS || pixels > MAX_PIXELS) {
    issues.error(
      'size',
      ErrorCodes.dimension,
      '{0}×{1} is {2} pixels; the total must be from 512×512 ({3}) to 2048×2048 ({4}).',
      width,
      height,
      pixels,
      MIN_PIXELS,
      MAX_PIXELS,
    );
    return undefined;
  }
  if (width > height * MAX_ASPECT || height > width * MAX_ASPECT) {
    issues.error('size', ErrorCodes.aspectRatio, '{0}×{1} is {2}; the aspect ratio must be from 1:3 to 3:1.', width, height, formatAspect(width, height));
    return undefined;
  }
  return { width, height };
}

