/**
 * Illustrations as code: `<!-- spark-image: PROMPT {size=1664x936 seed=42 expand=false} -->` comments
 * in a document, each managing the image link on the next non-blank line. Pure: text in, directives
 * (with offsets, problems and fixes) out; the editor and the CLI share it.
 */
import { insertionText } from './insertion';
import { english, Translate } from './messages';
import { DocumentedCode, ErrorCodes, findPreset, presetForAspect, PROMPT_MAX_CODE_POINTS, PROMPT_RECOMMENDED_CODE_POINTS, Quality, SIZE_PRESETS, splitSize } from './spec';
import { codePointLength, PromptExpansion, validateInput, ValidationField } from './validation';

export const DIRECTIVE_KEYS = ['size', 'seed', 'expand', 'aspect', 'quality', 'alt'] as const;
export type DirectiveKey = (typeof DIRECTIVE_KEYS)[number];

/** Offsets are UTF-16 offsets into the text that was parsed, end exclusive. */
export interface TextSpan {
  start: number;
  end: number;
}

export interface DirectiveOption extends TextSpan {
  key: string;
  value: string;
  /** Where the value is (for fixes that replace it). */
  valueStart: number;
}

/** A text replacement that fixes a problem (the editor turns it into a quick fix). */
export interface TextFix extends TextSpan {
  title: string;
  newText: string;
  /** Marks the fix a user most likely wants. */
  preferred?: boolean;
}

export interface DirectiveIssue extends TextSpan {
  severity: 'error' | 'warning';
  /** The seed's 9-digit code, when the problem is one the API would refuse with a code. */
  code?: DocumentedCode;
  message: string;
  fixes: TextFix[];
}

export interface ManagedImage extends TextSpan {
  /** The link as written (markdown `![alt](path)` or `<img src="path">`), spanning start..end. */
  text: string;
  alt: string;
  /** The destination, decoded: a path relative to the document, or a URL. */
  path: string;
  /** http(s), data: and other URLs are not files this tool manages. */
  isUrl: boolean;
}

/** What a directive asks for, once valid. Size undefined: the caller's default size. */
export interface DirectiveRequest {
  prompt: string;
  width?: number;
  height?: number;
  seed?: number;
  usePreLlm?: PromptExpansion;
  /** The image's own alt text (`alt="…"`), white space folded; absent: the prompt, shortened. */
  alt?: string;
}

export interface Directive extends TextSpan {
  /** Position among the document's directives (stable while only links are inserted or replaced). */
  index: number;
  /** Zero-based line of the comment's start. */
  line: number;
  /** The comment as written, `<!--` to `-->`. */
  raw: string;
  /** White space folded: what is sent. */
  prompt: string;
  promptSpan: TextSpan;
  options: DirectiveOption[];
  image?: ManagedImage;
  issues: DirectiveIssue[];
  /** Present when there is no error: exactly what to generate. */
  request?: DirectiveRequest;
}

/**
 * The option group at the end of a directive: braces and quotes may appear inside quoted values
 * (`alt="a {b}"`). Without a match the plain form is tried, so an unclosed quote is still reported.
 */
