import * as vscode from 'vscode';
import { codePointLength } from '../core/base/text';
import { PROMPT_MAX_CODE_POINTS } from '../core/spec/spec';
import { validatePrompt } from '../core/spec/validation';
import { CommandIds } from '../editor/commandIds';
import { GenerationOutcome, GenerationService } from '../editor/generation/generationService';
import { selectionTarget } from '../editor/generation/generationTypes';
import { translate } from '../editor/l10n';
import { specWithDefaultStyle } from '../editor/styles/defaultStyle';

/**
 * A selection longer than a prompt may be is not a dead end: the person edits it in the studio, or
 * sends its first 800 characters (their choice; nothing is sent before it).
 */
async function promptWithinLimit(selected: string): Promise<string | undefined> {
  const prompt = selected.trim();
  if (codePointLength(prompt) <= PROMPT_MAX_CODE_POINTS) {
    return selected;
  }
  const problem = validatePrompt(prompt, translate).find((issue) => issue.severity === 'error');
  const edit = vscode.l10n.t('Edit in Image Studio');
  const cut = vscode.l10n.t('Use the first {0} characters', PROMPT_MAX_CODE_POINTS);
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Spark Image: {0}', problem?.message ?? ''), edit, cut);
  if (choice === edit) {
    await vscode.commands.executeCommand(CommandIds.openStudio, prompt);
    return undefined;
  }
  // Code points, not UTF-16 units: an emoji is never cut in half.
  return choice === cut ? [...prompt].slice(0, PROMPT_MAX_CODE_POINTS).join('').trim() : undefined;
}

/** The selection is the prompt; the link goes on a new line after it, and the selection stays. */
export function generateFromSelectionCommand(service: GenerationService) {
  return async (): Promise<GenerationOutcome | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Spark Image: Select the text that describes the image first.'));
      return undefined;
    }
    const target = selectionTarget(editor);
    const prompt = await promptWithinLimit(editor.document.getText(editor.selection));
    // The palette uses the document's default house style (spark-image.json).
    const spec = prompt === undefined ? undefined : await specWithDefaultStyle(editor.document, { prompt, target });
    return spec && service.generate(spec);
  };
}
