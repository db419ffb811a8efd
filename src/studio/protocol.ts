/**
 * The messages between the Image Studio panel (extension host) and its front-end (webview), in one
 * place. No vscode import: the front-end bundle and the unit tests use this file too.
 */
import type { UnitPrices } from '../core/spend/pricing';
import { isExpansionChoice, type ExpansionChoice } from '../core/spec/expansion';
import type { StudioStrings } from './studioStringsShape';
import { parseOutputChoice, type OutputChoice } from '../core/output/outputChoice';

export type { StudioStrings } from './studioStringsShape';

export const STUDIO_VIEW_TYPE = 'sparkImage.studio';

/** Limits of what the front-end may send; anything bigger is malformed. */
export const MAX_MESSAGE_PROMPT = 4000;
export const MAX_ID_LENGTH = 200;

/** Compose parameters as the front-end sends them; the host validates them again before use. */
export interface ComposeParams {
  prompt: string;
  width: number;
  height: number;
  /** -1 asks for a random seed. */
  seed: number;
  expansion: ExpansionChoice;
  /** How many variations to send at once (1, 2 or 4), each with its own seed; absent: one. */
  count?: VariationCount;
  /** A house style of the nearest spark-image.json, "none" to opt out; absent: the default style. */
  style?: string;
  /** The save controls (format, max width, encode quality), as the command's arguments; absent: as configured. */
  output?: OutputChoice;
}

export const VARIATION_COUNTS = [1, 2, 4] as const;
export type VariationCount = (typeof VARIATION_COUNTS)[number];
/** "none": no house style, even when spark-image.json names a default one (the style picker's opt-out). */
export { NO_STYLE } from '../core/repoConfig/repoConfig';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'generate'; params: ComposeParams }
  | { type: 'cancel'; jobId: string }
  | { type: 'insert'; entryId: string }
  | { type: 'copyMarkdown'; entryId: string }
  | { type: 'reveal'; entryId: string }
  | { type: 'resume'; entryId: string }
  | { type: 'regenerate'; entryId: string; variation: boolean; output?: OutputChoice }
  /** Use this: a kept variation saved into the workspace and linked at the target (or the bound directive). */
  | { type: 'use'; entryId: string; output?: OutputChoice };

export type EntryStatus = 'completed' | 'failed' | 'pending';

/** One history row as the front-end shows it (already localized and resolved by the host). */
export interface HistoryView {
  id: string;
  status: EntryStatus;
  prompt: string;
  width?: number;
  height?: number;
  seed?: number;
  expansion?: ExpansionChoice;
  costUsd?: number;
  /** ISO date. */
  createdAt: string;
  taskId?: string;
  /** Error text for failed entries (shown as text only). */
  message?: string;
  code?: string;
  resumable: boolean;
  /** A webview URI of the image in the workspace, when it still exists. */
  imageSrc?: string;
  /** Workspace-relative path of the image. */
  imagePath?: string;
  /** A variation kept outside the workspace (global storage) until it is used. */
  kept?: boolean;
}

/** The live phases (as the core reports them) and the three ends. */
export type JobPhase = 'submitting' | 'queued' | 'running' | 'downloading' | 'done' | 'failed' | 'cancelled';

/** Still in flight: it can be cancelled, and its elapsed time ticks. */
export function isActivePhase(phase: JobPhase): boolean {
  return phase === 'submitting' || phase === 'queued' || phase === 'running' || phase === 'downloading';
}

export interface JobView {
  id: string;
  prompt: string;
  width: number;
  height: number;
  phase: JobPhase;
  /** Epoch ms when it started, for the elapsed time. */
  startedAt: number;
  /** How far the task is, 0..1, while the API reports it. */
  progress?: number;
  message?: string;
  /** The history entry of the result, when done. */
  entryId?: string;
  /** The variations sent together share a group (shown as a grid); their seeds are each one's own. */
  group?: string;
  seed?: number;
}

