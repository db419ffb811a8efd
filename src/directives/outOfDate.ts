import * as vscode from 'vscode';
import { Directive, hasErrors } from '../core/directives/directives';
import { Provenance } from '../core/image/provenance';
import { altEdit, DirectiveDefaults, OutOfDateChange, outOfDateState, wantedImage } from '../core/directives/outOfDate';
import { readSettings } from '../editor/config';
import { directivesOf, imageState, imageUri, readProvenance } from './model';

/** What a directive without options gets in this editor: the settings of its document. */
export function editorDefaults(uri: vscode.Uri): DirectiveDefaults {
  const settings = readSettings(uri);
  return { size: settings.defaultSize, model: settings.model, expansion: settings.promptExpansion };
}

/** A directive's image compared with what the directive asks for now; only for valid directives whose image file exists. */
export type DirectiveOutOfDate = { state: 'current'; provenance: Provenance } | { state: 'outOfDate'; provenance: Provenance; changes: OutOfDateChange[] } | { state: 'unknown' } | { state: 'none' };

export async function outOfDateOf(document: vscode.TextDocument, directive: Directive): Promise<DirectiveOutOfDate> {
  if (hasErrors(directive) || !directive.request || (await imageState(document, directive)) !== 'present') {
    return { state: 'none' };
  }
  const uri = imageUri(document, directive);
  const provenance = uri ? await readProvenance(uri) : undefined;
  const state = outOfDateState(provenance, wantedImage(directive.request, editorDefaults(document.uri)));
  if (!provenance || state.state === 'unknown') {
    return { state: 'unknown' };
  }
  return state.state === 'outOfDate' ? { state: 'outOfDate', provenance, changes: state.changes } : { state: 'current', provenance };
}

/** The directives of a document whose image is out of date. */
export async function outOfDateIn(document: vscode.TextDocument): Promise<Array<{ directive: Directive; changes: OutOfDateChange[] }>> {
  const outOfDate: Array<{ directive: Directive; changes: OutOfDateChange[] }> = [];
  for (const directive of directivesOf(document)) {
    const state = await outOfDateOf(document, directive);
    if (state.state === 'outOfDate') {
      outOfDate.push({ directive, changes: state.changes });
    }
  }
  return outOfDate;
}

/**
 * Gives the links of a document the alt text their directives ask for, in one edit, generating
 * nothing; only the directives whose raw text is listed when `only` is given. Returns how many changed.
 */
export async function fixAltTexts(document: vscode.TextDocument, only?: ReadonlySet<string>): Promise<number> {
  const edits = directivesOf(document)
    .filter((directive) => directive.request && !hasErrors(directive) && (!only || only.has(directive.raw)))
    .map((directive) => altEdit(directive))
    .filter((edit) => edit !== undefined);
  if (edits.length === 0 || document.isClosed) {
    return 0;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
  }
  return (await vscode.workspace.applyEdit(edit)) ? edits.length : 0;
}
