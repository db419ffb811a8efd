/**
 * Prompt expansion, the one place its spellings meet: the choice the core reads (`true | false | 'auto'`,
 * also settings and directives), the studio's `'on' | 'off' | 'auto'`, and the `use_pre_llm` boolean a
 * task was sent with (kept as `usePreLlm` in provenance and pending tasks). Stored values never change here.
 */
import { PROMPT_RECOMMENDED_CODE_POINTS } from './spec';

/** Prompt expansion: the seed's `use_pre_llm`, plus `auto` (on for short prompts, off for long ones). */
export type PromptExpansion = boolean | 'auto';

/** What is sent as `use_pre_llm`: auto is on up to the recommended prompt length, off beyond it. */
export function resolveExpansion(expansion: PromptExpansion, promptCodePoints: number): boolean {
  return expansion === 'auto' ? promptCodePoints <= PROMPT_RECOMMENDED_CODE_POINTS : expansion;
}

/** The studio's spelling (its radio buttons, in this order, and its history rows). */
export const EXPANSION_CHOICES = ['auto', 'on', 'off'] as const;
export type ExpansionChoice = (typeof EXPANSION_CHOICES)[number];

export function isExpansionChoice(value: unknown): value is ExpansionChoice {
  return (EXPANSION_CHOICES as readonly unknown[]).includes(value);
}

/** `sparkImage.promptExpansion` as stored: true/false, "on"/"off" or "true"/"false"; anything else is auto. */
export function expansionFromSetting(value: unknown): PromptExpansion {
  if (value === true || value === 'on' || value === 'true') {
    return true;
  }
  if (value === false || value === 'off' || value === 'false') {
    return false;
  }
  return 'auto';
}

/** The studio's choice as the core reads it. */
export function expansionOfChoice(choice: ExpansionChoice): PromptExpansion {
  return choice === 'auto' ? 'auto' : choice === 'on';
}

/** How the studio shows an expansion; a task's `use_pre_llm` (a boolean) shows as on or off. */
export function choiceOfExpansion(value: boolean): 'on' | 'off';
export function choiceOfExpansion(value: PromptExpansion): ExpansionChoice;
export function choiceOfExpansion(value: PromptExpansion): ExpansionChoice {
  return value === 'auto' ? 'auto' : value ? 'on' : 'off';
}