export type ToWebview =
  | { type: 'init'; strings: StudioStrings; coreMessages: Record<string, string>; history: HistoryView[]; defaults: ComposeParams; hasEditor: boolean; prices: UnitPrices }
  /** The unit prices Generate's estimate uses (set, learned from the last bill, else assumed). */
  | { type: 'prices'; prices: UnitPrices }
  | { type: 'history'; entries: HistoryView[] }
  | { type: 'job'; job: JobView }
  | { type: 'editor'; name?: string }
  | { type: 'notice'; level: 'info' | 'error'; text: string }
  /** A prompt to edit before generating (a selection too long to send as it is). */
  | { type: 'compose'; prompt: string }
  /** The house styles the form offers (nearest spark-image.json) and the one preselected. */
  | { type: 'styles'; names: string[]; preselected: string }
  /** The save controls' preset: what applies for the target (its nearest spark-image.json's output, else the settings). */
  | { type: 'output'; preset: OutputChoice }
  /** Bound to a directive (Try Variations): the form holds its request; Use this writes into it. Undefined: unbound. */
  | { type: 'binding'; label?: string; params?: ComposeParams };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && /^[\w.:-]+$/.test(value);
}

function isStyleName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH && /^[\w.-]+$/.test(value);
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Parses compose parameters. Size and seed are only checked for shape here (integers in a sane
 * range); the seed's rules (codes 003002004-009) are applied by the core before anything is sent.
 */
export function parseComposeParams(value: unknown): ComposeParams | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const { prompt, width, height, seed, expansion, count, style, output } = value;
  if (typeof prompt !== 'string' || prompt.length > MAX_MESSAGE_PROMPT) {
    return undefined;
  }
  if (!isInt(width, 1, 100_000) || !isInt(height, 1, 100_000) || !isInt(seed, -1, 2 ** 32)) {
    return undefined;
  }
  if (!isExpansionChoice(expansion)) {
    return undefined;
  }
  if ((count !== undefined && !VARIATION_COUNTS.includes(count as VariationCount)) || (style !== undefined && !isStyleName(style))) {
    return undefined;
  }
  const choice = output === undefined ? undefined : parseOutputChoice(output);
  if (output !== undefined && !choice) {
    return undefined;
  }
  return { prompt, width, height, seed, expansion, ...(count !== undefined && { count: count as VariationCount }), ...(style !== undefined && { style }), ...(choice && { output: choice }) };
}

/** Validates one inbound message; undefined for anything unknown or malformed (the caller logs it). */
export function parseFromWebview(value: unknown): FromWebview | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') {
    return undefined;
  }
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'generate': {
      const params = parseComposeParams(value.params);
      return params ? { type: 'generate', params } : undefined;
    }
    case 'cancel':
      return isId(value.jobId) ? { type: 'cancel', jobId: value.jobId } : undefined;
    case 'insert':
    case 'copyMarkdown':
    case 'reveal':
    case 'resume':
      return isId(value.entryId) ? { type: value.type, entryId: value.entryId } : undefined;
    case 'use': {
      const output = value.output === undefined ? undefined : parseOutputChoice(value.output);
      return isId(value.entryId) && (value.output === undefined || output) ? { type: 'use', entryId: value.entryId, ...(output && { output }) } : undefined;
    }
    case 'regenerate': {
      const output = value.output === undefined ? undefined : parseOutputChoice(value.output);
      const outputOk = value.output === undefined || output !== undefined;
      return isId(value.entryId) && typeof value.variation === 'boolean' && outputOk ? { type: 'regenerate', entryId: value.entryId, variation: value.variation, ...(output && { output }) } : undefined;
    }
    default:
      return undefined;
  }
}

/** A short, safe description of a dropped message for the log (never its full content). */
export function describeDropped(value: unknown): string {
  if (!isRecord(value)) {
    return value === null ? 'null' : typeof value;
  }
  const type = typeof value.type === 'string' ? JSON.stringify(value.type.slice(0, 40)) : 'no type';
  return `type ${type}, keys ${Object.keys(value).slice(0, 8).join(',')}`;
}

/** What the tests see of the Image Studio, reached through this interface rather than a static. */
export interface StudioProbe {
  readonly isOpen: boolean;
  receive(message: unknown): Promise<boolean>;
  /** Test-only: the messages the live panel meant for its webview since it opened (jobs, history, notices). */
  sent(): readonly ToWebview[];
  /** Test-only: the URI of a history entry's kept variation (outside the workspace), if it is one. */
  keptImage(entryId: string): string | undefined;
}
