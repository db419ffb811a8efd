import { english, Translate } from '../base/messages';
import { codePointLength } from '../base/text';
import { resolveExpansion } from './expansion';
import { SparkError } from './errors';
import { asInteger, IssueCollector, show, ValidationIssue } from './issues';
import { checkSizeInto } from './sizeRules';
import { ErrorCodes, MODEL_ID, PROMPT_MAX_CODE_POINTS, PROMPT_RECOMMENDED_CODE_POINTS, RANDOM_SEED, SEED_MAX } from './spec';



/** What a caller asks for, straight from a user, a setting or a directive: nothing is trusted yet. */
export interface GenerationInput {
  prompt: unknown;
  width?: unknown;
  height?: unknown;
  /** An integer; -1 or undefined means "pick a random seed" (the client picks it, see resolveRequest). */
  seed?: unknown;
  usePreLlm?: unknown;
  model?: string;
  /**
   * The house style that made `prompt` out of the user's text (`applyStyle`): its name and the code
   * points it adds. The length message says how much is the style's; `auto` expansion is decided on
   * the user's own text, as out-of-date checks decide it.
   */
  style?: StyleShare;
}

export interface StyleShare {
  name: string;
  codePoints: number;
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

export type ValidationResult =
  | { ok: true; request: Omit<GenerationRequest, 'seed'> & { seed: number }; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };


export function validatePrompt(prompt: unknown, t: Translate = english, style?: StyleShare): ValidationIssue[] {
  const issues = new IssueCollector(t);
  checkPrompt(prompt, issues, style);
  return [...issues.errors, ...issues.warnings];
}

function checkPrompt(prompt: unknown, issues: IssueCollector, style?: StyleShare): string | undefined {
  if (typeof prompt !== 'string' || prompt.trim() === '') {
    issues.error('prompt', ErrorCodes.promptMissing, 'The prompt is empty: describe the image to generate.');
    return undefined;
  }
  const text = prompt.trim();
  const length = codePointLength(text);
  if (length > PROMPT_MAX_CODE_POINTS && style && style.codePoints > 0) {
    issues.error(
      'prompt',
      ErrorCodes.promptLength,
      'The prompt sent has {0} characters, {1} of them from the style {2}; the maximum is {3}. Shorten the text or the style by {4}.',
      length,
      style.codePoints,
      style.name,
      PROMPT_MAX_CODE_POINTS,
      length - PROMPT_MAX_CODE_POINTS,
    );
    return undefined;
  }
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
  if (value === undefined || value === 'auto' || typeof value === 'boolean') {
    return resolveExpansion(value ?? 'auto', promptLength);
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

/**
 * Applies every rule of the seed before anything is sent. Returns all errors found (one per field),
 * and warnings for what the seed advises against.
 */
export function validateInput(input: GenerationInput, t: Translate = english): ValidationResult {
  const issues = new IssueCollector(t);
  const prompt = checkPrompt(input.prompt, issues, input.style);
  const usersLength = prompt === undefined ? 0 : codePointLength(prompt) - (input.style?.codePoints ?? 0);
  const usePreLlm = checkExpansion(input.usePreLlm, usersLength, issues);
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

/**
 * A request that passed every rule, made only by checkRequest: the job takes nothing else, so
 * nothing downstream checks it again.
 */
export type CheckedRequest = GenerationRequest & { readonly [checkedBrand]: true };
/** A brand the type system sees and the wire never does: nothing is added to the request itself. */
declare const checkedBrand: unique symbol;

/**
 * The one check of a generation before anything is sent: every rule of the seed, and a concrete seed
 * when a random one was asked for. Throws one SparkError('validation') that lists every broken rule.
 */
export function checkRequest(input: GenerationInput, deps: { random?: () => number; t?: Translate } = {}): { request: CheckedRequest; warnings: ValidationIssue[] } {
  const result = resolveRequest(input, deps.random ?? Math.random, deps.t ?? english);
  if (!result.ok) {
    throw new SparkError('validation', result.errors.map((issue) => issue.message).join('\n'), { code: result.errors[0].code });
  }
  return { request: result.request as CheckedRequest, warnings: result.warnings };
}
