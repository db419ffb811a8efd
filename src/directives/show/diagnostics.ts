import * as vscode from 'vscode';
import { Disposable } from '../../editor/disposable';
import { directivesOf, isDirectiveDocument } from '../model';

export const DIAGNOSTIC_SOURCE = 'Spark Image';

/** Problems of directives (the seed's codes), before any request; kept current as documents change. */
export class DirectiveDiagnostics extends Disposable {
  readonly collection = this.register(vscode.languages.createDiagnosticCollection('spark-image'));

  constructor() {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.update(document)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.update(event.document)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)));
    vscode.workspace.textDocuments.forEach((document) => this.update(document));
  }

  update(document: vscode.TextDocument): void {
    if (!isDirectiveDocument(document)) {
      this.collection.delete(document.uri);
      return;
    }
    const diagnostics: vscode.Diagnostic[] = [];
    for (const directive of directivesOf(document)) {
      for (const issue of directive.issues) {
        const range = new vscode.Range(document.positionAt(issue.start), document.positionAt(issue.end));
        const diagnostic = new vscode.Diagnostic(range, issue.message, issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        diagnostic.source = DIAGNOSTIC_SOURCE;
        if (issue.code) {
          diagnostic.code = issue.code;
        }
        diagnostics.push(diagnostic);
      }
    }
    this.collection.set(document.uri, diagnostics);
  }

}

/** Quick fixes the core proposes: snap to the nearest recommended size, shorten the prompt, … */
export class DirectiveQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const ours = context.diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) {
      return actions;
    }
    for (const directive of directivesOf(document)) {
      for (const issue of directive.issues) {
        const issueRange = new vscode.Range(document.positionAt(issue.start), document.positionAt(issue.end));
        const diagnostic = ours.find((candidate) => candidate.range.isEqual(issueRange) && candidate.message === issue.message);
        if (!diagnostic || !issueRange.intersection(range)) {
          continue;
        }
        for (const fix of issue.fixes) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, new vscode.Range(document.positionAt(fix.start), document.positionAt(fix.end)), fix.newText);
          action.diagnostics = [diagnostic];
          action.isPreferred = fix.preferred;
          actions.push(action);
        }
      }
    }
    return actions;
  }
}
