import * as vscode from 'vscode';
import { directiveAt } from '../../core/directives/directives';
import { Disposable } from '../../editor/disposable';
import { directivesOf, isDirectiveDocument } from '../model';

/** The context key the editor's menus read: the cursor of the active editor is on a directive (or its image link). */
export const CURSOR_ON_DIRECTIVE = 'sparkImage.cursorOnDirective';

export function cursorOnDirective(editor: vscode.TextEditor | undefined): boolean {
  return !!editor && isDirectiveDocument(editor.document) && directiveAt(directivesOf(editor.document), editor.document.offsetAt(editor.selection.active)) !== undefined;
}

/** Keeps CURSOR_ON_DIRECTIVE current, so "Generate Image from Comment" is offered only where it can work. */
export class DirectiveCursorContext extends Disposable {
  private last: boolean | undefined;

  constructor() {
    super();
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.register(vscode.window.onDidChangeTextEditorSelection((event) => event.textEditor === vscode.window.activeTextEditor && this.update()));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => event.document === vscode.window.activeTextEditor?.document && this.update()));
    this.update();
  }

  private update(): void {
    const now = cursorOnDirective(vscode.window.activeTextEditor);
    if (now !== this.last) {
      this.last = now;
      void vscode.commands.executeCommand('setContext', CURSOR_ON_DIRECTIVE, now);
    }
  }
}
