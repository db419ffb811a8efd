import * as path from 'path';
import { altTextFromPrompt } from '../../core/links/linkText';
import { DirectiveIssue } from '../../core/directives/directiveTypes';
import { describeCode } from '../../core/spec/errors';
import { changedFields, OutOfDateChange } from '../../core/directives/outOfDate';
import { Found, Survey } from './docsSurvey';
import { CliIo } from '../terminal/io';

export function where(io: CliIo, item: Found): string {
  return `${relative(io, item.file)}:${item.directive.line + 1}`;
}

export function relative(io: CliIo, file: string): string {
  return path.relative(io.cwd, file).replace(/\\/g, '/') || file;
}

export function quoted(text: string): string {
  return `“${altTextFromPrompt(text, 60)}”`;
}

/** A directive's error as plain text prints it: the message, then the seed's 9-digit code when it has one. */
export function issueText(issue: DirectiveIssue): string {
  return issue.code !== undefined && !issue.message.includes(issue.code) ? `${issue.message} [${describeCode(issue.code)}]` : issue.message;
}

/** Every error line of the directives that have errors, `file:line: error: …`. */
export function errorLines(io: CliIo, item: Found): string[] {
  return item.directive.issues.filter((issue) => issue.severity === 'error').map((issue) => `${where(io, item)}: error: ${issueText(issue)}`);
}

function changeLine(change: OutOfDateChange): string {
  if (change.field === 'style') {
    // Templates in full: the difference may be anywhere in them.
    return `    style ${change.style}: “${change.was}” → “${change.now}”`;
  }
  return change.field === 'prompt' ? `    prompt: ${quoted(change.was)} → ${quoted(change.now)}` : `    ${change.field}: ${change.was} → ${change.now}`;
}

/** What `docs --check` prints on stdout: one line per directive that fails the gate (changes indented below), in file and line order. */
export function checkListing(io: CliIo, found: Survey): string[] {
  const entries: Array<{ item: Found; lines: string[] }> = [];
  for (const item of found.missing) {
    entries.push({ item, lines: [`${where(io, item)}: no image for ${quoted(item.directive.prompt)}`] });
  }
  for (const item of found.outOfDate) {
    entries.push({ item, lines: [`${where(io, item)}: out of date (${changedFields(item.changes)}): ${relative(io, item.image)}`, ...item.changes.map(changeLine)] });
  }
  for (const item of found.alt) {
    entries.push({ item, lines: [`${where(io, item)}: alt text to update (the image is up to date): ${quoted(item.was)} → ${quoted(item.now)}`] });
  }
  for (const item of found.invalid) {
    entries.push({ item, lines: errorLines(io, item) });
  }
  entries.sort((a, b) => (a.item.file === b.item.file ? a.item.directive.start - b.item.directive.start : a.item.file < b.item.file ? -1 : 1));
  return entries.flatMap((entry) => entry.lines);
}

/** Notes that never fail the gate: images without provenance. */
export function unknownNotes(io: CliIo, found: Survey): string[] {
  return found.unknown.map((item) => `${where(io, item)}: note: ${relative(io, item.image)} has no provenance; whether it is up to date cannot be told`);
}

export type ItemStatus = 'missing' | 'stale' | 'alt' | 'unknown' | 'invalid';

export interface JsonItem {
  file: string;
  line: number;
  status: ItemStatus;
  prompt: string;
  image?: string;
  changes?: OutOfDateChange[];
  alt?: { was: string; now: string };
  errors?: Array<{ message: string; code?: string }>;
}

/** The survey as `--json` prints it: every directive that is not plainly fine, in a stable order. */
export function jsonItems(io: CliIo, found: Survey, include: { outOfDate: boolean }): JsonItem[] {
  const base = (item: Found, status: ItemStatus): JsonItem => {
    const json: JsonItem = { file: relative(io, item.file), line: item.directive.line + 1, status, prompt: item.directive.prompt };
    if (item.directive.image) {
      json.image = item.directive.image.path;
    }
    return json;
  };
  const items: JsonItem[] = [...found.missing.map((item) => base(item, 'missing'))];
  if (include.outOfDate) {
    items.push(...found.outOfDate.map((item) => ({ ...base(item, 'stale'), changes: item.changes })));
    items.push(...found.alt.map((item) => ({ ...base(item, 'alt'), alt: { was: item.was, now: item.now } })));
    items.push(...found.unknown.map((item) => base(item, 'unknown')));
  }
  items.push(
    ...found.invalid.map((item) => ({
      ...base(item, 'invalid'),
      errors: item.directive.issues.filter((issue) => issue.severity === 'error').map((issue) => (issue.code ? { message: issue.message, code: issue.code } : { message: issue.message })),
    })),
  );
  return items.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
