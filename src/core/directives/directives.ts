/**
 * Illustrations as code: `<!-- spark-image: PROMPT {size=1664x936 seed=42 expand=false} -->` comments
 * in a document, each managing the image link on the next non-blank line. Pure: text in, directives
 * (with offsets, problems and fixes) out; the editor and the CLI share it. What the options ask for
 * is read in directiveRequest.ts; where a directive's link goes, in directiveLinks.ts.
 */
import { english, Translate } from '../base/messages';
import { DirectiveBuilder, parseOptions } from './directiveOptions';
import { readRequest } from './directiveRequest';
import { CLOSER, fencedSpans, foldWhiteSpace, imageAfter, inInlineCode, lineOf, OPENER, OPTION_GROUP } from './directiveText';
import { DIRECTIVE_KEYS } from './directiveTypes';
import type { Directive, DirectiveKey, DirectiveOption } from './directiveTypes';

export * from './directiveTypes';

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
      builder.add(option, 'error', builder.text('Unknown option {0}: write key=value with one of size, seed, expand, aspect, quality, alt, style, format, max-width, encode-quality.', JSON.stringify(option.key)));
    } else if (byKey.has(option.key as DirectiveKey)) {
      builder.add(option, 'error', builder.text('The option {0} is given more than once.', option.key));
    } else {
      byKey.set(option.key as DirectiveKey, option);
    }
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
  const request = readRequest(byKey, prompt, promptSpan, builder, t);
  if (request) {
    directive.request = request;
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
