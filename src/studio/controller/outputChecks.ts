/**
 * The save controls' host-side rules, pure (the unit tests run them in Node): what is configured for
 * the target, and the host's own check of what the page sent, which it never trusts.
 */
import type { HouseStyles } from '../../core/directives/directiveStyle';
import type { OutputOptions } from '../../core/output/outputPlan';
import { outputChoiceIssues, type OutputChoice } from '../../core/output/outputChoice';

type Translate = (message: string, ...args: Array<string | number>) => string;

/** What is configured for the target, field by field (the file's output first); empty: png as sent. */
export function configuredOutput(styles: HouseStyles | undefined, settings: OutputOptions): OutputChoice {
  const file = styles?.reading.config?.output ?? {};
  const choice: OutputChoice = {};
  const format = file.format ?? settings.format;
  const maxWidth = file.maxWidth ?? settings.maxWidth;
  const quality = file.quality ?? settings.quality;
  return Object.assign(choice, format !== undefined && { format }, maxWidth !== undefined && { maxWidth }, quality !== undefined && { quality });
}

/** A refusal of the save controls: shown in the page with the rule and the value, nothing sent. */
export class OutputRefusal extends Error {
  readonly kind = 'validation';
}

/** The host's check of the controls (the page checked already): a broken rule throws before anything is sent. */
export function checkedChoice(choice: OutputChoice | undefined, t: Translate): OutputChoice | undefined {
  const issues = choice ? outputChoiceIssues(choice, t) : [];
  if (issues.length > 0) {
    throw new OutputRefusal(`${issues.map((issue) => issue.message).join(' ')} ${t('Nothing was sent.')}`);
  }
  return choice;
}

