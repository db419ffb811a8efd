import * as vscode from 'vscode';
import { withSource } from '../editor/l10n';
import { Directive, directiveAt, findDirectiveAgain, hasErrors } from '../core/directives/directives';
import { isCancellation } from '../core/spec/errors';
import { GenerationOutcome } from '../editor/generation/generationService';
import { fixAltTexts } from './outOfDate';
import { DIRECTIVE_GLOB, EXCLUDE_GLOB } from './ids';
import { DirectiveItem, DirectiveRef, directivesOf, isDirectiveDocument } from './model';
import { DirectiveBatches } from './run/batchRunner';
import { BatchSummary } from './run/batchSummary';
import { missingIn } from './run/missing';
import { DirectiveRunner } from './run/runner';
import { RunningDirectives } from './run/running';
import { Size } from '../core/spec/sizeChoices';
import { LensAction, RunMode, SHOW_CHANGES } from './run/seedMode';

/** Optional arguments of the batch commands: a document other than the active one; `confirm: false` skips the question. */
export interface BatchArgs {
  uri?: vscode.Uri;
  confirm?: boolean;
}

/** The document a batch command is for (its argument, else the active editor's); undefined, and said, when it holds no directives. */
export async function directiveDocumentOf(args: BatchArgs): Promise<vscode.TextDocument | undefined> {
  const document = args.uri ? await vscode.workspace.openTextDocument(args.uri) : vscode.window.activeTextEditor?.document;
  if (!document || !isDirectiveDocument(document)) {
    void vscode.window.showInformationMessage(withSource(vscode.l10n.t('Open a Markdown document with <!-- spark-image: … --> comments first.')));
    return undefined;
  }
  return document;
}

export function batchArgs(value: unknown): BatchArgs {
  if (value instanceof vscode.Uri) {
    return { uri: value };
  }
  if (value === null || typeof value !== 'object') {
    return {};
  }
  const raw = value as Record<string, unknown>;
  return {
    uri: raw.uri instanceof vscode.Uri ? raw.uri : typeof raw.uri === 'string' ? vscode.Uri.parse(raw.uri) : undefined,
    confirm: raw.confirm === false ? false : undefined,
  };
}

function showRunError(error: unknown): void {
  if (!isCancellation(error)) {
    void vscode.window.showErrorMessage(withSource(error instanceof Error ? error.message : String(error)));
  }
}

/** New links are written with the prompt as alt text; a directive's own alt="…" goes on them right after. */
async function applyAltTexts(items: readonly DirectiveItem[]): Promise<void> {
  for (const document of new Set(items.map((item) => item.document))) {
    await fixAltTexts(document, new Set(items.filter((item) => item.document === document && item.directive.request?.alt !== undefined).map((item) => item.directive.raw)));
  }
}

async function runItem(runner: DirectiveRunner, item: DirectiveItem, mode: RunMode, size?: Size): Promise<GenerationOutcome | undefined> {
  try {
    const outcome = await runner.run(item, mode, { size });
    if (outcome) {
      await applyAltTexts([item]);
    }
    return outcome;
  } catch (error) {
    showRunError(error);
    return undefined;
  }
}

/** Generate Image from Comment: the directive at the cursor. */
export function generateFromCommentCommand(runner: DirectiveRunner) {
  return async (): Promise<GenerationOutcome | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const directive = editor && directiveAt(directivesOf(editor.document), editor.document.offsetAt(editor.selection.active));
    if (!editor || !directive) {
      void vscode.window.showInformationMessage(withSource(vscode.l10n.t('Put the cursor on a <!-- spark-image: … --> comment first.')));
      return undefined;
    }
    if (hasErrors(directive)) {
      void vscode.window.showErrorMessage(withSource(directive.issues.find((issue) => issue.severity === 'error')?.message ?? ''));
      return undefined;
    }
    return runItem(runner, { document: editor.document, directive }, 'generate');
  };
}

/** The "Out of date" label: the hover with the old → new values, at the directive; nothing is sent. */
async function showChanges(document: vscode.TextDocument, directive: Directive): Promise<undefined> {
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
  const at = document.positionAt(directive.start);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  await vscode.commands.executeCommand('editor.action.showHover');
  return undefined;
}

/**
 * CodeLens: Generate / Regenerate / Same Seed for one directive, or the "Out of date" label's change.
 * Same Seed asks for its size unless a script passes one (`{ width, height }`).
 */
export function runDirectiveCommand(runner: DirectiveRunner) {
  return async (ref: DirectiveRef, mode: LensAction = 'generate', size?: Size): Promise<GenerationOutcome | undefined> => {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === ref?.uri);
    const directive = document && findDirectiveAgain(directivesOf(document), ref);
    if (!document || !directive) {
      void vscode.window.showWarningMessage(withSource(vscode.l10n.t('The directive has changed; try again.')));
      return undefined;
    }
    return mode === SHOW_CHANGES ? showChanges(document, directive) : runItem(runner, { document, directive }, mode, size);
  };
}

export function cancelDirectiveCommand(running: RunningDirectives) {
  return (ref: DirectiveRef): boolean => running.cancel(ref);
}

/** Generate All Missing Images in Document. */
export function generateAllInDocumentCommand(batches: DirectiveBatches) {
  return async (rawArgs?: unknown): Promise<BatchSummary | undefined> => {
    const args = batchArgs(rawArgs);
    const document = await directiveDocumentOf(args);
    if (!document) {
      return undefined;
    }
    const { missing, invalid } = await missingIn(document);
    const summary = await batches.run(vscode.workspace.asRelativePath(document.uri), missing, invalid, args.confirm !== false);
    await applyAltTexts(missing);
    return summary;
  };
}

/** Generate All Missing Images in Workspace: every Markdown file; files that were saved are saved again. */
export function generateAllInWorkspaceCommand(batches: DirectiveBatches) {
  return async (rawArgs?: unknown): Promise<BatchSummary | undefined> => {
    const args = batchArgs(rawArgs);
    const files = await vscode.workspace.findFiles(DIRECTIVE_GLOB, EXCLUDE_GLOB);
    const missing: DirectiveItem[] = [];
    const invalid: DirectiveItem[] = [];
    const wasClean = new Set<string>();
    for (const uri of files) {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      if (!/spark-image\s*:/i.test(text)) {
        continue;
      }
      const document = await vscode.workspace.openTextDocument(uri);
      const found = await missingIn(document);
      if (found.missing.length > 0 && !document.isDirty) {
        wasClean.add(document.uri.toString());
      }
      missing.push(...found.missing);
      invalid.push(...found.invalid);
    }
    const summary = await batches.run(vscode.l10n.t('the workspace'), missing, invalid, args.confirm !== false);
    await applyAltTexts(missing);
    // Links landed in documents the user may never have opened: save those that had no unsaved changes.
    for (const document of vscode.workspace.textDocuments) {
      if (wasClean.has(document.uri.toString()) && document.isDirty) {
        await document.save();
      }
    }
    return summary;
  };
}
