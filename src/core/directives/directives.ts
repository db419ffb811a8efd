/**
 * Illustrations as code: `<!-- spark-image: PROMPT {size=1664x936 seed=42 expand=false} -->` comments
 * in a document, each managing the image link on the next non-blank line. Pure: text in, directives
 * (with offsets, problems and fixes) out; the editor and the CLI share it.
 */
import { insertionText } from '../links/insertion';
import { english, Translate } from '../base/messages';
import { ErrorCodes, presetForAspect, PROMPT_MAX_CODE_POINTS, PROMPT_RECOMMENDED_CODE_POINTS, Quality, SIZE_PRESETS } from '../spec/spec';
import { parseSizeText } from '../spec/sizeText';
import { codePointLength, PromptExpansion, validateInput, ValidationField } from '../spec/validation';
import { DirectiveBuilder, parseOptions } from './directiveOptions';
import { CLOSER, fencedSpans, foldWhiteSpace, imageAfter, inInlineCode, lineOf, OPENER, OPTION_GROUP } from './directiveText';
import { DIRECTIVE_KEYS } from './directiveTypes';
import type { Directive, DirectiveKey, DirectiveOption, DirectiveRequest, TextFix, TextSpan } from './directiveTypes';

export * from './directiveTypes';
export { quoteOptionValue } from './directiveOptions';


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
export { estimateCostUsd, formatUsd } from '../spend/pricing';

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
    const pair = parseSizeText(size.value);
    if (pair) {
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