const OPTION_GROUP = /\{((?:[^{}"']|"(?:[^"\\]|\\[^])*"|'(?:[^'\\]|\\[^])*')*)\}\s*$/;
const OPENER = /<!--\s*spark-image\s*:/gi;
const CLOSER = '-->';

/** Fenced code blocks (``` or ~~~): a directive shown as an example there is not one. */
function fencedSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const fence = /^ {0,3}(`{3,}|~{3,})/;
  let open: { char: string; length: number; start: number } | undefined;
  let at = 0;
  while (at <= text.length) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 ? text.length : newline;
    const match = fence.exec(text.slice(at, lineEnd));
    if (match) {
      const marker = match[1];
      if (!open) {
        open = { char: marker[0], length: marker.length, start: at };
      } else if (marker[0] === open.char && marker.length >= open.length && text.slice(at + match[0].length, lineEnd).trim() === '') {
        spans.push({ start: open.start, end: lineEnd });
        open = undefined;
      }
    }
    if (newline < 0) {
      break;
    }
    at = newline + 1;
  }
  if (open) {
    spans.push({ start: open.start, end: text.length });
  }
  return spans;
}

/** Inside `inline code` on its line (an odd number of backticks before it). */
function inInlineCode(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return (text.slice(lineStart, offset).match(/`/g)?.length ?? 0) % 2 === 1;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
  }
  return line;
}

function foldWhiteSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const MARKDOWN_IMAGE = /^!\[((?:[^\]\\]|\\.)*)\]\(\s*(?:<([^>\n]*)>|([^\s)]+))(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/;
const HTML_IMAGE = /^<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>/i;

/** The image link a directive manages: the first non-blank line after the comment, if it is one. */
function imageAfter(text: string, end: number): ManagedImage | undefined {
  const restOfLine = text.indexOf('\n', end);
  if (restOfLine < 0) {
    return undefined;
  }
  let at = restOfLine + 1;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    if (line.trim() !== '') {
      const indent = line.length - line.trimStart().length;
      const body = line.slice(indent);
      const start = at + indent;
      const markdown = MARKDOWN_IMAGE.exec(body);
      if (markdown) {
        // The writer percent-encodes "%", "<", ">", "&" and "\\" in both forms (linkText.ts).
        const destination = safeDecode(markdown[2] ?? markdown[3]);
        return image(start, markdown[0], markdown[1].replace(/\\(.)/g, '$1'), destination);
      }
      const html = HTML_IMAGE.exec(body);
      if (html) {
        const alt = /\balt\s*=\s*"([^"]*)"/i.exec(html[0])?.[1] ?? '';
        return image(start, html[0], unescapeHtml(alt), safeDecode(unescapeHtml(html[1] ?? html[2])));
      }
      return undefined;
    }
    if (newline < 0) {
      break;
    }
    at = newline + 1;
  }
  return undefined;
}

function image(start: number, text: string, alt: string, path: string): ManagedImage {
  return { start, end: start + text.length, text, alt, path, isUrl: /^[a-z][a-z0-9+.-]*:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) };
}

/**
 * `key=value` tokens separated by white space. A value may be quoted, `alt="a fox, at dawn"`, with
 * `\\"` and `\\\\` inside; `value` is then the text between the quotes, unescaped.
 */
function parseOptions(text: string, base: number, builder: DirectiveBuilder): DirectiveOption[] {
  const options: DirectiveOption[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at])) {
      at++;
      continue;
    }
    const tokenStart = at;
    while (at < text.length && !/[\s=]/.test(text[at])) {
      at++;
    }
    const key = text.slice(tokenStart, at);
    if (text[at] !== '=') {
      options.push({ key, value: '', start: base + tokenStart, end: base + at, valueStart: base + at });
      continue;
    }
    at++;
    const valueStart = at;
    let value: string;
    const quote = text[at];
    if (quote === '"' || quote === "'") {
      let closed = false;
      value = '';
      for (at++; at < text.length; at++) {
        if (text[at] === '\\' && at + 1 < text.length) {
          value += text[++at];
        } else if (text[at] === quote) {
          closed = true;
          at++;
          break;
        } else {
          value += text[at];
        }
      }
      if (!closed) {
        builder.add({ start: base + valueStart, end: base + at }, 'error', builder.text('The value of {0} opens a quote that is never closed.', key.toLowerCase()));
      }
    } else {
      while (at < text.length && !/\s/.test(text[at])) {
        at++;
      }
      value = text.slice(valueStart, at);
    }
    options.push({ key: key.toLowerCase(), value, start: base + tokenStart, end: base + at, valueStart: base + valueStart });
  }
  return options;
}

