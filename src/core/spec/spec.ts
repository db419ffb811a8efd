/**
 * Facts of the spark_image_3_1 API, taken from the seed specification (the only one there is).
 * Everything else in the core refers to these names instead of repeating numbers.
 */
export const MODEL_ID = 'spark_image_3_1';

/**
 * The public Vtrix multimodal gateway, where the model runs: docs.vtrix.ai's model reference and the
 * gateway's open-source clients (vtrix-cli, seacloud-cli, sea-sdk-js) all use these.
 */
export const DEFAULT_BASE_URL = 'https://cloud.vtrix.ai';
export const DEFAULT_CREATE_PATH = '/model/v1/generation';
export const DEFAULT_TASK_PATH = '/model/v1/generation/task/{id}';
/** Where a user gets a key or adds balance. */
export const ACCOUNT_URL = 'https://vtrix.ai';

/**
 * How the create body is laid out: `gateway` wraps the parameters as {model, input: [{params}]};
 * `flat` sends the seed's parameters at the top level, for a compatible proxy.
 */
export type RequestFormat = 'gateway' | 'flat';
export const REQUEST_FORMATS: readonly RequestFormat[] = ['gateway', 'flat'];
export const DEFAULT_REQUEST_FORMAT: RequestFormat = 'gateway';

/** The gateway's status.error_code values that mean "insufficient balance". */
export const BALANCE_ERROR_CODES = { first: 40201, last: 40208 } as const;

export const PROMPT_MAX_CODE_POINTS = 800;
export const PROMPT_RECOMMENDED_CODE_POINTS = 120;

export const DEFAULT_WIDTH = 1328;
export const DEFAULT_HEIGHT = 1328;
export const RANDOM_SEED = -1;
/** The seed is sent as a signed 32-bit integer; -1 asks for a random one. */
export const SEED_MAX = 2_147_483_647;

export const MIN_PIXELS = 512 * 512;
export const MAX_PIXELS = 2048 * 2048;
/** Width / height must lie between 1:3 and 3:1. */
export const MAX_ASPECT = 3;
/**
 * The seed gives no per-side range, only the pixel total and the aspect ratio. Together they allow
 * sides from ceil(512/sqrt 3) = 296 to floor(2048*sqrt 3) = 3547 px; we use that as the range.
 */
export const MIN_SIDE = Math.ceil(512 / Math.sqrt(MAX_ASPECT));
export const MAX_SIDE = Math.floor(2048 * Math.sqrt(MAX_ASPECT));

export const ErrorCodes = {
  promptMissing: '003002001',
  promptLength: '003002002',
  usePreLlm: '003002003',
  seed: '003002004',
  dimension: '003002005',
  aspectRatio: '003002006',
  sizeMissing: '003002007',
  sizeType: '003002008',
  sizeRange: '003002009',
  internal: '003002095',
  resultParsing: '003002096',
  httpError: '003002097',
  statusCheck: '003002098',
  unavailable: '003002099',
} as const;

export type DocumentedCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The seed's own description of each code, in English; the editor localizes them. */
export const CODE_DESCRIPTIONS: Readonly<Record<DocumentedCode, string>> = {
  '003002001': 'Prompt missing',
  '003002002': 'Invalid prompt length',
  '003002003': 'Invalid use_pre_llm parameter',
  '003002004': 'Invalid seed parameter',
  '003002005': 'Invalid dimension parameter',
  '003002006': 'Invalid aspect ratio',
  '003002007': 'Missing width/height parameter',
  '003002008': 'Invalid width/height parameter type',
  '003002009': 'Invalid width/height parameter range',
  '003002095': 'Internal generation error',
  '003002096': 'Result parsing error',
  '003002097': 'HTTP error response',
  '003002098': 'Status check error',
  '003002099': 'Service unavailable',
};

export function isDocumentedCode(code: string): code is DocumentedCode {
  return Object.prototype.hasOwnProperty.call(CODE_DESCRIPTIONS, code);
}

export type Quality = '1k' | '2k';

export interface SizePreset {
  /** Stable id used in settings and directives, e.g. "1k-16:9". */
  readonly id: string;
  readonly quality: Quality;
  readonly ratio: string;
  readonly width: number;
  readonly height: number;
}

function preset(quality: Quality, ratio: string, width: number, height: number): SizePreset {
  return { id: `${quality}-${ratio}`, quality, ratio, width, height };
}

/** The seed's recommended sizes: "Standard 1K" and "High Definition 2K". */
export const SIZE_PRESETS: readonly SizePreset[] = [
  preset('1k', '1:1', 1328, 1328),
  preset('1k', '4:3', 1472, 1104),
  preset('1k', '3:2', 1584, 1056),
  preset('1k', '16:9', 1664, 936),
  preset('1k', '21:9', 2016, 864),
  preset('2k', '1:1', 2048, 2048),
  preset('2k', '4:3', 2304, 1728),
  preset('2k', '3:2', 2496, 1664),
  preset('2k', '16:9', 2560, 1440),
  preset('2k', '21:9', 3024, 1296),
];

export function findPreset(id: string): SizePreset | undefined {
  const wanted = id.trim().toLowerCase();
  return SIZE_PRESETS.find((p) => p.id === wanted);
}

/** The recommended size for an aspect ratio such as "16:9" (or its portrait form "9:16"). */
export function presetForAspect(ratio: string, quality: Quality = '1k'): { width: number; height: number } | undefined {
  const match = /^\s*(\d+)\s*:\s*(\d+)\s*$/.exec(ratio);
  if (!match) {
    return undefined;
  }
  const [a, b] = [Number(match[1]), Number(match[2])];
  const landscape = SIZE_PRESETS.find((p) => p.quality === quality && p.ratio === `${Math.max(a, b)}:${Math.min(a, b)}`);
  if (!landscape) {
    return undefined;
  }
  return a >= b ? { width: landscape.width, height: landscape.height } : { width: landscape.height, height: landscape.width };
}
