import * as vscode from 'vscode';
import { GenerationOutcome, GenerationService } from '../editor/generation/generationService';
import { selectionTarget } from '../editor/generation/generationTypes';

/** The selection is the prompt; the link goes on a new line after it, and the selection stays. */
export function generateFromSelectionCommand(service: GenerationService) {
  return async (): Promise<GenerationOutcome | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text that describes the image first.'));
      return undefined;
    }
    const prompt = editor.document.getText(editor.selection);
    return service.generate({ prompt, target: selectionTarget(editor) });
  };
}
