// Request validation in the order CONTRACT.md fixes (first failure wins), with the seed's error codes.

export const MODEL = 'spark_image_3_1';

export const CODES = {
  promptMissing: 3002001,
  promptLength: 3002002,
  usePreLlm: 3002003,
  seed: 3002004,
  dimension: 3002005,
  aspectRatio: 3002006,
  sideMissing: 3002007,
  sideType: 3002008,
  sideRange: 3002009,
} as const;

/** The seed's task failure codes and their descriptions. */
export const FAILURE_MESSAGES: Record<number, string> = {
  3002095: 'Internal generation error',
  3002096: 'Result parsing error',
  3002097: 'HTTP error response',
  3002098: 'Status check error',
  3002099: 'Service unavailable',
};

export const MAX_PROMPT = 800;
export const DEFAULT_SIDE = 1328;
export const MIN_PIXELS = 512 * 512;
export const MAX_PIXELS = 2048 * 2048;
// The smallest and largest sides that can satisfy both the pixel and the aspect-ratio rule:
// w·3w ≥ 512² gives w ≥ 296; (3h)·h ≤ 2048² with w = 3h gives w ≤ 3547.
export const MIN_SIDE = 296;
export const MAX_SIDE = 3547;
export const MAX_SEED = 2147483647;

export interface GenerationParams {
  model: string;
  prompt: string;
  usePreLlm: boolean;
  /** As requested; -1 means "random" and the mock then picks `effectiveSeed`. */
  seed: number;
  width: number;
  height: number;
}

export type Validation = { ok: true; params: GenerationParams } | { ok: false; code: number; message: string };

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'number') return `number ${value}`;
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : `${typeof value} ${String(value)}`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** "6:1" for 3000×500; a decimal ratio when the reduced fraction is unreadable. */
function ratio(width: number, height: number): string {
  const d = gcd(width, height);
  const [a, b] = [width / d, height / d];
  if (a <= 64 && b <= 64) return `${a}:${b}`;
  return width >= height ? `${(width / height).toFixed(2)}:1` : `1:${(height / width).toFixed(2)}`;
}

const has = (body: Record<string, unknown>, key: string): boolean => body[key] !== undefined;

export function validate(body: Record<string, unknown>): Validation {
  const fail = (code: number, message: string): Validation => ({ ok: false, code, message });
  const prompt = body.prompt;
  if (prompt === undefined) return fail(CODES.promptMissing, 'prompt is required');
  if (typeof prompt !== 'string') return fail(CODES.promptMissing, `prompt must be a string, got ${describe(prompt)}`);
  if (prompt.trim() === '') return fail(CODES.promptMissing, 'prompt is blank');
  const length = [...prompt].length;
  if (length > MAX_PROMPT) return fail(CODES.promptLength, `prompt is ${length} characters, more than the maximum ${MAX_PROMPT}`);

  if (has(body, 'use_pre_llm') && typeof body.use_pre_llm !== 'boolean') {
    return fail(CODES.usePreLlm, `use_pre_llm must be a boolean, got ${describe(body.use_pre_llm)}`);
  }
  if (has(body, 'seed')) {
    const seed = body.seed;
    if (!Number.isInteger(seed) || (seed as number) < -1 || (seed as number) > MAX_SEED) {
      return fail(CODES.seed, `seed must be an integer in -1..${MAX_SEED}, got ${describe(seed)}`);
    }
  }

  const hasWidth = has(body, 'width');
  const hasHeight = has(body, 'height');
  let width = DEFAULT_SIDE;
  let height = DEFAULT_SIDE;
  if (hasWidth !== hasHeight) {
    const [given, missing] = hasWidth ? ['width', 'height'] : ['height', 'width'];
    return fail(CODES.sideMissing, `${missing} is missing: width and height must be given together (got only ${given} ${JSON.stringify(body[given])})`);
  }
  if (hasWidth) {
    for (const side of ['width', 'height']) {
      if (!Number.isInteger(body[side])) return fail(CODES.sideType, `${side} must be an integer, got ${describe(body[side])}`);
    }
    width = body.width as number;
    height = body.height as number;
    for (const [side, value] of [['width', width], ['height', height]] as const) {
      if (value < MIN_SIDE || value > MAX_SIDE) return fail(CODES.sideRange, `${side} ${value} outside ${MIN_SIDE}..${MAX_SIDE}`);
    }
    const pixels = width * height;
    if (pixels < MIN_PIXELS || pixels > MAX_PIXELS) {
      return fail(CODES.dimension, `total pixels ${width}×${height} = ${pixels} outside 512×512..2048×2048 (${MIN_PIXELS}..${MAX_PIXELS})`);
    }
    if (Math.max(width, height) > 3 * Math.min(width, height)) {
      return fail(CODES.aspectRatio, `aspect ratio ${ratio(width, height)} (${width}×${height}) outside 1:3..3:1`);
    }
  }

  return {
    ok: true,
    params: {
      model: String(body.model),
      prompt,
      usePreLlm: has(body, 'use_pre_llm') ? (body.use_pre_llm as boolean) : true,
      seed: has(body, 'seed') ? (body.seed as number) : -1,
      width,
      height,
    },
  };
}
