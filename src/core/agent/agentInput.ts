import { estimateCostUsd, formatUsd } from '../spend/pricing';
import { describeCode, SparkError } from '../spec/errors';
import { show } from '../spec/issues';
import { GenerationInput } from '../spec/validation';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, ErrorCodes, SIZE_PRESETS } from '../spec/spec';
import { parseSizeText } from '../spec/sizeText';

/**
 * What an agent asks for, the same for the VS Code tool and the MCP server. Values stay unknown
 * until checked: the core's rules (and the seed's codes) judge them, never a schema alone.
 */
export interface AgentRequest {
  prompt?: unknown;
  size?: unknown;
  width?: unknown;
  height?: unknown;
  seed?: unknown;
  promptExpansion?: unknown;
  path?: unknown;
  alt?: unknown;
  insertInto?: unknown;
  /** MCP only: a style of the nearest spark-image.json, or none. */
  style?: unknown;
  /** MCP only: how many variations (1–4). */
  count?: unknown;
  /** MCP only: the saved file's output (agentOutputOf). */
  format?: unknown;
  maxWidth?: unknown;
  encodeQuality?: unknown;
}

/**
 * The JSON schema both tools publish (package.json's sparkImage_generate has the same, as a test
 * holds). Unknown names are refused by the tools themselves too (refuseUnknownArguments).
 */
export const AGENT_INPUT_SCHEMA = {
  type: 'object',
  properties: {
    prompt: { type: 'string', description: 'What the image shows (up to 800 characters).' },
    size: { type: 'string', description: `A preset (${SIZE_PRESETS.map((p) => p.id).join(', ')}) or WIDTHxHEIGHT, e.g. 1024x768. Default 1k-1:1. Or give width and height instead.` },
    width: { type: 'integer', description: 'Width in pixels, with height (instead of size): 512×512 to 2048×2048 pixels in all, aspect 1:3 to 3:1.' },
    height: { type: 'integer', description: 'Height in pixels, with width (instead of size).' },
    seed: { type: 'integer', description: 'Repeat an earlier result; omit for a random seed (always reported).' },
    promptExpansion: { type: 'boolean', description: 'Let the service expand a short prompt.' },
    path: { type: 'string', description: 'Where to save, relative to the workspace: a folder, or a file name (its extension follows the format saved). Default images/.' },
    alt: { type: 'string', description: 'Alt text of the link (default: from the prompt).' },
    insertInto: {
      type: 'object',
      description: 'Put a markdown link to the image into this workspace-relative document, after the given line (1-based; default: the end).',
      properties: { document: { type: 'string' }, line: { type: 'integer', minimum: 1 } },
      required: ['document'],
      additionalProperties: false,
    },
  },
  required: ['prompt'],
  additionalProperties: false,
} as const;

/** A preset or WIDTHxHEIGHT; the numbers themselves are checked by the core's rules afterwards. */
export function sizeFromText(size: unknown): { width: number | string; height: number | string } {
  if (size === undefined || size === null || size === '') {
    return { width: DEFAULT_WIDTH, height: DEFAULT_HEIGHT };
  }
  const parsed = typeof size === 'string' ? parseSizeText(size) : undefined;
  if (parsed) {
    return { width: parsed.width, height: parsed.height };
  }
  throw new SparkError('validation', `size must be a preset (${SIZE_PRESETS.map((p) => p.id).join(', ')}) or WIDTHxHEIGHT such as 1024x768, not ${JSON.stringify(size)}. Nothing was sent.`);
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * The size asked for: `size`, or the seed's own `width` and `height`. Both forms at once is refused
 * (which one was meant?); one side alone goes on to the core's rule, which names 003002007.
 */
export function sizeOf(request: Pick<AgentRequest, 'size' | 'width' | 'height'>): { width: unknown; height: unknown } {
  const sides = given(request.width) || given(request.height);
  if (sides && given(request.size)) {
    const code = ErrorCodes.dimension;
    throw new SparkError(
      'validation',
      `Give the size once: size ${show(request.size)} or width and height (got width ${show(request.width)}, height ${show(request.height)}), not both. Nothing was sent. [${describeCode(code)}]`,
      { code },
    );
  }
  return sides ? { width: request.width, height: request.height } : sizeFromText(request.size);
}

/** The core's input for an agent's request (throws the size rule; the rest is checked by checkRequest). */
export function generationInputOf(request: AgentRequest): GenerationInput {
  const { width, height } = sizeOf(request);
  return { prompt: request.prompt, width, height, seed: request.seed, usePreLlm: request.promptExpansion };
}

/** Text of an optional string field, or a validation error naming the field. */
export function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SparkError('validation', `${field} must be a non-empty string, not ${JSON.stringify(value)}. Nothing was sent.`);
  }
  return value;
}

/** Where the link goes, checked (document as typed; the front end resolves it inside the workspace). */
export function insertTargetOf(value: unknown): { document: string; line?: number } | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const object = typeof value === 'object' ? (value as { document?: unknown; line?: unknown }) : {};
  const document = optionalText(object.document, 'insertInto.document');
  if (document === undefined) {
    throw new SparkError('validation', `insertInto must be {document, line?} with a workspace-relative document, not ${JSON.stringify(value)}. Nothing was sent.`);
  }
  if (object.line !== undefined && !(Number.isInteger(object.line) && (object.line as number) >= 1)) {
    throw new SparkError('validation', `insertInto.line must be a whole number from 1, not ${JSON.stringify(object.line)}. Nothing was sent.`);
  }
  return { document, line: object.line as number | undefined };
}

/** One line an agent (and the confirmation) reads: the estimate before a paid call. */
export function estimateLine(width: number, height: number): string {
  return `estimated cost ${formatUsd(estimateCostUsd(width, height))} (${width}×${height})`;
}
