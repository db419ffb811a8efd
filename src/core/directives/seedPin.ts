/**
 * Pinning a seed into a directive (Try Variations: the picked variation's seed), so that its image can
 * be made again and the out-of-date check finds it up to date: `seed=N` replaced when the directive
 * has one, else added to its option group, else a group `{seed=N}` is added after the prompt.
 */
import type { Directive, TextSpan } from './directiveTypes';

export interface TextEdit extends TextSpan {
  newText: string;
}

/** The one edit that makes `directive` (parsed from `text`) ask for `seed`. */
export function seedPinEdit(text: string, directive: Pick<Directive, 'options' | 'promptSpan' | 'end'>, seed: number): TextEdit {
  const value = String(seed);
  const existing = directive.options.find((option) => option.key === 'seed');
  if (existing) {
    return { start: existing.valueStart, end: existing.end, newText: value };
  }
  const last = directive.options[directive.options.length - 1];
  if (last) {
    return { start: last.end, end: last.end, newText: ` seed=${value}` };
  }
  // An empty group `{ }` after the prompt takes it; a second group would make the first part of the prompt.
  const empty = /^(\s*)\{(\s*)\}/.exec(text.slice(directive.promptSpan.end, directive.end));
  if (empty) {
    const at = directive.promptSpan.end + empty[1].length + 1;
    return { start: at, end: at + empty[2].length, newText: `seed=${value}` };
  }
  return { start: directive.promptSpan.end, end: directive.promptSpan.end, newText: ` {seed=${value}}` };
}

/** `text` with one edit applied (for the CLI, tests and previews). */
export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
