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
 * The line a placeholder is drawn above: the link goes below a line whose end it is at (its own
 * paragraph), so the ghost line sits between that line and the next; else above its own line.
 */
export function ghostLine(document: Pick<vscode.TextDocument, 'positionAt' | 'lineAt' | 'lineCount'>, offset: number): number {
  const position = document.positionAt(offset);
  const atLineEnd = position.character === document.lineAt(position.line).range.end.character;
  return atLineEnd && position.line + 1 < document.lineCount ? position.line + 1 : position.line;
}

/**
 * Placeholders are ghost lines (a CodeLens without a command), not text: the document stays clean
 * while a job runs (a save never writes a placeholder to disk), no line is widened or covered, and
 * the final link is one edit that one undo removes. Their offsets follow every edit of the document,
 * visible or not.
 */
export class PlaceholderTracker extends Disposable implements vscode.CodeLensProvider {
  private readonly placeholders = new Map<string, Placeholder>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  private counter = 0;

  constructor() {
    super();
    this.register(vscode.languages.registerCodeLensProvider('*', this));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.onEdit(event)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.onClose(document)));
    this.register({ dispose: () => this.placeholders.clear() });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const uri = document.uri.toString();
    return [...this.placeholders.values()]
      .filter((placeholder) => placeholder.uri === uri && !placeholder.closed && !placeholder.concealed)
      .map((placeholder) => {
        const line = ghostLine(document, Math.min(placeholder.offset, document.getText().length));
        return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), { title: placeholder.label, command: '' });
      });
  }

  add(document: vscode.TextDocument, offset: number, label: string): string {
    const id = `p${Date.now().toString(36)}${(this.counter++).toString(36)}`;
    this.placeholders.set(id, { id, uri: document.uri.toString(), offset, label, closed: false });
    this.changed.fire();
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
      this.changed.fire();
    }
  }

  setLabel(id: string, label: string): void {
    const placeholder = this.placeholders.get(id);
    if (placeholder && placeholder.label !== label) {
      placeholder.label = label;
      this.changed.fire();
    }
  }

  remove(id: string): void {
    const placeholder = this.placeholders.get(id);
    if (placeholder && this.placeholders.delete(id)) {
      this.changed.fire();
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
      this.changed.fire();
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
}
