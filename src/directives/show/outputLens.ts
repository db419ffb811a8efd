/**
 * What the lens, the diagnostics, the hover and the batch question say of an image out of date
 * only by its output, and of an image over the weight budget. Part of the lazily loaded
 * dist/directiveOutput.js (loaded when a directive asks for an output or a budget applies).
 */
import * as vscode from 'vscode';
import { weightText } from '../../core/output/weightBudget';
import type { CacheSpec } from '../../editor/output/outputBundle';
import { DirectiveCommandIds } from '../ids';
import type { DirectiveRef } from '../model';
import type { OutputOutOfDate } from '../../core/output/outputTransform';
import { reencodeSourceNow } from '../run/reencode';
import { SHOW_CHANGES } from '../run/seedMode';

/** "output (webp 1200 px q82 → webp 800 px q82)". */
export function outputChangeLabel(state: OutputOutOfDate): string {
  return vscode.l10n.t('output ({0} → {1})', state.change.was, state.change.now);
}

/** The change, and Regenerate, which re-encodes without a request when it can (the estimate shows only when it cannot). */
export function outputLenses(range: vscode.Range, ref: DirectiveRef, state: OutputOutOfDate, estimate: string, cache: CacheSpec | undefined): vscode.CodeLens[] {
  const free = reencodeSourceNow(state, cache) !== undefined;
  return [
    new vscode.CodeLens(range, { title: `$(warning) ${vscode.l10n.t('Out of date: {0}', outputChangeLabel(state))}`, command: DirectiveCommandIds.run, arguments: [ref, SHOW_CHANGES], tooltip: `${state.change.was} → ${state.change.now}` }),
    new vscode.CodeLens(range, {
      title: `$(refresh) ${vscode.l10n.t('Regenerate')}${free ? ` (${vscode.l10n.t('re-encode, no request')})` : estimate}`,
      command: DirectiveCommandIds.run,
      arguments: [ref, 'reencode'],
      tooltip: free ? vscode.l10n.t('Re-encode the image at the output asked for now, without a request') : vscode.l10n.t('No original is kept and the new output is larger than the file: asks before regenerating with the same seed'),
    }),
  ];
}

export function outputDiagnosticMessage(state: OutputOutOfDate): string {
  return vscode.l10n.t('The image is out of date: {0}. Regenerate re-encodes it without a request when its original is kept or the new output is no larger.', outputChangeLabel(state));
}

/** "The image is 412 KB, over the 300 KB budget (…)": its weight and the budget, as docs --check lists them. */
export function budgetMessage(bytes: number, budget: number, file: string): string {
  return vscode.l10n.t(
    'The image is {0}, over the {1} budget ({2} bytes; budget.maxBytes {3} in {4}). Re-encode it at the configured output (format, output.maxWidth, output.quality) to make it lighter.',
    weightText(bytes),
    weightText(budget),
    bytes.toLocaleString('en-US'),
    budget.toLocaleString('en-US'),
    file,
  );
}

export function reencodeFixTitle(overBudget: boolean): string {
  return overBudget ? vscode.l10n.t('Re-encode the image at the configured output (no request)') : vscode.l10n.t('Re-encode the image at the output asked for (no request)');
}

/** The hover's "Out of date" for an output change, and the words on its Regenerate link. */
export function appendOutputChange(markdown: vscode.MarkdownString, state: OutputOutOfDate, cache: CacheSpec | undefined): string | undefined {
  markdown.appendMarkdown(`**${vscode.l10n.t('Out of date')}:**  \n${vscode.l10n.t('Output')}: `);
  markdown.appendText(vscode.l10n.t('{0} (image) → {1} (directive)', state.change.was, state.change.now));
  markdown.appendMarkdown('\n\n');
  return reencodeSourceNow(state, cache) ? vscode.l10n.t('re-encode, no request') : undefined;
}

/** A line of the batch question: what Regenerate All does to it, and whether it is paid. */
export function plannedOutput(state: OutputOutOfDate, cache: CacheSpec | undefined): { fields: string; free: boolean } {
  const source = reencodeSourceNow(state, cache);
  const how = source === 'cache' ? vscode.l10n.t('re-encoded from the kept original, no request') : source ? vscode.l10n.t('re-encoded from the committed file, no request') : vscode.l10n.t('no original kept and larger than the file: regenerated with the same seed, paid');
  return { fields: `${outputChangeLabel(state)}: ${how}`, free: source !== undefined };
}