/** An option value as a directive writes it: bare when it can be, else in double quotes (the parser's inverse). */
export function quoteOptionValue(value: string): string {
  // Braces stay inside quotes (the group ends at the last unquoted "}"), and ">" is escaped so that
  // no value can spell the "-->" that ends the comment.
  return value !== '' && /^[^\s"'\\{}>]+$/.test(value) ? value : `"${value.replace(/[\\">]/g, (char) => `\\${char}`)}"`;
}

/** The recommended size closest to a size: nearest aspect ratio first, then the nearer quality. */
export function nearestPreset(width: number, height: number): { width: number; height: number; id: string } {
  const ratio = Math.log(width / height);
  const pixels = Math.log(width * height);
  let best: { width: number; height: number; id: string; score: number } | undefined;
  for (const preset of SIZE_PRESETS) {
    for (const [w, h] of [
      [preset.width, preset.height],
      [preset.height, preset.width],
    ]) {
      const score = Math.abs(Math.log(w / h) - ratio) * 10 + Math.abs(Math.log(w * h) - pixels);
      if (!best || score < best.score) {
        best = { width: w, height: h, id: preset.id, score };
      }
    }
  }
  const found = best as { width: number; height: number; id: string };
  return { width: found.width, height: found.height, id: found.id };
}

/** A prompt cut to `limit` code points, at a word boundary when one is near. */
export function shortenPrompt(prompt: string, limit: number): string {
  const points = Array.from(prompt);
  if (points.length <= limit) {
    return prompt;
  }
  const cut = points.slice(0, limit).join('');
  const space = cut.lastIndexOf(' ');
  return (space > limit * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '');
}

/** Pricing has its own home; these names stay for the directive code that shows estimates. */
export { estimateCostUsd, formatUsd } from './pricing';

class DirectiveBuilder {
  readonly issues: DirectiveIssue[] = [];
  constructor(
    private readonly t: Translate,
    readonly whole: TextSpan,
  ) {}

  add(span: TextSpan | undefined, severity: DirectiveIssue['severity'], message: string, code?: DocumentedCode, fixes: TextFix[] = []): void {
    const { start, end } = span ?? this.whole;
    this.issues.push({ start, end, severity, code, message, fixes });
  }

  text(message: string, ...args: Array<string | number>): string {
    return this.t(message, ...args);
  }
}

function parseOne(text: string, start: number, bodyStart: number, end: number, index: number, t: Translate): Directive {
  const builder = new DirectiveBuilder(t, { start, end });
  const body = text.slice(bodyStart, end - CLOSER.length);
  const group = OPTION_GROUP.exec(body) ?? /\{([^{}]*)\}\s*$/.exec(body);
  const promptRaw = group ? body.slice(0, group.index) : body;
  const leading = promptRaw.length - promptRaw.trimStart().length;
  const promptSpan = { start: bodyStart + leading, end: bodyStart + promptRaw.trimEnd().length };
  if (promptSpan.end < promptSpan.start) {
    promptSpan.end = promptSpan.start;
  }
  const prompt = foldWhiteSpace(promptRaw);
  const options = group ? parseOptions(group[1], bodyStart + group.index + 1, builder) : [];

  const byKey = new Map<DirectiveKey, DirectiveOption>();
  for (const option of options) {
    if ((DIRECTIVE_KEYS as readonly string[]).includes(option.key) && option.value === '') {
      builder.add(option, 'error', builder.text('The option {0} needs a value, as in {0}=VALUE.', option.key));
    } else if (!(DIRECTIVE_KEYS as readonly string[]).includes(option.key)) {
      builder.add(option, 'error', builder.text('Unknown option {0}: write key=value with one of size, seed, expand, aspect, quality, alt.', JSON.stringify(option.key)));
    } else if (byKey.has(option.key as DirectiveKey)) {
      builder.add(option, 'error', builder.text('The option {0} is given more than once.', option.key));
    } else {
      byKey.set(option.key as DirectiveKey, option);
    }
  }

  const size = byKey.get('size');
  const aspect = byKey.get('aspect');
  const quality = byKey.get('quality');
  let width: unknown;
  let height: unknown;
  let sizeSpan: TextSpan | undefined = size;
  let sizeBlocked = false;
  if (size) {
    const preset = findPreset(size.value);
    const pair = splitSize(size.value);
    if (preset) {
      [width, height] = [preset.width, preset.height];
    } else if (pair) {
      [width, height] = [pair.width, pair.height];
    } else {
      width = size.value;
    }
    for (const conflicting of [aspect, quality]) {
      if (conflicting) {
        builder.add(conflicting, 'error', builder.text('Use either size or aspect and quality, not both.'), ErrorCodes.dimension, [
          { title: builder.text('Remove {0}', conflicting.key), start: conflicting.start, end: conflicting.end, newText: '' },
        ]);
        sizeBlocked = true;
      }
    }
  } else if (aspect || quality) {
    const level = (quality?.value ?? '1k').toLowerCase();
    if (level !== '1k' && level !== '2k') {
      builder.add(quality, 'error', builder.text('The quality must be 1k or 2k, not {0}.', JSON.stringify(quality?.value ?? '')), ErrorCodes.dimension, quality
        ? [{ title: builder.text('Use quality=1k'), start: quality.valueStart, end: quality.end, newText: '1k', preferred: true }]
        : []);
      sizeBlocked = true;
    }
    const ratio = aspect?.value ?? '1:1';
    const recommended = presetForAspect(ratio, level === '2k' ? '2k' : '1k');
    if (!recommended) {
      const numbers = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(ratio);
      const fixes: TextFix[] = [];
      if (numbers && Number(numbers[1]) > 0 && Number(numbers[2]) > 0 && aspect) {
        const near = nearestPreset(Number(numbers[1]) * 1000, Number(numbers[2]) * 1000);
        const preset = SIZE_PRESETS.find((p) => p.id === near.id);
        const nearRatio = preset && near.width >= near.height ? preset.ratio : preset?.ratio.split(':').reverse().join(':');
        if (nearRatio) {
          fixes.push({ title: builder.text('Use the recommended aspect {0}', nearRatio), start: aspect.valueStart, end: aspect.end, newText: nearRatio, preferred: true });
        }
      }
      builder.add(
        aspect,
        'error',
        builder.text('The aspect {0} has no recommended size; use 1:1, 4:3, 3:2, 16:9 or 21:9 (or their portrait forms such as 9:16), or give size=WIDTHxHEIGHT.', JSON.stringify(ratio)),
        ErrorCodes.aspectRatio,
        fixes,
      );
      sizeBlocked = true;
    } else {
      [width, height] = [recommended.width, recommended.height];
    }
    sizeSpan = aspect ?? quality;
  }

  const expandOption = byKey.get('expand');
  let usePreLlm: unknown;
  if (expandOption) {
    const value = expandOption.value.toLowerCase();
    usePreLlm = value === 'true' ? true : value === 'false' ? false : value === 'auto' ? 'auto' : expandOption.value;
  }
  const seedOption = byKey.get('seed');
  const altOption = byKey.get('alt');
  const alt = altOption ? foldWhiteSpace(altOption.value) : undefined;
  if (altOption && alt === '' && altOption.value !== '') {
    builder.add(altOption, 'error', builder.text('The option {0} needs a value, as in {0}=VALUE.', 'alt'));
  }

  const result = validateInput({ prompt, width, height, seed: seedOption?.value, usePreLlm }, t);
  const spanFor = (field: ValidationField): TextSpan | undefined => {
    switch (field) {
      case 'prompt':
        return promptSpan.end > promptSpan.start ? promptSpan : undefined;
      case 'use_pre_llm':
        return expandOption;
      case 'seed':
        return seedOption;
      default:
        return sizeSpan;
    }
  };
  for (const issue of [...(result.ok ? [] : result.errors), ...result.warnings]) {
    if (issue.field !== 'prompt' && sizeBlocked && issue.field !== 'seed' && issue.field !== 'use_pre_llm') {
      continue;
    }
    const fixes: TextFix[] = [];
    if (issue.field === 'prompt' && promptSpan.end > promptSpan.start) {
      const limit = issue.code === ErrorCodes.promptLength ? PROMPT_MAX_CODE_POINTS : issue.severity === 'warning' ? PROMPT_RECOMMENDED_CODE_POINTS : undefined;
      if (limit !== undefined && codePointLength(prompt) > limit) {
        fixes.push({ title: builder.text('Shorten the prompt to {0} characters', limit), start: promptSpan.start, end: promptSpan.end, newText: shortenPrompt(prompt, limit), preferred: issue.severity === 'error' });
      }
    }
    if (size && (issue.field === 'size' || issue.field === 'width' || issue.field === 'height')) {
      const w = Number(width);
      const h = Number(height);
      if (Number.isFinite(w) && Number.isFinite(h) && w > 0 && h > 0) {
        const near = nearestPreset(w, h);
        fixes.push({ title: builder.text('Use the nearest recommended size {0}×{1}', near.width, near.height), start: size.valueStart, end: size.end, newText: `${near.width}x${near.height}`, preferred: true });
      }
    }
    builder.add(spanFor(issue.field), issue.severity, issue.message, issue.code, fixes);
  }

  const directive: Directive = {
    start,
    end,
    index,
    line: lineOf(text, start),
    raw: text.slice(start, end),
    prompt,
    promptSpan,
    options,
    image: imageAfter(text, end),
    issues: builder.issues,
  };
  if (result.ok && !builder.issues.some((issue) => issue.severity === 'error')) {
    directive.request = {
      prompt: result.request.prompt,
      width: width === undefined ? undefined : result.request.width,
      height: height === undefined ? undefined : result.request.height,
      seed: seedOption ? result.request.seed : undefined,
      usePreLlm: usePreLlm as PromptExpansion | undefined,
    };
    if (alt !== undefined) {
      directive.request.alt = alt;
    }
  }
  return directive;
}

/** Every directive of a document, in order, with its problems and the image it manages. */
export function parseDirectives(text: string, t: Translate = english): Directive[] {
  const fences = fencedSpans(text);
  const directives: Directive[] = [];
  OPENER.lastIndex = 0;
  for (let match = OPENER.exec(text); match; match = OPENER.exec(text)) {
    const start = match.index;
    if (fences.some((span) => start >= span.start && start < span.end) || inInlineCode(text, start)) {
      continue;
    }
    const close = text.indexOf(CLOSER, start + match[0].length);
    if (close < 0) {
      break;
    }
    const end = close + CLOSER.length;
    directives.push(parseOne(text, start, start + match[0].length, end, directives.length, t));
    OPENER.lastIndex = end;
  }
  return directives;
}

export function hasErrors(directive: Directive): boolean {
  return directive.issues.some((issue) => issue.severity === 'error');
}

/** The directive at an offset: in its comment, or on the image line it manages. */
export function directiveAt(directives: readonly Directive[], offset: number): Directive | undefined {
  return directives.find((directive) => (offset >= directive.start && offset <= directive.end) || (directive.image && offset >= directive.image.start && offset <= directive.image.end));
}

/** The same directive after the text changed: same comment text, nearest in position. */
export function findDirectiveAgain(directives: readonly Directive[], previous: Pick<Directive, 'raw' | 'index'>): Directive | undefined {
  const same = directives.filter((directive) => directive.raw === previous.raw);
  if (same.length === 0) {
    return undefined;
  }
  return same.reduce((best, directive) => (Math.abs(directive.index - previous.index) < Math.abs(best.index - previous.index) ? directive : best));
}

/**
 * The edit that puts a new image link for a directive in place: replaces the image it manages, or
 * inserts the link on its own paragraph right after the comment.
 */
export function linkEdit(text: string, directive: Directive, link: string): TextSpan & { newText: string } {
  if (directive.image) {
    return { start: directive.image.start, end: directive.image.end, newText: link };
  }
  return { start: directive.end, end: directive.end, newText: insertionText(link, text, directive.end, 'markdown', true) };
}

/** The size a directive will be generated at, given the default size for directives without one. */
export function directiveSize(request: DirectiveRequest, fallback: { width: number; height: number }): { width: number; height: number } {
  return request.width !== undefined && request.height !== undefined ? { width: request.width, height: request.height } : fallback;
}

export type { Quality };
