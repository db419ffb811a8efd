import * as vscode from 'vscode';
import { shiftOffset } from '../../core/links/insertion';
import { Disposable } from '../disposable';

interface Placeholder {
  id: string;
  uri: string;
  offset: number;
  label: string;
  /** The document was closed while the job ran: the offset can no longer be trusted. */
  closed: boolean;
  /** Still tracked, no longer drawn: the link is about to take its place. */
  concealed?: boolean;
}

/**
 * Placeholders are shown as decorations, not text: the document stays clean while a job runs (a
 * save never writes a placeholder to disk), and the final link is one edit that one undo removes.
 * Their offsets follow every edit of the document, visible or not.
 */
export class PlaceholderTracker extends Disposable {
  private readonly placeholders = new Map<string, Placeholder>();
  private readonly decoration: vscode.TextEditorDecorationType;
  private counter = 0;

  constructor() {
    super();
    this.decoration = this.register(vscode.window.createTextEditorDecorationType({
      before: {
        color: new vscode.ThemeColor('editorCodeLens.foreground'),
        fontStyle: 'italic',
        margin: '0 0.4em 0 0',
        border: '1px dashed',
        borderColor: new vscode.ThemeColor('editorCodeLens.foreground'),
      },
    }));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.onClose(document)));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.render()));
    this.register({ dispose: () => this.placeholders.clear() });
  }

  add(document: vscode.TextDocument, offset: number, label: string): string {
    const id = `p${Date.now().toString(36)}${(this.counter++).toString(36)}`;
    this.placeholders.set(id, { id, uri: document.uri.toString(), offset, label, closed: false });
    this.render();
    return id;
  }

  /** Where the placeholder is now; undefined if it is unknown or its document was closed. */
  locate(id: string): { uri: string; offset: number } | undefined {
    const placeholder = this.placeholders.get(id);
    return placeholder && !placeholder.closed ? { uri: placeholder.uri, offset: placeholder.offset } : undefined;
  }

  /** Stops drawing the placeholder but keeps following edits, for the moment the link lands. */
  conceal(id: string): void {
    const placeholder = this.placeholders.get(id);
    if (placeholder && !placeholder.concealed) {
      placeholder.concealed = true;
      this.render(placeholder.uri);
    }
  }

  setLabel(id: string, label: string): void {
    const placeholder = this.placeholders.get(id);
    if (placeholder && placeholder.label !== label) {
      placeholder.label = label;
      this.render(placeholder.uri);
    }
  }

  remove(id: string): void {
    const placeholder = this.placeholders.get(id);
    if (placeholder && this.placeholders.delete(id)) {
      this.render(placeholder.uri);
    }
  }

  /** For tests and diagnostics: every live placeholder. */
  list(): Array<{ id: string; uri: string; offset: number; label: string; closed: boolean }> {
    return [...this.placeholders.values()].map((p) => ({ ...p }));
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    const uri = event.document.uri.toString();
    let touched = false;
    for (const placeholder of this.placeholders.values()) {
      if (placeholder.uri === uri && !placeholder.closed && event.contentChanges.length > 0) {
        placeholder.offset = Math.min(shiftOffset(placeholder.offset, event.contentChanges), event.document.getText().length);
        touched = true;
      }
    }
    if (touched) {
      this.render(uri);
    }
  }

  private onClose(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    for (const placeholder of this.placeholders.values()) {
      if (placeholder.uri === uri) {
        placeholder.closed = true;
      }
    }
  }

  private render(onlyUri?: string): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const uri = editor.document.uri.toString();
      if (onlyUri !== undefined && uri !== onlyUri) {
        continue;
      }
      const options: vscode.DecorationOptions[] = [];
      for (const placeholder of this.placeholders.values()) {
        if (placeholder.uri === uri && !placeholder.closed && !placeholder.concealed) {
          const position = editor.document.positionAt(placeholder.offset);
          options.push({ range: new vscode.Range(position, position), renderOptions: { before: { contentText: placeholder.label } } });
        }
      }
      editor.setDecorations(this.decoration, options);
    }
  }
}
