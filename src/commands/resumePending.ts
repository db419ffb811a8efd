import * as vscode from 'vscode';
import { altTextFromPrompt } from '../core/links/linkText';
import { GenerationService } from '../editor/generation/generationService';
import { PendingEntry, PendingStore } from '../editor/generation/pendingStore';

interface PendingItem extends vscode.QuickPickItem {
  entry: PendingEntry;
}

function age(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60 ? vscode.l10n.t('{0} min ago', minutes) : vscode.l10n.t('{0} h ago', Math.round(minutes / 60));
}

/** Lists paid tasks whose image has not landed yet, and finishes the ones the user picks. */
export function resumePendingCommand(service: GenerationService, pending: PendingStore) {
  return async (): Promise<void> => {
    const entries = pending.list();
    if (entries.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Spark Image: no pending generations.'));
      return;
    }
    const items: PendingItem[] = entries.map((entry) => ({
      label: altTextFromPrompt(entry.request.prompt, 60),
      description: `${entry.request.width}×${entry.request.height} · ${age(Date.now() - entry.createdAt)}`,
      detail: entry.lastError ? vscode.l10n.t('Task {0} — stopped: {1}', entry.taskId, entry.lastError) : vscode.l10n.t('Task {0}', entry.taskId),
      entry,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Spark Image: Resume Pending Generations'), canPickMany: true, placeHolder: vscode.l10n.t('Pick the generations to finish') });
    for (const item of picked ?? []) {
      void service.resume(item.entry);
    }
  };
}
