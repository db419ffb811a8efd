import { describeCode } from './errors';
import { english, Translate } from '../base/messages';
import {
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  ErrorCodes,
  MAX_ASPECT,
  MAX_PIXELS,
  MAX_SIDE,
  MIN_PIXELS,
  MIN_SIDE,
  MODEL_ID,
  PROMPT_MAX_CODE_POINTS,
  PROMPT_RECOMMENDED_CODE_POINTS,
  RANDOM_SEED,
  SEED_MAX,
  type DocumentedCode,
} from './spec';

/** Prompt expansion: the seed's `use_pre_llm`, plus `auto` (on for short prompts, off for long ones). */
export type PromptExpansion = boolean | 'auto';

/** What a caller asks for, straight from a user, a setting or a directive: nothing is trusted yet. */
export interface GenerationInput {
  prompt: unknown;
  width?: unknown;
  height?: unknown;
  /** An integer; -1 or undefined means "pick a random seed" (the client picks it, see resolveRequest). */
  seed?: unknown;
  usePreLlm?: unknown;
  model?: string;
}

/** A request that passed every rule of the seed, with a concrete seed: exactly what is sent. */
export interface GenerationRequest {
  model: string;
  prompt: string;
  use_pre_llm: boolean;
  seed: number;
  width: number;
  height: number;
}

export type ValidationField = 'prompt' | 'use_pre_llm' | 'seed' | 'size' | 'width' | 'height';

export interface ValidationIssue {
  field: ValidationField;
  /** The seed's 9-digit code; absent for warnings that have none. */
  code?: DocumentedCode;
  severity: 'error' | 'warning';
  /** Localized text naming the rule and the actual value, ending with the code and its meaning. */
  message: string;
}

export type ValidationResult =
  | { ok: true; request: Omit<GenerationRequest, 'seed'> & { seed: number }; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };

export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) {
    count++;
  }
  return count;
}

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

function show(value: unknown): string {
  if (typeof value === 'string') {
    const shortened = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    return JSON.stringify(shortened);
  }
  if (value === undefined) {
    return 'nothing';
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

class IssueCollector {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];
  constructor(private readonly t: Translate) {}

  error(field: ValidationField, code: DocumentedCode, message: string, ...args: Array<string | number>): void {
    this.errors.push({ field, code, severity: 'error', message: `${this.t(message, ...args)} [${describeCode(code, this.t)}]` });
  }

  /** "width" / "height" in the reader's language. */
  fieldName(field: 'width' | 'height'): string {
    return field === 'width' ? this.t('width') : this.t('height');
  }

  warning(field: ValidationField, message: string, ...args: Array<string | number>): void {
    this.warnings.push({ field, severity: 'warning', message: this.t(message, ...args) });
  }
}

/** Integers only: 12, "12" and 12.0 are fine; 12.5, "12px", true are not. */
function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

export function validatePrompt(prompt: unknown, t: Translate = english): ValidationIssue[] {
  const issues = new IssueCollector(t);
  checkPrompt(prompt, issues);
  return [...issues.errors, ...issues.warnings];
}

function checkPrompt(prompt: unknown, issues: IssueCollector): string | undefined {
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    issues.error('prompt', ErrorCodes.promptMissing, 'The prompt is empty: describe the image to generate.');
    return undefined;
  }
  const text = prompt.trim();
  const length = codePointLength(text);
  if (length > PROMPT_MAX_CODE_POINTS) {
    issues.error(
      'prompt',
      ErrorCodes.promptLength,
      'The prompt has {0} characters; the maximum is {1}. Shorten it by {2}.',
      length,
      PROMPT_MAX_CODE_POINTS,
      length - PROMPT_MAX_CODE_POINTS,
    );
    return undefined;
  }
  if (length > PROMPT_RECOMMENDED_CODE_POINTS) {
    issues.warning(
      'prompt',
      'The prompt has {0} characters; up to {1} is recommended, longer prompts may be ignored in part.',
      length,
      PROMPT_RECOMMENDED_CODE_POINTS,
    );
  }
  return text;
}

function checkExpansion(value: unknown, promptLength: number, issues: IssueCollector): boolean | undefined {
  if (value === undefined || value === 'auto') {
    return promptLength <= PROMPT_RECOMMENDED_CODE_POINTS;
  }
  if (typeof value === 'boolean') {
    return value;
  }
  issues.error('use_pre_llm', ErrorCodes.usePreLlm, 'Prompt expansion must be true, false or auto, not {0}.', show(value));
  return undefined;
}

function checkSeed(value: unknown, issues: IssueCollector): number | undefined {
  if (value === undefined || value === null || value === '') {
    return RANDOM_SEED;
  }
  const seed = asInteger(value);
  if (seed === undefined || seed < RANDOM_SEED || seed > SEED_MAX) {
    issues.error('seed', ErrorCodes.seed, 'The seed must be a whole number from 0 to {0} (or -1 for random), not {1}.', SEED_MAX, show(value));
    return undefined;
  }
  return seed;
}

/**
 * A seed typed to be kept (the studio's locked seed): blank or -1 asks for no fixed seed, so there
 * they break the rule too. The message and the code are the ones every front end shows.
 */
export function lockedSeedIssue(text: string, t: Translate = english): string | undefined {
  const issues = new IssueCollector(t);
  const seed = text.trim() === '' ? undefined : asInteger(text);
  if (seed === undefined || seed === RANDOM_SEED) {
    issues.error('seed', ErrorCodes.seed, 'The seed must be a whole number from 0 to {0} (or -1 for random), not {1}.', SEED_MAX, show(text));
  } else {
    checkSeed(seed, issues);
  }
  return issues.errors[0]?.message;
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

function checkSizeInto(widthValue: unknown, heightValue: unknown, issues: IssueCollector): { width: number; height: number } | undefined {
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

/**
 * Applies every rule of the seed before anything is sent. Returns all errors found (one per field),
 * and warnings for what the seed advises against.
 */
export function validateInput(input: GenerationInput, t: Translate = english): ValidationResult {
  const issues = new IssueCollector(t);
  const prompt = checkPrompt(input.prompt, issues);
  const usePreLlm = checkExpansion(input.usePreLlm, prompt === undefined ? 0 : codePointLength(prompt), issues);
  const seed = checkSeed(input.seed, issues);
  const size = checkSizeInto(input.width, input.height, issues);
  if (prompt === undefined || usePreLlm === undefined || seed === undefined || size === undefined) {
    return { ok: false, errors: issues.errors, warnings: issues.warnings };
  }
  return {
    ok: true,
    request: { model: input.model ?? MODEL_ID, prompt, use_pre_llm: usePreLlm, seed, width: size.width, height: size.height },
    warnings: issues.warnings,
  };
}

/** A random seed in 1..SEED_MAX, so that every result records the seed that made it. */
export function randomSeed(random: () => number = Math.random): number {
  return 1 + Math.floor(random() * SEED_MAX);
}

/** Validates, then fills in a concrete seed when a random one was asked for. */
export function resolveRequest(
  input: GenerationInput,
  random: () => number = Math.random,
  t: Translate = english,
): { ok: true; request: GenerationRequest; warnings: ValidationIssue[] } | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] } {
  const result = validateInput(input, t);
  if (!result.ok) {
    return result;
  }
  const seed = result.request.seed === RANDOM_SEED ? randomSeed(random) : result.request.seed;
  return { ok: true, request: { ...result.request, seed }, warnings: result.warnings };
}
