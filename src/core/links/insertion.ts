/**
 * Where a link goes and with which line breaks. Pure: the editor feeds it document text and
 * content changes, so placeholders follow edits and survive a reload.
 */
import { LinkSyntax } from './linkText';

export interface TextChange {
  /** Offset of the replaced range in the text before this change. */
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * Moves an insertion point through one batch of edits (as VS Code reports them: each change relative
 * to the text before the batch). Text typed exactly at the point goes after it, so the image lands
 * where the command was run; a point inside a replaced range moves to the end of the replacement.
 */
export function shiftOffset(offset: number, changes: readonly TextChange[]): number {
  let result = offset;
  for (const change of [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
    const end = change.rangeOffset + change.rangeLength;
    if (end <= offset && !(change.rangeLength === 0 && change.rangeOffset === offset)) {
      result += change.text.length - change.rangeLength;
    } else if (change.rangeOffset < offset && end > offset) {
      result = result - (offset - change.rangeOffset) + change.text.length;
    }
  }
  return result;
}

/** Syntaxes whose image is a block that must stand on its own lines. */
export function isBlockSyntax(syntax: LinkSyntax): boolean {
  return syntax === 'restructuredtext' || syntax === 'asciidoc' || syntax === 'latex';
}

/**
 * The text to insert at `offset`. Inline syntaxes go right there; block syntaxes, and links placed
 * after a selection (`ownParagraph`), get a blank line before and after unless one is already there.
 */
export function insertionText(link: string, text: string, offset: number, syntax: LinkSyntax, ownParagraph = false): string {
  if (!ownParagraph && !isBlockSyntax(syntax)) {
    return link;
  }
  const before = text.slice(0, offset);
  if (!isBlockSyntax(syntax)) {
    // Inside a list item the link keeps to the item's column, or it would end the list there.
    link = continuationIndent(before) + link;
  }
  const after = text.slice(offset);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let prefix = '';
  if (before.length > 0 && !/\n\s*\n$/.test(before)) {
    prefix = before.endsWith('\n') ? eol : eol + eol;
  }
  let suffix = '';
  if (after.trim().length > 0 && !/^\r?\n\s*\r?\n/.test(after)) {
    suffix = /^\r?\n/.test(after) ? eol : eol + eol;
  }
  return prefix + link + suffix;
}

/** How far back to look for the list item a line belongs to. */
const LIST_LOOKBACK_LINES = 200;

/**
 * The indentation a markdown block needs to stay in the list item that the last line of `before`
 * belongs to (the item's content column); '' outside lists. Walks up over the item's lines.
 */
function continuationIndent(before: string): string {
  const lines = before.split('\n');
  const currentIndent = /^[ \t]*/.exec(lines[lines.length - 1])?.[0].length ?? 0;
  for (let index = lines.length - 1; index >= 0 && index >= lines.length - LIST_LOOKBACK_LINES; index--) {
    const line = lines[index].replace(/\r$/, '');
    if (line.trim() === '') {
      continue;
    }
    const marker = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\S)/.exec(line);
    if (marker) {
      return index === lines.length - 1 || currentIndent >= marker[0].length ? ' '.repeat(marker[0].length) : '';
    }
    if (!/^[ \t]/.test(line)) {
      return '';
    }
  }
  return '';
}

/** The offset at the end of the line on which `offset` lies (before its line break). */
export function endOfLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) {
    return text.length;
  }
  return newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * A remembered insertion point that can be found again after a reload: the offset, plus the text of
 * the line before it so that edits made while the window was gone do not misplace the link.
 */
export interface InsertionAnchor {
  offset: number;
  lineText: string;
}

export function anchorAt(text: string, offset: number): InsertionAnchor {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return { offset, lineText: text.slice(start, offset) };
}

export function findAnchor(text: string, anchor: InsertionAnchor): number | undefined {
  const start = Math.max(0, anchor.offset - anchor.lineText.length);
  if (text.slice(start, anchor.offset) === anchor.lineText && anchor.offset <= text.length) {
    return anchor.offset;
  }
  if (anchor.lineText.trim() === '') {
    return undefined;
  }
  const found = text.indexOf(anchor.lineText);
  return found < 0 || text.indexOf(anchor.lineText, found + 1) >= 0 ? undefined : found + anchor.lineText.length;
}
