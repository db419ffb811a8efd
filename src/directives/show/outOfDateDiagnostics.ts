import * as vscode from 'vscode';
import { altEdit, changedFields } from '../../core/directives/outOfDate';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { outOfDateOf } from '../outOfDate';
import { DirectiveCommandIds } from '../ids';
import { directivesOf, isDirectiveDocument, refOf } from '../model';
import { Disposable } from '../../editor/disposable';
import { overBudget } from './budgetDiagnostic';
import { directiveOutput } from '../run/lazyDirectiveOutput';

/** Diagnostic codes: the image is out of date (by its request, or only by its output); the link's alt text is not the directive's; the image is over the weight budget. */
export const OutOfDateCodes = { outOfDate: 'out-of-date', output: 'out-of-date-output', altText: 'alt-text', overBudget: 'over-budget' } as const;

/** Edits come in bursts while typing: look at the images once the burst is over. */
const SETTLE_MS = 150;

/**
 * Information diagnostics on directives whose image is out of date or whose link has another alt
 * text. They need the images' provenance (read from disk), so they live apart from the problems
 * of the directives' text, and are refreshed when documents, images or settings change.
 */
export class OutOfDateDiagnostics extends Disposable {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('spark-image-freshness'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped per document on each update, so a slower, older update never overwrites a newer one. */
  private readonly generations = new Map<string, number>();

  constructor() {
    super();
    this.register({
      dispose: () => {
        this.timers.forEach((timer) => clearTimeout(timer));
        this.timers.clear();
      },
    });
    const images = this.register(vscode.workspace.createFileSystemWatcher('**/*.{png,jpg,jpeg,webp,json}'));
    const all = () => vscode.workspace.textDocuments.forEach((document) => this.schedule(document));
    for (const subscription of [
      images.onDidCreate(all),
      images.onDidChange(all),
      images.onDidDelete(all),
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('sparkImage') && all()),
    ]) {
      this.register(subscription);
    }
    all();
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isDirectiveDocument(document)) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document);
      }, SETTLE_MS),
    );
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.collection.delete(document.uri);
  }

  async update(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const diagnostics: vscode.Diagnostic[] = [];
    for (const directive of directivesOf(document)) {
      const range = new vscode.Range(document.positionAt(directive.start), document.positionAt(directive.end));
      const state = await outOfDateOf(document, directive);
      const heavy = state.state === 'none' ? undefined : await overBudget(document, directive);
      if (heavy) {
        diagnostics.push(ourDiagnostic(range, heavy.message, vscode.DiagnosticSeverity.Warning, OutOfDateCodes.overBudget));
      }
      if (state.state === 'outOfDate') {
        const diagnostic = new vscode.Diagnostic(
          range,
          vscode.l10n.t("The image is out of date ({0}): it was made from other settings than this directive's. Regenerate it.", changedFields(state.changes)),
          vscode.DiagnosticSeverity.Information,
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = OutOfDateCodes.outOfDate;
        diagnostics.push(diagnostic);
        continue;
      }
      if (state.state === 'output') {
        diagnostics.push(ourDiagnostic(range, directiveOutput().outputDiagnosticMessage(state), vscode.DiagnosticSeverity.Information, OutOfDateCodes.output));
        continue;
      }
      const alt = state.state === 'none' ? undefined : altEdit(directive);
      if (alt && directive.image) {
        const linkRange = new vscode.Range(document.positionAt(directive.image.start), document.positionAt(directive.image.end));
        const diagnostic = new vscode.Diagnostic(linkRange, vscode.l10n.t('The alt text of the link is “{0}”; the directive asks for “{1}”.', alt.was, alt.now), vscode.DiagnosticSeverity.Information);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = OutOfDateCodes.altText;
        diagnostics.push(diagnostic);
      }
    }
    if (this.generations.get(key) === generation && !document.isClosed) {
      this.collection.set(document.uri, diagnostics);
    }
  }
}

function ourDiagnostic(range: vscode.Range, message: string, severity: vscode.DiagnosticSeverity, code: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(range, message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = code;
  return diagnostic;
}

/** Quick fixes of the out-of-date diagnostics: regenerate (a command), or update the alt text (an edit). */
export class OutOfDateQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) {
        continue;
      }
      const offset = document.offsetAt(diagnostic.range.start);
      const directive = directivesOf(document).find((candidate) => (offset >= candidate.start && offset < candidate.end) || (candidate.image && offset >= candidate.image.start && offset < candidate.image.end));
      if (!directive) {
        continue;
      }
      if (diagnostic.code === OutOfDateCodes.output || diagnostic.code === OutOfDateCodes.overBudget) {
        const title = directiveOutput().reencodeFixTitle(diagnostic.code === OutOfDateCodes.overBudget);
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { title, command: DirectiveCommandIds.run, arguments: [refOf(document, directive), 'reencode'] };
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      } else if (diagnostic.code === OutOfDateCodes.outOfDate) {
        const action = new vscode.CodeAction(vscode.l10n.t('Regenerate the out-of-date image'), vscode.CodeActionKind.QuickFix);
        action.command = { title: action.title, command: DirectiveCommandIds.run, arguments: [refOf(document, directive), 'generate'] };
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      } else if (diagnostic.code === OutOfDateCodes.altText) {
        const change = altEdit(directive);
        if (change) {
          const action = new vscode.CodeAction(vscode.l10n.t('Update the alt text to “{0}”', change.now), vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          actions.push(action);
        }
      }
    }
    return actions;
  }
}
