import * as vscode from 'vscode';
import { directiveAt } from '../../core/directives/directives';
import { altEdit, OutOfDateChange, OutOfDateField } from '../../core/directives/outOfDate';
import { uriExists } from '../../editor/saving/uriExists';
import { outOfDateOf } from '../outOfDate';
import { directivesOf, imageUri, readProvenance } from '../model';

function fieldLabel(field: OutOfDateField): string {
  switch (field) {
    case 'prompt':
      return vscode.l10n.t('Prompt');
    case 'size':
      return vscode.l10n.t('Size');
    case 'model':
      return vscode.l10n.t('Model');
    case 'expansion':
      return vscode.l10n.t('Prompt expansion');
    case 'seed':
      return vscode.l10n.t('Seed');
    case 'style':
      return vscode.l10n.t('Style');
  }
}

/** "Out of date" with each changed value as the image has it and as the directive asks now. */
function appendChanges(markdown: vscode.MarkdownString, changes: readonly OutOfDateChange[]): void {
  markdown.appendMarkdown(`**${vscode.l10n.t('Out of date')}:**  \n`);
  for (const change of changes) {
    markdown.appendMarkdown(`${fieldLabel(change.field)}: `);
    markdown.appendText(vscode.l10n.t('{0} (image) → {1} (directive)', change.was, change.now));
    markdown.appendMarkdown('  \n');
  }
  markdown.appendMarkdown('\n');
}

/** Hover on a directive: its image, how it was made (prompt, seed, size, cost, date), and what is out of date. */
export class DirectiveHoverProvider implements vscode.HoverProvider {
  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const offset = document.offsetAt(position);
    const directive = directiveAt(directivesOf(document), offset);
    if (!directive || offset > directive.end) {
      return undefined;
    }
    const markdown = new vscode.MarkdownString();
    markdown.supportHtml = false;
    markdown.isTrusted = false;
    markdown.appendMarkdown(`**${vscode.l10n.t('Spark Image')}**\n\n`);
    const uri = imageUri(document, directive);
    if (!directive.image) {
      markdown.appendText(vscode.l10n.t('No image yet: use Generate above the comment.'));
    } else if (uri) {
      const provenance = await readProvenance(uri);
      if (provenance === undefined && !(await uriExists(uri))) {
        markdown.appendText(vscode.l10n.t('The linked image {0} does not exist.', vscode.workspace.asRelativePath(uri)));
      } else {
        // A file URI, so the preview shows the image as it is on disk; the alt text is not user markup.
        markdown.appendMarkdown(`![${vscode.l10n.t('preview')}](${uri.toString()}|height=200)\n\n`);
      }
      const outOfDate = await outOfDateOf(document, directive);
      if (outOfDate.state === 'outOfDate') {
        appendChanges(markdown, outOfDate.changes);
      }
      const alt = outOfDate.state === 'current' || outOfDate.state === 'unknown' ? altEdit(directive) : undefined;
      if (alt) {
        markdown.appendMarkdown(`**${vscode.l10n.t('Alt text')}:** `);
        markdown.appendText(vscode.l10n.t('{0} (link) → {1} (directive)', alt.was, alt.now));
        markdown.appendMarkdown('\n\n');
      }
      if (provenance) {
        const rows: Array<[string, string]> = [
          [vscode.l10n.t('Prompt'), provenance.prompt],
          [vscode.l10n.t('Seed'), String(provenance.seed)],
          [vscode.l10n.t('Size'), `${provenance.width}×${provenance.height}`],
          [vscode.l10n.t('Prompt expansion'), provenance.usePreLlm ? vscode.l10n.t('on') : vscode.l10n.t('off')],
          [vscode.l10n.t('Cost'), provenance.costUsd !== undefined ? `$${provenance.costUsd.toFixed(4)}` : '?'],
          [vscode.l10n.t('Date'), new Date(provenance.completedAt).toLocaleString()],
          [vscode.l10n.t('Model'), provenance.model],
          [vscode.l10n.t('Task'), provenance.taskId],
        ];
        for (const [label, value] of rows) {
          markdown.appendMarkdown(`**${label}:** `);
          markdown.appendText(value);
          markdown.appendMarkdown('  \n');
        }
      } else {
        markdown.appendText(vscode.l10n.t('No provenance is recorded for this image.'));
      }
    } else {
      markdown.appendText(vscode.l10n.t('The image is a URL, not a file of this workspace.'));
    }
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(directive.start), document.positionAt(directive.end)));
  }
}
