import * as vscode from 'vscode';
import { withSource } from '../../editor/l10n';
import { Logger } from '../../core/base/logger';
import { runBatch } from '../../core/job/batch';
import { isAccountFailure } from '../../core/spec/errors';
import { estimateLabel } from '../../editor/generation/priceMemory';
import type { DirectiveItem } from '../model';
import { describeFailure, reportBatch } from './batchReport';
import { BatchFailure, BatchSummary, plannedSummary, tallyOutcomes } from './batchSummary';
import { estimateUsd } from './estimate';
import { DirectiveRunner } from './runner';
import type { RunMode } from './seedMode';

/** A directive of a batch: generated, unless it says otherwise (an output change is re-encoded; `free`: without a request). */
export interface PlannedItem extends DirectiveItem {
  mode?: RunMode;
  free?: boolean;
}

/** A directive with problems, skipped: its first error. */
function skipped(item: DirectiveItem): BatchFailure {
  const issue = item.directive.issues.find((candidate) => candidate.severity === 'error');
  return describeFailure(item, issue?.message ?? '', issue?.code);
}

/** The question before a batch: the first directives, what is skipped, and the estimated cost. */
async function confirmBatch(scope: string, items: readonly DirectiveItem[], invalid: readonly DirectiveItem[], estimatedCostUsd: number): Promise<boolean> {
  const generate = vscode.l10n.t('Generate');
  const lines = items.slice(0, 12).map((item) => `• ${vscode.workspace.asRelativePath(item.document.uri)}:${item.directive.line + 1} ${item.directive.prompt.slice(0, 60)}`);
  if (items.length > lines.length) {
    lines.push(vscode.l10n.t('… and {0} more', items.length - lines.length));
  }
  if (invalid.length > 0) {
    lines.push('', vscode.l10n.t('{0} directive(s) with problems will be skipped.', invalid.length));
  }
  const choice = await vscode.window.showInformationMessage(
    withSource(vscode.l10n.t('Generate {0} missing image(s) in {1}? Cost: {2}.', items.length, scope, estimateLabel(estimatedCostUsd))),
    { modal: true, detail: lines.join('\n') },
    generate,
  );
  return choice === generate;
}

/** Batches of directives: asked once, run under one cancellable notification, told in one summary. */
export class DirectiveBatches {
  constructor(
    private readonly runner: DirectiveRunner,
    private readonly logger: Logger,
  ) {}

  /**
   * Asks once (unless told not to), then generates every item under one cancellable notification,
   * at most `batchConcurrency` at a time; one failure never stops the others. Ends with a summary.
   */
  async run(scope: string, items: readonly PlannedItem[], invalid: readonly DirectiveItem[], confirm: boolean): Promise<BatchSummary> {
    const summary = plannedSummary(items.length, estimateUsd(items), invalid.map(skipped));
    if (items.length === 0) {
      const message =
        invalid.length > 0
          ? vscode.l10n.t('No missing images to generate in {0}; {1} directive(s) have problems (see Problems).', scope, invalid.length)
          : vscode.l10n.t('No missing images in {0}: every directive has its image.', scope);
      void vscode.window.showInformationMessage(withSource(message));
      return summary;
    }
    if (confirm && !(await confirmBatch(scope, items, invalid, summary.estimatedCostUsd))) {
      summary.confirmed = false;
      return summary;
    }
    const concurrency = Math.min(8, Math.max(1, Math.floor(vscode.workspace.getConfiguration('sparkImage').get<number>('batchConcurrency', 3))));
    const outcomes = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Spark Image: generating {0} image(s)', items.length), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancel = token.onCancellationRequested(() => controller.abort());
        progress.report({ message: vscode.l10n.t('{0} of {1}', 0, items.length) });
        try {
          return await runBatch(items, (item, signal) => this.runner.run(item, item.mode ?? 'generate', { signal, progress: 'none', agreed: true }), {
            concurrency,
            signal: controller.signal,
            stopAfter: isAccountFailure,
            onSettled: (_item, _index, _outcome, done) => progress.report({ message: vscode.l10n.t('{0} of {1}', done, items.length), increment: 100 / items.length }),
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    tallyOutcomes(summary, items, outcomes, describeFailure);
    for (const failure of summary.failed) {
      this.logger.error(`${failure.file}:${failure.line}: ${failure.message}`);
    }
    reportBatch(scope, summary, this.logger);
    return summary;
  }
}
