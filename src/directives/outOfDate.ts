import * as vscode from 'vscode';
import { Directive, hasErrors } from '../core/directives/directives';
import { Provenance } from '../core/image/provenance';
import { altEdit, DirectiveDefaults, OutOfDateChange, outOfDateState, wantedImage } from '../core/directives/outOfDate';
import { isAsSent, OutputOptions } from '../core/output/outputPlan';
import type { OutputOutOfDate } from '../core/output/outputTransform';
import { outputPlanFor } from '../editor/output/editorOutputPlan';
import { directiveOutput } from './run/lazyDirectiveOutput';
import { readSettings } from '../editor/config';
import { directivesOf, imageState, imageUri, readProvenance } from './model';

/** What a directive without options gets in this editor: the settings of its document. */
export function editorDefaults(uri: vscode.Uri): DirectiveDefaults {
  const settings = readSettings(uri);
  return { size: settings.defaultSize, model: settings.model, expansion: settings.promptExpansion };
}

/**
 * A directive's image compared with what the directive asks for now; only for valid directives whose
 * image file exists. `output`: the request still matches, only the format, width or quality differs
 * from what the directive (else spark-image.json, else the settings) asks for: re-encoded, never paid.
 */
export type DirectiveOutOfDate =
  | { state: 'current'; provenance: Provenance }
  | { state: 'outOfDate'; provenance: Provenance; changes: OutOfDateChange[] }
  | OutputOutOfDate
  | { state: 'unknown' }
  | { state: 'none' };

/** Out of date: output, or undefined. Nothing asking for an output (png at full width): whatever the image was saved as stands. */
async function outputState(document: vscode.TextDocument, uri: vscode.Uri, provenance: Provenance, asked: OutputOptions | undefined): Promise<OutputOutOfDate | undefined> {
  const plan = await outputPlanFor(document.uri, vscode.workspace.getWorkspaceFolder(document.uri), asked);
  // Compared in the lazily loaded bundle: only documents that ask for an output load it.
  return isAsSent(plan) ? undefined : directiveOutput().outputStateOf(provenance, uri.path, plan);
}

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
  if (state.state === 'outOfDate') {
    return { state: 'outOfDate', provenance, changes: state.changes };
  }
  return (uri && (await outputState(document, uri, provenance, directive.request.output))) || { state: 'current', provenance };
}

export type StaleImage = { directive: Directive; state: Extract<DirectiveOutOfDate, { state: 'outOfDate' | 'output' }> };

/** The directives of a document whose image is out of date, by its request or only by its output. */
export async function outOfDateIn(document: vscode.TextDocument): Promise<StaleImage[]> {
  const outOfDate: StaleImage[] = [];
  for (const directive of directivesOf(document)) {
    const state = await outOfDateOf(document, directive);
    if (state.state === 'outOfDate' || state.state === 'output') {
      outOfDate.push({ directive, state });
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
