import * as vscode from 'vscode';
import { hasErrors } from '../../core/directives/directives';
import { uriExists } from '../../editor/saving/uriExists';
import { DirectiveItem, directivesOf, imageUri } from '../model';

/** Items of a document: the valid directives without an image (or with a broken link), and the invalid ones. */
export async function missingIn(document: vscode.TextDocument): Promise<{ missing: DirectiveItem[]; invalid: DirectiveItem[] }> {
  const missing: DirectiveItem[] = [];
  const invalid: DirectiveItem[] = [];
  for (const directive of directivesOf(document)) {
    const item = { document, directive };
    if (hasErrors(directive) || !directive.request) {
      invalid.push(item);
      continue;
    }
    const uri = imageUri(document, directive);
    if (!directive.image || (uri && !(await uriExists(uri)))) {
      missing.push(item);
    }
  }
  return { missing, invalid };
}
