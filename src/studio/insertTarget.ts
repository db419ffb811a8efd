import * as vscode from 'vscode';
import { Disposable } from '../editor/disposable';

/** Where Insert puts the link: the last text editor the user was in, and its cursor. */
export interface InsertTarget {
  document: vscode.TextDocument;
  offset: number;
  viewColumn: vscode.ViewColumn | undefined;
}

/** Documents a link can go into: files, new untitled ones, remote files (not output panes or settings). */
const WRITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

/**
 * Remembers the last text editor and its cursor while the user works elsewhere (the studio's panel
 * takes the focus), and forgets it when its document closes. `onChange` fires on either.
 */
export class InsertTargetTracker extends Disposable {
  private current: InsertTarget | undefined;

  constructor(private readonly onChange: () => void) {
    super();
    this.remember(vscode.window.activeTextEditor);
    this.register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.remember(editor)) {
          this.onChange();
        }
      }),
    );
    this.register(
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (this.current && event.textEditor.document === this.current.document) {
          const line = this.line;
          this.current.offset = event.textEditor.document.offsetAt(event.selections[0].active);
          if (this.line !== line) {
            this.onChange();
          }
        }
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.current?.document === document) {
          this.current = undefined;
          this.onChange();
        }
      }),
    );
  }

  get target(): InsertTarget | undefined {
    return this.current;
  }

  /** The file name and line the page shows for "Insert into …" (the link goes below that line). */
  get name(): string | undefined {
    const line = this.line;
    return this.current && line !== undefined ? `${this.current.document.uri.path.split('/').pop()}:${line + 1}` : undefined;
  }

  private get line(): number | undefined {
    return this.current && this.current.document.positionAt(this.current.offset).line;
  }

  /** True when `editor` became the target. */
  private remember(editor: vscode.TextEditor | undefined): boolean {
    if (!editor || !WRITABLE_SCHEMES.has(editor.document.uri.scheme)) {
      return false;
    }
    this.current = { document: editor.document, offset: editor.document.offsetAt(editor.selection.active), viewColumn: editor.viewColumn };
    return true;
  }
}
