import * as vscode from 'vscode';
import { sidecarPath, sidecarText } from '../core/imageMetadata';
import { GenerationService } from '../editor/generationService';
import { ExtensionLog } from '../editor/log';
import { cleanUpUnusedImages } from './cleanUp';
import { DirectiveCodeLensProvider } from './codeLens';
import { cancelDirectiveCommand, generateAllInDocumentCommand, generateAllInWorkspaceCommand, generateFromCommentCommand, runDirectiveCommand } from './commands';
import { DirectiveDiagnostics, DirectiveQuickFixes } from './diagnostics';
import { FreshnessDiagnostics, FreshnessQuickFixes } from './freshnessDiagnostics';
import { DirectiveHoverProvider } from './hover';
import { DIRECTIVE_LANGUAGES, DirectiveCommandIds } from './ids';
import { regenerateOutOfDateInDocumentCommand, regenerateOutOfDateInWorkspaceCommand, updateAltCommand } from './outOfDateCommands';
import { DirectiveRunner } from './runner';

/** Illustrations as code: directives' CodeLens, hover, diagnostics, quick fixes and commands. */
export function registerDirectives(context: vscode.ExtensionContext, service: GenerationService, log: ExtensionLog): DirectiveRunner {
  const logger = log.for('directives');
  const runner = new DirectiveRunner(service, logger);
  const lenses = new DirectiveCodeLensProvider(runner);
  const diagnostics = new DirectiveDiagnostics();
  const freshness = new FreshnessDiagnostics();
  const selector = DIRECTIVE_LANGUAGES.map((language) => ({ language }));
  context.subscriptions.push(
    runner,
    lenses,
    diagnostics,
    freshness,
    vscode.languages.registerCodeLensProvider(selector, lenses),
    vscode.languages.registerHoverProvider(selector, new DirectiveHoverProvider()),
    vscode.languages.registerCodeActionsProvider(selector, new DirectiveQuickFixes(), { providedCodeActionKinds: DirectiveQuickFixes.kinds }),
    vscode.languages.registerCodeActionsProvider(selector, new FreshnessQuickFixes(), { providedCodeActionKinds: FreshnessQuickFixes.kinds }),
    vscode.commands.registerCommand(DirectiveCommandIds.generateFromComment, generateFromCommentCommand(runner)),
    vscode.commands.registerCommand(DirectiveCommandIds.generateAllInDocument, generateAllInDocumentCommand(runner)),
    vscode.commands.registerCommand(DirectiveCommandIds.generateAllInWorkspace, generateAllInWorkspaceCommand(runner)),
    vscode.commands.registerCommand(DirectiveCommandIds.cleanUpUnused, cleanUpUnusedImages),
    vscode.commands.registerCommand(DirectiveCommandIds.regenerateOutOfDateInDocument, regenerateOutOfDateInDocumentCommand(runner)),
    vscode.commands.registerCommand(DirectiveCommandIds.regenerateOutOfDateInWorkspace, regenerateOutOfDateInWorkspaceCommand(runner)),
    vscode.commands.registerCommand(DirectiveCommandIds.updateAlt, updateAltCommand()),
    vscode.commands.registerCommand(DirectiveCommandIds.run, runDirectiveCommand(runner)),
    vscode.commands.registerCommand(DirectiveCommandIds.cancel, cancelDirectiveCommand(runner)),
    // Formats with no place for metadata get a sidecar, so every generated image stays reproducible.
    service.onDidRecord((record) => {
      if (record.kind !== 'completed') {
        return;
      }
      for (const image of record.images) {
        if (!/\.(png|jpe?g)$/i.test(image.path)) {
          const sidecar = image.with({ path: sidecarPath(image.path) });
          void vscode.workspace.fs.writeFile(sidecar, Buffer.from(sidecarText(record.provenance), 'utf8')).then(undefined, (error: unknown) => logger.warn(`could not write ${sidecar.path}: ${String(error)}`));
        }
      }
    }),
  );
  return runner;
}
