import * as vscode from 'vscode';
import { withSource } from '../editor/l10n';
import { findDirectiveAgain } from '../core/directives/directives';
import { estimateLabel } from '../editor/generation/priceMemory';
import { changedFields } from '../core/directives/outOfDate';
import { batchArgs, directiveDocumentOf } from './commands';
import { fixAltTexts, outOfDateIn, StaleImage } from './outOfDate';
import { DIRECTIVE_GLOB, EXCLUDE_GLOB } from './ids';
import { DirectiveItem, DirectiveRef, directivesOf } from './model';
import { DirectiveBatches, PlannedItem } from './run/batchRunner';
import { directiveOutput } from './run/lazyDirectiveOutput';
import { originalsCache } from '../editor/output/editorOutputPlan';
import { BatchSummary, plannedSummary } from './run/batchSummary';
import { estimateUsd } from './run/estimate';

/** What the out-of-date commands return: the batch's summary, plus the alt texts fixed without generating. */
export interface OutOfDateSummary extends BatchSummary {
  altTextsUpdated: number;
}

interface OutOfDateItem extends PlannedItem {
  fields: string;
}

/** What Regenerate does to each one: a regeneration (paid), or for an output change a re-encode without a request when it can. */
function plannedFor(item: DirectiveItem, stale: StaleImage['state']): OutOfDateItem {
  if (stale.state === 'outOfDate') {
    return { ...item, fields: changedFields(stale.changes) };
  }
  return { ...item, mode: 'reencode', ...directiveOutput().plannedOutput(stale, originalsCache()) };
}

/**
 * Regenerates the out-of-date images of some documents as one batch, after the same question as the
 * missing-image batch (the list and the estimated cost); links whose alt text alone differs are
 * updated without generating. New links then get the alt text their directives ask for.
 */
async function regenerate(batches: DirectiveBatches, scope: string, documents: readonly vscode.TextDocument[], confirm: boolean): Promise<OutOfDateSummary> {
  let altTextsUpdated = 0;
  const items: OutOfDateItem[] = [];
  for (const document of documents) {
    const outOfDate = await outOfDateIn(document);
    const outOfDateRaw = new Set(outOfDate.map((entry) => entry.directive.raw));
    altTextsUpdated += await fixAltTexts(document, new Set(directivesOf(document).filter((directive) => !outOfDateRaw.has(directive.raw)).map((directive) => directive.raw)));
    // The alt edits moved offsets: find each out-of-date directive again in the text as it is now.
    for (const entry of outOfDate) {
      const directive = findDirectiveAgain(directivesOf(document), entry.directive);
      if (directive) {
        items.push(plannedFor({ document, directive }, entry.state));
      }
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      withSource(altTextsUpdated > 0
        ? vscode.l10n.t('No out-of-date images in {0}; {1} alt text(s) updated.', scope, altTextsUpdated)
        : vscode.l10n.t('No out-of-date images in {0}: every image matches its directive.', scope)),
    );
    return { ...plannedSummary(0, 0), altTextsUpdated };
  }
  const estimatedCostUsd = estimateUsd(items);
  if (confirm) {
    const regenerateLabel = vscode.l10n.t('Regenerate');
    const lines = items.slice(0, 12).map((item) => `• ${vscode.workspace.asRelativePath(item.document.uri)}:${item.directive.line + 1} ${item.directive.prompt.slice(0, 60)} (${item.fields})`);
    if (items.length > lines.length) {
      lines.push(vscode.l10n.t('… and {0} more', items.length - lines.length));
    }
    const choice = await vscode.window.showInformationMessage(
      withSource(vscode.l10n.t('Regenerate {0} out-of-date image(s) in {1}? Cost: {2}.', items.length, scope, estimateLabel(estimatedCostUsd))),
      { modal: true, detail: lines.join('\n') },
      regenerateLabel,
    );
    if (choice !== regenerateLabel) {
      return { ...plannedSummary(items.length, estimatedCostUsd), confirmed: false, altTextsUpdated };
    }
  }
  const summary = await batches.run(scope, items, [], false);
  for (const document of documents) {
    altTextsUpdated += await fixAltTexts(document, new Set(items.filter((item) => item.document === document).map((item) => item.directive.raw)));
  }
  return { ...summary, altTextsUpdated };
}

/** Regenerate All Out-of-Date Images in Document. */
export function regenerateOutOfDateInDocumentCommand(batches: DirectiveBatches) {
  return async (rawArgs?: unknown): Promise<OutOfDateSummary | undefined> => {
    const args = batchArgs(rawArgs);
    const document = await directiveDocumentOf(args);
    if (!document) {
      return undefined;
    }
    return regenerate(batches, vscode.workspace.asRelativePath(document.uri), [document], args.confirm !== false);
  };
}

/** Regenerate All Out-of-Date Images in Workspace: every Markdown file with directives; files that were saved are saved again. */
export function regenerateOutOfDateInWorkspaceCommand(batches: DirectiveBatches) {
  return async (rawArgs?: unknown): Promise<OutOfDateSummary | undefined> => {
    const args = batchArgs(rawArgs);
    const documents: vscode.TextDocument[] = [];
    for (const uri of await vscode.workspace.findFiles(DIRECTIVE_GLOB, EXCLUDE_GLOB)) {
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      if (/spark-image\s*:/i.test(text)) {
        documents.push(await vscode.workspace.openTextDocument(uri));
      }
    }
    const wasClean = new Set(documents.filter((document) => !document.isDirty).map((document) => document.uri.toString()));
    const summary = await regenerate(batches, vscode.l10n.t('the workspace'), documents, args.confirm !== false);
    // Links changed in documents the user may never have opened: save those that had no unsaved changes.
    for (const document of documents) {
      if (wasClean.has(document.uri.toString()) && document.isDirty) {
        await document.save();
      }
    }
    return summary;
  };
}

/** CodeLens Update Alt Text: the directive's alt text on its link, nothing generated. */
export function updateAltCommand() {
  return async (ref: DirectiveRef): Promise<number> => {
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === ref?.uri);
    const directive = document && findDirectiveAgain(directivesOf(document), ref);
    if (!document || !directive) {
      void vscode.window.showWarningMessage(withSource(vscode.l10n.t('The directive has changed; try again.')));
      return 0;
    }
    return fixAltTexts(document, new Set([directive.raw]));
  };
}
