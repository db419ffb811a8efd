import { estimateCostUsd, formatUsd } from '../spend/pricing';
import { SparkError } from '../spec/errors';
import { GenerationInput } from '../spec/validation';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, SIZE_PRESETS } from '../spec/spec';
import { parseSizeText } from '../spec/sizeText';

/**
 * What an agent asks for, the same for the VS Code tool and the MCP server. Values stay unknown
 * until checked: the core's rules (and the seed's codes) judge them, never a schema alone.
 */
export interface AgentRequest {
  prompt?: unknown;
  size?: unknown;
  seed?: unknown;
  promptExpansion?: unknown;
  path?: unknown;
  alt?: unknown;
  insertInto?: unknown;
}

/** The JSON schema both tools publish; kept in one place so they cannot drift apart. */
export const AGENT_INPUT_SCHEMA = {
  type: 'object',
  properties: {
    prompt: { type: 'string', description: 'What the image shows (up to 800 characters).' },
    size: { type: 'string', description: `A preset (${SIZE_PRESETS.map((p) => p.id).join(', ')}) or WIDTHxHEIGHT, e.g. 1024x768. Default 1k-1:1.` },
    seed: { type: 'integer', description: 'Repeat an earlier result; omit for a random seed (always reported).' },
    promptExpansion: { type: 'boolean', description: 'Let the service expand a short prompt.' },
    path: { type: 'string', description: 'Where to save, relative to the workspace: a folder, or a file name ending in .png. Default images/.' },
    alt: { type: 'string', description: 'Alt text of the link (default: from the prompt).' },
    insertInto: {
      type: 'object',
      description: 'Put a markdown link to the image into this workspace-relative document, after the given line (1-based; default: the end).',
      properties: { document: { type: 'string' }, line: { type: 'integer', minimum: 1 } },
      required: ['document'],
    },
  },
  required: ['prompt'],
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

/** The core's input for an agent's request (throws the size rule; the rest is checked by checkRequest). */
export function generationInputOf(request: AgentRequest): GenerationInput {
  const { width, height } = sizeFromText(request.size);
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
