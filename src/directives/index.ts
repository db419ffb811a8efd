import * as vscode from 'vscode';
import type { CommandHandlers } from '../editor/commandRegistry';
import { GenerationService } from '../editor/generation/generationService';
import { ExtensionLog } from '../editor/log';
import { cleanUpUnusedImages } from './cleanUp';
import { DirectiveCodeLensProvider } from './show/codeLens';
import { cancelDirectiveCommand, generateAllInDocumentCommand, generateAllInWorkspaceCommand, generateFromCommentCommand, runDirectiveCommand } from './commands';
import { DirectiveDiagnostics, DirectiveQuickFixes } from './show/diagnostics';
import { OutOfDateDiagnostics, OutOfDateQuickFixes } from './show/outOfDateDiagnostics';
import { DirectiveHoverProvider } from './show/hover';
import { DirectiveCursorContext } from './show/cursorContext';
import { DIRECTIVE_LANGUAGES } from './ids';
import { regenerateOutOfDateInDocumentCommand, regenerateOutOfDateInWorkspaceCommand, updateAltCommand } from './outOfDateCommands';
import { DirectiveBatches } from './run/batchRunner';
import { DirectiveRunner } from './run/runner';
import { RunningDirectives } from './run/running';
import { startHouseStyles } from '../editor/styles/houseStyles';
import { isDirectiveDocument, useStylesSource } from './model';
import { tryVariationsCommand } from './tryVariations';

/** The directive features' commands, registered with all the others in extension.ts. */
export type DirectiveCommands = Pick<CommandHandlers, 'generateFromComment' | 'generateAllInDocument' | 'generateAllInWorkspace' | 'cleanUpUnused' | 'regenerateOutOfDateInDocument' | 'regenerateOutOfDateInWorkspace' | 'directiveUpdateAlt' | 'directiveRun' | 'directiveCancel' | 'directiveTryVariations'>;

/** Illustrations as code: directives' CodeLens, hover, diagnostics and quick fixes; returns their commands. */
export function registerDirectives(context: vscode.ExtensionContext, service: GenerationService, log: ExtensionLog): DirectiveCommands {
  const logger = log.for('directives');
  const styles = startHouseStyles();
  useStylesSource(styles);
  const running = new RunningDirectives();
  const runner = new DirectiveRunner(service, running);
  const batches = new DirectiveBatches(runner, logger);
  const lenses = new DirectiveCodeLensProvider(running);
  const diagnostics = new DirectiveDiagnostics();
  const outOfDate = new OutOfDateDiagnostics();
  // A spark-image.json read (again): every open document's lenses and diagnostics follow its styles.
  styles.onDidChange(() => {
    lenses.refresh();
    for (const document of vscode.workspace.textDocuments.filter(isDirectiveDocument)) {
      diagnostics.update(document);
      void outOfDate.update(document);
    }
  }, undefined, context.subscriptions);
  const selector = DIRECTIVE_LANGUAGES.map((language) => ({ language }));
  context.subscriptions.push(
    styles,
    { dispose: () => useStylesSource(undefined) },
    running,
    lenses,
    diagnostics,
    outOfDate,
    new DirectiveCursorContext(),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerHoverProvider(selector, new DirectiveHoverProvider()),
    vscode.languages.registerCodeActionsProvider(selector, new DirectiveQuickFixes(), { providedCodeActionKinds: DirectiveQuickFixes.kinds }),
    vscode.languages.registerCodeActionsProvider(selector, new OutOfDateQuickFixes(), { providedCodeActionKinds: OutOfDateQuickFixes.kinds }),
  );
  return {
    generateFromComment: generateFromCommentCommand(runner),
    generateAllInDocument: generateAllInDocumentCommand(batches),
    generateAllInWorkspace: generateAllInWorkspaceCommand(batches),
    cleanUpUnused: cleanUpUnusedImages,
    regenerateOutOfDateInDocument: regenerateOutOfDateInDocumentCommand(batches),
    regenerateOutOfDateInWorkspace: regenerateOutOfDateInWorkspaceCommand(batches),
    directiveUpdateAlt: updateAltCommand(),
    directiveRun: runDirectiveCommand(runner),
    directiveCancel: cancelDirectiveCommand(running),
    directiveTryVariations: tryVariationsCommand(service, logger),
  };
}
