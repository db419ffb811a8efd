/** Scanning a document's text around directives: code blocks, lines, and the image link after a comment. */
import type { ManagedImage, TextSpan } from './directiveTypes';

export const OPTION_GROUP = /\{((?:[^{}"']|"(?:[^"\\]|\\[^])*"|'(?:[^'\\]|\\[^])*')*)\}\s*$/;
export const OPENER = /<!--\s*spark-image\s*:/gi;
export const CLOSER = '-->';

/** Fenced code blocks (``` or ~~~): a directive shown as an example there is not one. */
export function fencedSpans(text: string): TextSpan[] {
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
export function inInlineCode(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return (text.slice(lineStart, offset).match(/`/g)?.length ?? 0) % 2 === 1;
}

export function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
  }
  return line;
}

export function foldWhiteSpace(text: string): string {
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
export function imageAfter(text: string, end: number): ManagedImage | undefined {
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
