/** The `{key=value …}` group of a directive: reading it, writing a value back, and collecting problems. */
import type { DirectiveIssue, DirectiveOption, TextFix, TextSpan } from './directiveTypes';
import type { Translate } from '../base/messages';
import type { DocumentedCode } from '../spec/spec';

/** Collects a directive's problems, with the fixes the core can offer. */
export class DirectiveBuilder {
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

/**
 * `key=value` tokens separated by white space. A value may be quoted, `alt="a fox, at dawn"`, with
 * `\\"` and `\\\\` inside; `value` is then the text between the quotes, unescaped.
 */
export function parseOptions(text: string, base: number, builder: DirectiveBuilder): DirectiveOption[] {
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
