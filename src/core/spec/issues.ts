import { describeCode } from './errors';
import type { Translate } from '../base/messages';
import type { DocumentedCode } from './spec';

export type ValidationField = 'prompt' | 'use_pre_llm' | 'seed' | 'size' | 'width' | 'height';

export interface ValidationIssue {
  field: ValidationField;
  /** The seed's 9-digit code; absent for warnings that have none. */
  code?: DocumentedCode;
  severity: 'error' | 'warning';
  /** Localized text naming the rule and the actual value, ending with the code and its meaning. */
  message: string;
}

/** What the rules found, error by error, each message ending with its 9-digit code and meaning. */
export class IssueCollector {
  readonly errors: ValidationIssue[] = [];
  readonly warnings: ValidationIssue[] = [];
  constructor(private readonly t: Translate) {}

  error(field: ValidationField, code: DocumentedCode, message: string, ...args: Array<string | number>): void {
    this.errors.push({ field, code, severity: 'error', message: `${this.t(message, ...args)} [${describeCode(code, this.t)}]` });
  }

  /** "width" / "height" in the reader's language. */
  fieldName(field: 'width' | 'height'): string {
    return field === 'width' ? this.t('width') : this.t('height');
  }

  warning(field: ValidationField, message: string, ...args: Array<string | number>): void {
    this.warnings.push({ field, severity: 'warning', message: this.t(message, ...args) });
  }
}

/** A value as a message shows it: strings quoted and shortened, nothing as "nothing". */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    const shortened = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    return JSON.stringify(shortened);
  }
  if (value === undefined) {
    return 'nothing';
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Integers only: 12, "12" and 12.0 are fine; 12.5, "12px", true are not. */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    return Number(value);
  }
  return undefined;
}

