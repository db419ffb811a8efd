import * as vscode from 'vscode';
import { withSource } from '../../editor/l10n';
import { CommandIds } from '../../editor/commandIds';
import { Logger } from '../../core/base/logger';
import type { DirectiveItem } from '../model';
import type { BatchFailure, BatchSummary } from './batchSummary';

/** A directive that failed or was skipped, named by file and line as the workspace shows them. */
export function describeFailure(item: DirectiveItem, message: string, code?: string): BatchFailure {
  return { file: vscode.workspace.asRelativePath(item.document.uri), line: item.directive.line + 1, prompt: item.directive.prompt, message, code };
}

/** The summary people see at the end of a batch: a toast when all went well, else a warning with Show Log. */
export function reportBatch(scope: string, summary: BatchSummary, logger: Logger): void {
  const problems = [...summary.failed, ...summary.invalid];
  const headline = vscode.l10n.t('{0} of {1} image(s) generated in {2}.', summary.generated, summary.planned, scope);
  if (problems.length === 0 && summary.cancelled === 0 && summary.notSent === 0) {
    void vscode.window.showInformationMessage(withSource(headline));
    return;
  }
  const parts = [headline];
  if (summary.failed.length > 0) {
    parts.push(vscode.l10n.t('Failed: {0}.', summary.failed.map((failure) => `${failure.file}:${failure.line} (${failure.message.split('\n')[0]})`).join('; ')));
  }
  if (summary.invalid.length > 0) {
    parts.push(vscode.l10n.t('Skipped, with problems: {0}.', summary.invalid.map((failure) => `${failure.file}:${failure.line}${failure.code ? ` [${failure.code}]` : ''}`).join('; ')));
  }
  if (summary.cancelled > 0) {
    parts.push(vscode.l10n.t('Cancelled: {0}.', summary.cancelled));
  }
  if (summary.notSent > 0) {
    parts.push(vscode.l10n.t('Stopped: {0} not sent, because every one would fail the same way: {1}', summary.notSent, (summary.stoppedBecause ?? '').split('\n')[0]));
  }
  for (const failure of summary.invalid) {
    logger.warn(`skipped ${failure.file}:${failure.line}: ${failure.message}`);
  }
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showWarningMessage(withSource(parts.join(' ')), showLog).then((choice) => {
    if (choice === showLog) {
      void vscode.commands.executeCommand(CommandIds.showLog);
    }
  });
}
