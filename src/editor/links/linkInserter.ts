import * as vscode from 'vscode';
import { findAnchor, insertionText, InsertionAnchor } from '../../core/links/insertion';
import { altTextFromPrompt, imageLink, LinkSyntax } from '../../core/links/linkText';
import { posixDirname, relativePosix } from '../../core/naming/naming';
import { LinkEditQueue } from './linkEditQueue';

export interface LinkRequest {
  documentUri: vscode.Uri;
  imageUri: vscode.Uri;
  prompt: string;
  width: number;
  height: number;
  syntax: LinkSyntax;
  ownParagraph: boolean;
}

/** The link text for an image as seen from a document: relative, forward slashes, escaped alt. */
export function linkFor(request: Pick<LinkRequest, 'documentUri' | 'imageUri' | 'prompt' | 'width' | 'height' | 'syntax'>): string {
  const sameRoot = request.documentUri.scheme === request.imageUri.scheme && request.documentUri.authority === request.imageUri.authority && request.documentUri.scheme !== 'untitled';
  const path = sameRoot ? relativePosix(posixDirname(request.documentUri.path), request.imageUri.path) : request.imageUri.path;
  return imageLink(request.syntax, { path, alt: altTextFromPrompt(request.prompt), width: request.width, height: request.height });
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
}

/**
 * Inserts the link at an offset of an open document in one WorkspaceEdit, so one undo removes it.
 * Returns false when the document is no longer open (the caller then offers the link instead).
 */
export function insertLinkAt(queue: LinkEditQueue, request: LinkRequest, offset: number | (() => number | undefined)): Promise<boolean> {
  return queue.apply(request.documentUri, 'insert', async () => {
    const document = openDocument(request.documentUri);
    const wanted = typeof offset === 'function' ? offset() : offset;
    if (!document || document.isClosed || wanted === undefined) {
      return 'gone';
    }
    return (await applyInsertion(document, request, wanted)) ? 'applied' : 'refused';
  });
}

async function applyInsertion(document: vscode.TextDocument, request: LinkRequest, offset: number): Promise<boolean> {
  const text = document.getText();
  const at = Math.min(Math.max(0, offset), text.length);
  const inserted = insertionText(linkFor(request), text, at, request.syntax, request.ownParagraph);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, document.positionAt(at), inserted);
  // A selection ending where the link goes would swallow it; the user's selection stays as it was.
  const editors = vscode.window.visibleTextEditors.filter((editor) => editor.document === document);
  const before = editors.map((editor) => editor.selections.map((selection) => [document.offsetAt(selection.anchor), document.offsetAt(selection.active)] as const));
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) {
    const shift = (value: number) => (value > at ? value + inserted.length : value);
    editors.forEach((editor, index) => {
      editor.selections = before[index].map(([anchor, active]) => new vscode.Selection(document.positionAt(shift(anchor)), document.positionAt(shift(active))));
    });
  }
  return applied;
}

/** After a reload: open the document (without showing it) and find the remembered place again. */
export async function insertLinkAtAnchor(queue: LinkEditQueue, request: LinkRequest, anchor: InsertionAnchor): Promise<boolean> {
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(request.documentUri);
  } catch {
    return false;
  }
  const offset = findAnchor(document.getText(), anchor);
  return offset === undefined ? false : insertLinkAt(queue, request, offset);
}

/** Whether the document already links this image (so a resumed job never inserts it twice). */
export async function documentLinksTo(documentUri: vscode.Uri, imageUri: vscode.Uri): Promise<boolean> {
  try {
    const document = await vscode.workspace.openTextDocument(documentUri);
    const relative = relativePosix(posixDirname(documentUri.path), imageUri.path);
    const text = document.getText();
    return text.includes(relative) || text.includes(relative.replace(/ /g, '%20'));
  } catch {
    return false;
  }
}

/**
 * Puts the link in the range `range` finds when the edit's turn comes, and again on each retry (an
 * edit made against an older version is refused): what is there (the image a directive manages) is
 * replaced in one undoable edit; an empty range gets the link as a paragraph of its own. A range
 * that holds the link already is left as it is.
 */
export function replaceWithLink(queue: LinkEditQueue, request: LinkRequest, document: vscode.TextDocument, range: (document: vscode.TextDocument) => vscode.Range | undefined): Promise<boolean> {
  return queue.apply(request.documentUri, 'replace', async () => {
    const current = document.isClosed ? undefined : range(document);
    if (!current) {
      return 'gone';
    }
    if (current.isEmpty) {
      return (await applyInsertion(document, { ...request, ownParagraph: true }, document.offsetAt(current.start))) ? 'applied' : 'refused';
    }
    const link = linkFor(request);
    if (document.getText(current) === link) {
      return 'applied';
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, current, link);
    return (await vscode.workspace.applyEdit(edit)) ? 'applied' : 'refused';
  });
}
