import * as vscode from 'vscode';
import { findDirectiveAgain, hasErrors, type Directive } from '../core/directives/directives';
import { linkEdit } from '../core/directives/directiveLinks';
import { seedPinEdit } from '../core/directives/seedPin';
import type { GeneratedImage } from '../core/job/ports';
import { choiceOfExpansion } from '../core/spec/expansion';
import { RANDOM_SEED } from '../core/spec/spec';
import { CommandIds } from '../editor/commandIds';
import { readSettings } from '../editor/config';
import { askWhereToSave } from '../editor/connection';
import type { GenerationService } from '../editor/generation/generationService';
import { pendingTargetFor } from '../editor/generation/generationTypes';
import { withSource } from '../editor/l10n';
import { linkFor } from '../editor/links/linkInserter';
import type { Logger } from '../core/base/logger';
import { WorkspaceImageSink } from '../editor/saving/workspaceImageSink';
import { outputPlanFor } from '../editor/output/editorOutputPlan';
import { syntaxForLanguage } from '../core/links/linkText';
import { directivesOf, directivesReady, type DirectiveRef } from './model';

/**
 * Try Variations… (a directive's CodeLens): the Image Studio opens bound to the directive, its request
 * in the form (prompt, size, seed, style, expansion). The studio runs the variations; the one picked
 * with Use this comes back here, where it is saved and linked as the directive's own run does it, and
 * its seed is pinned into the directive, so the out-of-date check finds it up to date and
 * `docs --check` / `docs --update` make that image again. The binding is the command's argument: the
 * studio checks its shape as it checks a message (front ends never import each other).
 */
export interface VariationBinding {
  kind: 'sparkImage.variationBinding';
  /** "guide.md:12", shown in the studio. */
  label: string;
  prompt: string;
  width: number;
  height: number;
  /** -1: random seeds; else the variations are seed, seed+1, … */
  seed: number;
  expansion: ReturnType<typeof choiceOfExpansion>;
  /** The house style the directive is sent with (spark-image.json), if any. */
  styled?: NonNullable<Directive['request']>['styled'];
  /** Use this: the picked variation. Resolves to where it was saved, undefined when it could not be placed. */
  use(image: GeneratedImage): Promise<vscode.Uri | undefined>;
}

/** The directive's image saved where its own run saves it, its link put in its link place and its seed pinned, in one edit. */
async function useVariation(service: GenerationService, document: vscode.TextDocument, ref: DirectiveRef, image: GeneratedImage, logger: Logger): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || document.isClosed) {
    return undefined;
  }
  const sink = new WorkspaceImageSink({ folder, settings: readSettings(document.uri), logger, askDestination: (one) => askWhereToSave(folder, one) });
  const syntax = syntaxForLanguage(document.languageId);
  // Saved as the directive's own run saves it: its format=, max-width=, encode-quality= (else the file's, else the settings').
  const output = await outputPlanFor(document.uri, folder, findDirectiveAgain(directivesOf(document), ref)?.request?.output);
  // Named as the directive's own run names it: the document's destination and file name templates.
  const saved = await sink.save(image, pendingTargetFor({ document, offset: 0, ownParagraph: true, output }, undefined));
  const seed = image.provenance.seed;
  const placed = await service.editLinks(document.uri, 'try variations', async () => {
    const directive = findDirectiveAgain(directivesOf(document), ref);
    if (!directive || document.isClosed) {
      return 'gone';
    }
    const text = document.getText();
    const alt = directive.request?.alt ?? image.provenance.userPrompt ?? image.provenance.prompt;
    const link = linkEdit(text, directive, linkFor({ documentUri: document.uri, imageUri: saved.location, prompt: alt, width: image.provenance.width, height: image.provenance.height, syntax }));
    const pin = seedPinEdit(text, directive, seed);
    const edit = new vscode.WorkspaceEdit();
    for (const one of [pin, link]) {
      edit.replace(document.uri, new vscode.Range(document.positionAt(one.start), document.positionAt(one.end)), one.newText);
    }
    return (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'refused';
  });
  if (!placed) {
    void vscode.window.showWarningMessage(withSource(vscode.l10n.t('The directive has changed; the image was saved at {0} but not linked.', vscode.workspace.asRelativePath(saved.location))));
    return undefined;
  }
  return saved.location;
}

/** The command: the studio, bound to the directive the lens is on. */
export function tryVariationsCommand(service: GenerationService, logger: Logger) {
  return async (ref: DirectiveRef): Promise<void> => {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === ref?.uri);
    const directive = document && findDirectiveAgain(await directivesReady(document), ref);
    if (!document || !directive?.request || hasErrors(directive)) {
      void vscode.window.showWarningMessage(withSource(vscode.l10n.t('The directive has changed; try again.')));
      return;
    }
    const { request } = directive;
    const settings = readSettings(document.uri);
    const size = request.width !== undefined && request.height !== undefined ? { width: request.width, height: request.height } : settings.defaultSize;
    const current = { uri: ref.uri, index: directive.index, raw: directive.raw };
    const binding: VariationBinding = {
      kind: 'sparkImage.variationBinding',
      label: `${document.uri.path.split('/').pop()}:${directive.line + 1}`,
      prompt: request.prompt,
      width: size.width,
      height: size.height,
      seed: request.seed ?? RANDOM_SEED,
      expansion: choiceOfExpansion(request.usePreLlm ?? settings.promptExpansion),
      styled: request.styled,
      use: (image) => useVariation(service, document, current, image, logger),
    };
    await vscode.commands.executeCommand(CommandIds.openStudio, binding);
  };
}

/** The lens above a valid directive that opens the studio bound to it (the lens provider's one hook). */
export function tryVariationsLens(range: vscode.Range, ref: DirectiveRef): vscode.CodeLens {
  return new vscode.CodeLens(range, { title: `$(layers) ${vscode.l10n.t('Try Variations…')}`, command: CommandIds.directiveTryVariations, arguments: [ref], tooltip: vscode.l10n.t('Open the Image Studio for this directive: pick one of several variations; its seed is pinned into the directive') });
}
