import * as vscode from 'vscode';
import { findAnchor } from '../../core/links/insertion';
import { placeholderLabel } from './jobProgress';
import { PlaceholderTracker } from '../links/placeholders';
import { PendingEntry } from './pendingStore';

/** A resumed task's placeholder, at the anchor its document still has (none once its image is saved). */
export async function resumePlaceholder(placeholders: PlaceholderTracker, entry: PendingEntry): Promise<string | undefined> {
  if (!entry.target || entry.savedImage) {
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(entry.target.documentUri)).then(
    (doc) => doc,
    () => undefined,
  );
  const offset = document ? findAnchor(document.getText(), entry.target.anchor) : undefined;
  return document && offset !== undefined ? placeholders.add(document, offset, placeholderLabel()) : undefined;
}
