/**
 * Out of date: a directive's image was made from something other than what the directive asks for
 * now. The provenance inside the image says what it was made from, so no hash file is needed. Pure:
 * the editor and the CLI share it, each passing its own defaults.
 */
import { directiveSize } from './directiveCost';
import type { Directive, DirectiveRequest, TextSpan } from './directiveTypes';
import { altTextFromPrompt, escapeHtmlAttribute, escapeMarkdownAlt } from '../links/linkText';
import { Provenance } from '../image/provenance';
import { RANDOM_SEED } from '../spec/spec';
import { codePointLength } from '../base/text';
import { PromptExpansion, resolveExpansion } from '../spec/expansion';
import { NO_STYLE } from '../repoConfig/repoConfig';

/** What can make an image out of date, in the order they are listed. */
export const OUT_OF_DATE_FIELDS = ['prompt', 'style', 'size', 'model', 'expansion', 'seed'] as const;
export type OutOfDateField = (typeof OUT_OF_DATE_FIELDS)[number];

export interface OutOfDateChange {
  field: OutOfDateField;
  /** As the image was made (from its provenance). */
  was: string;
  /** As the directive asks now. */
  now: string;
  /** For `style`: the style's name (the one asked for now, else the one the image was made with); was/now are its templates. */
  style?: string;
}

/** What applies when a directive does not say: the caller's settings (the CLI has fixed ones). */
export interface DirectiveDefaults {
  size: { width: number; height: number };
  model: string;
  expansion: PromptExpansion;
}

/** What the directive asks for, with every default filled in. Seed only when the directive pins one. */
export interface WantedImage {
  prompt: string;
  width: number;
  height: number;
  model: string;
  usePreLlm: boolean;
  seed?: number;
  /** The house style applied to the prompt, when one is. */
  style?: { name: string; template: string };
}

/** An image up to date, out of date (and what changed), or unknown (it has no provenance). */
export type OutOfDateState = { state: 'current' } | { state: 'outOfDate'; changes: OutOfDateChange[] } | { state: 'unknown' };

function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `auto` is decided as the core decides it when sending: on for prompts up to the recommended length. */
export function wantedImage(request: DirectiveRequest, defaults: DirectiveDefaults): WantedImage {
  const { width, height } = directiveSize(request, defaults.size);
  const wanted: WantedImage = { prompt: fold(request.prompt), width, height, model: defaults.model, usePreLlm: resolveExpansion(request.usePreLlm ?? defaults.expansion, codePointLength(request.prompt)) };
  if (request.seed !== undefined && request.seed !== RANDOM_SEED) {
    wanted.seed = request.seed;
  }
  if (request.styled?.style) {
    wanted.style = request.styled.style;
  }
  return wanted;
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}

/** Compares an image's provenance with what its directive wants. No provenance: unknown, never out of date. */
export function outOfDateState(provenance: Provenance | undefined, wanted: WantedImage): OutOfDateState {
  if (!provenance) {
    return { state: 'unknown' };
  }
  const changes: OutOfDateChange[] = [];
  const compare = (field: OutOfDateField, was: string, now: string) => {
    if (was !== now) {
      changes.push({ field, was, now });
    }
  };
  // A styled image records the user's text beside the prompt sent: the text is compared, the style on its own.
  compare('prompt', fold(provenance.userPrompt ?? provenance.prompt), wanted.prompt);
  const [wasStyle, nowStyle] = [provenance.style, wanted.style];
  if (wasStyle?.name !== nowStyle?.name || wasStyle?.template !== nowStyle?.template) {
    changes.push({ field: 'style', was: wasStyle?.template ?? NO_STYLE, now: nowStyle?.template ?? NO_STYLE, style: nowStyle?.name ?? wasStyle?.name });
  }
  compare('size', `${provenance.width}×${provenance.height}`, `${wanted.width}×${wanted.height}`);
  compare('model', provenance.model, wanted.model);
  compare('expansion', onOff(provenance.usePreLlm), onOff(wanted.usePreLlm));
  if (wanted.seed !== undefined) {
    compare('seed', String(provenance.seed), String(wanted.seed));
  }
  return changes.length === 0 ? { state: 'current' } : { state: 'outOfDate', changes };
}

/** The alt text a directive's link should carry: its `alt`, else the prompt shortened (as links are written). */
export function wantedAlt(directive: Pick<Directive, 'prompt' | 'request'>): string {
  return directive.request?.alt ?? altTextFromPrompt(directive.prompt);
}

const MARKDOWN_ALT = /^!\[((?:[^\]\\]|\\.)*)\]/;
const HTML_ALT = /\balt\s*=\s*(?:"[^"]*"|'[^']*')/i;

/**
 * The edit that gives a directive's link the alt text it asks for, leaving its destination as it is;
 * undefined when the link has it already (or there is no link). No image is made for this.
 */
export function altEdit(directive: Pick<Directive, 'prompt' | 'request' | 'image'>): (TextSpan & { newText: string; was: string; now: string }) | undefined {
  const image = directive.image;
  const now = wantedAlt(directive);
  if (!image || image.alt === now) {
    return undefined;
  }
  const markdown = MARKDOWN_ALT.exec(image.text);
  let newText: string;
  if (markdown) {
    newText = `![${escapeMarkdownAlt(now)}]${image.text.slice(markdown[0].length)}`;
  } else if (HTML_ALT.test(image.text)) {
    newText = image.text.replace(HTML_ALT, `alt="${escapeHtmlAttribute(now)}"`);
  } else {
    newText = image.text.replace(/^<img\b/i, (tag) => `${tag} alt="${escapeHtmlAttribute(now)}"`);
  }
  return { start: image.start, end: image.end, newText, was: image.alt, now };
}

/** "prompt, size" or "style brand changed": what changed, for lenses and listings. */
export function changedFields(changes: readonly OutOfDateChange[]): string {
  return changes.map((change) => (change.field === 'style' ? `style ${change.style} changed` : change.field)).join(', ');
}
