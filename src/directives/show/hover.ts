import * as vscode from 'vscode';
import { formatBilledUsd } from '../../core/spend/pricing';
import { Directive, directiveAt, hasErrors } from '../../core/directives/directives';
import { estimateLabel } from '../../editor/generation/priceMemory';
import { readSettings } from '../../editor/config';
import { DirectiveCommandIds } from '../ids';
import { directiveEstimateUsd } from '../run/estimate';
import { altEdit, OutOfDateChange, OutOfDateField } from '../../core/directives/outOfDate';
import { uriExists } from '../../editor/saving/uriExists';
import { outOfDateOf } from '../outOfDate';
import { directiveOutput } from '../run/lazyDirectiveOutput';
import { originalsCache } from '../../editor/output/editorOutputPlan';
import { directivesOf, imageUri, readProvenance, refOf } from '../model';

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
    // A style's change names the style; was and now are its templates.
    const label = change.field === 'style' && change.style !== undefined ? vscode.l10n.t('Style {0}', change.style) : fieldLabel(change.field);
    markdown.appendMarkdown(`${label}: `);
    markdown.appendText(vscode.l10n.t('{0} (image) → {1} (directive)', change.was, change.now));
    markdown.appendMarkdown('  \n');
  }
  markdown.appendMarkdown('\n');
}

/** Thumbnail heights: smaller when the change is what the hover is about. */
const THUMBNAIL_HEIGHT = 200;
const SMALL_THUMBNAIL_HEIGHT = 96;

/** "Fix the options first", as the CodeLens says it, with each problem and the quick fixes it offers. */
function appendProblems(markdown: vscode.MarkdownString, directive: Directive): void {
  markdown.appendMarkdown(`**${vscode.l10n.t('Fix the options first')}**  \n`);
  for (const issue of directive.issues.filter((candidate) => candidate.severity === 'error')) {
    markdown.appendText(issue.message);
    markdown.appendMarkdown('  \n');
    for (const fix of issue.fixes) {
      markdown.appendMarkdown(`${vscode.l10n.t('Quick fix')}: `);
      markdown.appendText(fix.title);
      markdown.appendMarkdown('  \n');
    }
  }
  if (directive.issues.some((issue) => issue.fixes.length > 0)) {
    markdown.appendText(vscode.l10n.t('Put the cursor on the option and press Ctrl+. (⌘. on macOS) to apply a quick fix.'));
  }
}

/** The paid act, with its estimate on the link itself: Generate, or Regenerate with the directive's settings. */
function appendRunLink(markdown: vscode.MarkdownString, document: vscode.TextDocument, directive: Directive, title: string, mode: 'generate' | 'regenerate' | 'reencode', free?: string): void {
  const estimate = free ?? estimateLabel(directiveEstimateUsd(directive.request, readSettings(document.uri).defaultSize));
  const args = encodeURIComponent(JSON.stringify([refOf(document, directive), mode]));
  markdown.appendMarkdown(`[${title} (${estimate})](command:${DirectiveCommandIds.run}?${args})\n\n`);
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
    // Only the directive's own run command may be clicked from here.
    markdown.isTrusted = { enabledCommands: [DirectiveCommandIds.run] };
    markdown.appendMarkdown(`**${vscode.l10n.t('Spark Image')}**\n\n`);
    const range = new vscode.Range(document.positionAt(directive.start), document.positionAt(directive.end));
    if (hasErrors(directive)) {
      appendProblems(markdown, directive);
      return new vscode.Hover(markdown, range);
    }
    const uri = imageUri(document, directive);
    if (!directive.image) {
      markdown.appendText(vscode.l10n.t('No image yet.'));
      markdown.appendMarkdown('\n\n');
      appendRunLink(markdown, document, directive, vscode.l10n.t('Generate'), 'generate');
    } else if (uri) {
      const provenance = await readProvenance(uri);
      const outOfDate = await outOfDateOf(document, directive);
      // Out of date: the change first, then a smaller thumbnail.
      if (outOfDate.state === 'outOfDate') {
        appendChanges(markdown, outOfDate.changes);
      }
      const freeLabel = outOfDate.state === 'output' ? directiveOutput().appendOutputChange(markdown, outOfDate, originalsCache()) : undefined;
      if (provenance === undefined && !(await uriExists(uri))) {
        markdown.appendText(vscode.l10n.t('The linked image {0} does not exist.', vscode.workspace.asRelativePath(uri)));
        markdown.appendMarkdown('\n\n');
      } else {
        // A file URI, so the preview shows the image as it is on disk; the alt text is not user markup.
        const height = outOfDate.state === 'outOfDate' || outOfDate.state === 'output' ? SMALL_THUMBNAIL_HEIGHT : THUMBNAIL_HEIGHT;
        markdown.appendMarkdown(`![${vscode.l10n.t('preview')}](${uri.toString()}|height=${height})\n\n`);
      }
      // Out of date: the directive's settings as they are now; else the same settings with a new seed (as the lenses do).
      if (outOfDate.state === 'output') {
        appendRunLink(markdown, document, directive, vscode.l10n.t('Regenerate'), 'reencode', freeLabel);
      } else {
        appendRunLink(markdown, document, directive, vscode.l10n.t('Regenerate'), outOfDate.state === 'outOfDate' ? 'generate' : 'regenerate');
      }
      const alt = outOfDate.state === 'current' || outOfDate.state === 'unknown' ? altEdit(directive) : undefined;
      if (alt) {
        markdown.appendMarkdown(`**${vscode.l10n.t('Alt text')}:** `);
        markdown.appendText(vscode.l10n.t('{0} (link) → {1} (directive)', alt.was, alt.now));
        markdown.appendMarkdown('\n\n');
      }
      if (provenance) {
        const rows: Array<[string, string]> = [
          // What the user wrote; a styled image's prompt sent is shown beside its style.
          [vscode.l10n.t('Prompt'), provenance.userPrompt ?? provenance.prompt],
          ...(provenance.style ? ([[vscode.l10n.t('Style'), `${provenance.style.name}: ${provenance.style.template}`]] as Array<[string, string]>) : []),
          [vscode.l10n.t('Seed'), String(provenance.seed)],
          [vscode.l10n.t('Size'), `${provenance.width}×${provenance.height}`],
          // A converted file: what it is, beside the size the API made.
          ...(provenance.output ? ([[vscode.l10n.t('Output'), `${provenance.output.format} ${provenance.output.width}×${provenance.output.height}${provenance.output.quality !== undefined ? ` q${provenance.output.quality}` : ''}`]] as Array<[string, string]>) : []),
          [vscode.l10n.t('Prompt expansion'), provenance.usePreLlm ? vscode.l10n.t('on') : vscode.l10n.t('off')],
          [vscode.l10n.t('Cost'), provenance.costUsd !== undefined ? formatBilledUsd(provenance.costUsd) : '?'],
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
    return new vscode.Hover(markdown, range);
  }
}
