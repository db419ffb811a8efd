/**
 * The palette commands' house style: the default style of the document's spark-image.json (they
 * name none). A default that names no style in the file refuses the command, nothing sent; a file
 * that cannot be read is shown on the file and leaves the prompt as it is.
 */
import * as vscode from 'vscode';
import type { GenerationSpec } from '../generation/generationTypes';
import { houseStyles } from './houseStyles';
import { styleReader } from './lazyStyles';
import { withSource } from '../l10n';

/** The spec with the default style applied; a refusal is shown (nothing sent) and gives undefined; without a document or a file, the spec as it is. */
export async function specWithDefaultStyle(document: vscode.TextDocument | undefined, spec: GenerationSpec): Promise<GenerationSpec | undefined> {
  const state = document && (await houseStyles()?.ready(document));
  if (!state?.loaded || !state.styles) {
    return spec;
  }
  try {
    return styleReader().withDefaultStyle(spec, state.styles);
  } catch (error) {
    void vscode.window.showErrorMessage(withSource(error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}
