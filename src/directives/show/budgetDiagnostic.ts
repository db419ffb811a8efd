import * as vscode from 'vscode';
import type { Directive } from '../../core/directives/directives';
import { nearestConfigOf } from '../../editor/output/editorOutputPlan';
import { imageUri } from '../model';
import { directiveOutput } from '../run/lazyDirectiveOutput';

/** A directive's image over its spark-image.json's `budget.maxBytes` (the gate docs --check enforces): the message naming its weight and the budget. */
export async function overBudget(document: vscode.TextDocument, directive: Directive): Promise<{ message: string } | undefined> {
  const uri = imageUri(document, directive);
  const nearest = uri && (await nearestConfigOf(document));
  const budget = nearest?.config.budget.maxBytes;
  if (!uri || !nearest || budget === undefined) {
    return undefined;
  }
  const bytes = await Promise.resolve(vscode.workspace.fs.stat(uri)).then((stat) => stat.size, () => undefined);
  // The message and the rule are in the lazy bundle: only a document under a budget loads it.
  const lazy = directiveOutput();
  return bytes !== undefined && lazy.isOverBudget(bytes, budget) ? { message: lazy.budgetMessage(bytes, budget, nearest.file) } : undefined;
}
