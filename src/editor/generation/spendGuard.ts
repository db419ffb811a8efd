import * as vscode from 'vscode';
import { withSource } from '../l10n';
import { capCostUsd, estimateCostUsd, formatBilledUsd, formatUsd, PriceBook } from '../../core/spend/pricing';
import { isSparkError } from '../../core/spec/errors';
import { Logger } from '../../core/base/logger';
import { parseSpendLimit, SpendLedger, SpendTicket } from '../../core/spend/spendLedger';
import { estimateLabel, priceBook } from './priceMemory';

/**
 * sparkImage.spendLimit, in USD per window session (0: off). Every scope may lower it and none may
 * raise it: a cloned repository's settings can only make the guard stricter.
 */
export function readSpendLimit(): number | undefined {
  const inspected = vscode.workspace.getConfiguration('sparkImage').inspect<number>('spendLimit');
  const limits = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue]
    .map((value) => parseSpendLimit(value))
    .filter((value): value is number => typeof value === 'number');
  return limits.length > 0 ? Math.min(...limits) : undefined;
}

/**
 * Asks before a generation would take this window session past the spend limit. Counted from the
 * costs the API reported, plus an estimate for each generation still running.
 */
export class SpendGuard {
  /** One question at a time: jobs of a batch that reach the limit together ask in turn. */
  private asking: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly logger: Logger,
    readonly ledger = new SpendLedger(),
    private readonly limit: () => number | undefined = readSpendLimit,
    private readonly prices: () => PriceBook = priceBook,
  ) {}

  /**
   * What one image of this size is estimated to cost, at the price this window knows. Front ends in
   * other bundles (the agent tool) ask here: the learned prices live in this bundle's priceMemory.
   */
  estimateUsd(width: number, height: number): number {
    return estimateCostUsd(width, height, this.prices());
  }

  /** A ticket to settle when the generation ends, or undefined when the user declined (send nothing). */
  async admit(width: number, height: number): Promise<SpendTicket | undefined> {
    const turn = this.asking.then(() => {
      // Read when its turn comes: a bill that arrived while an earlier question was open counts.
      const book = this.prices();
      return this.ask(estimateCostUsd(width, height, book), capCostUsd(width, height, book));
    });
    this.asking = turn.catch(() => undefined);
    return turn;
  }

  /** Tickets for several generations, counted together before any is sent (one question for all); undefined when declined. */
  async admitAll(sizes: ReadonlyArray<{ width: number; height: number }>): Promise<SpendTicket[] | undefined> {
    const turn = this.asking.then(async () => {
      const book = this.prices();
      const estimate = sizes.reduce((sum, { width, height }) => sum + estimateCostUsd(width, height, book), 0);
      const counted = sizes.map(({ width, height }) => capCostUsd(width, height, book));
      const first = await this.ask(estimate, counted.reduce((sum, one) => sum + one, 0), sizes.length);
      if (!first) {
        return undefined;
      }
      // The question counted the total: one ticket each, so each settles with its own bill.
      this.ledger.settle(first, 'nothing');
      return counted.map((one) => this.ledger.start(one));
    });
    this.asking = turn.catch(() => undefined);
    return turn;
  }

  /**
   * `estimate` is what the user is shown (the learned price); `counted` is what the limit counts
   * (never below the assumption), so a tiny bill cannot switch the limit off.
   */
  private async ask(estimate: number, counted: number, images = 1): Promise<SpendTicket | undefined> {
    const limit = this.limit();
    if (!this.ledger.wouldExceed(counted, limit)) {
      return this.ledger.start(counted);
    }
    const spent = this.ledger.spentUsd;
    const running = this.ledger.runningUsd;
    const generate = vscode.l10n.t('Generate Anyway');
    const detail =
      images > 1
        ? groupDetail(spent, running, images, estimate, limit ?? 0)
        : running > 0
        ? vscode.l10n.t('Spent so far in this window: {0}, and {1} for generations still running. This image costs {2}; the limit is {3} (sparkImage.spendLimit).', formatBilledUsd(spent), estimateLabel(running), estimateLabel(estimate), formatUsd(limit ?? 0))
        : vscode.l10n.t('Spent so far in this window: {0}. This image costs {1}; the limit is {2} (sparkImage.spendLimit).', formatBilledUsd(spent), estimateLabel(estimate), formatUsd(limit ?? 0));
    const choice = await vscode.window.showWarningMessage(withSource(vscode.l10n.t('This generation would pass your spend limit of {0}.', formatUsd(limit ?? 0))), { modal: true, detail }, generate);
    if (choice !== generate) {
      this.logger.info(`spend limit ${formatUsd(limit ?? 0)}: declined at ${formatUsd(spent)} spent, ${formatUsd(running)} running; nothing sent`);
      return undefined;
    }
    this.logger.info(`spend limit ${formatUsd(limit ?? 0)}: passed on request at ${formatUsd(spent)} spent`);
    return this.ledger.start(counted);
  }

  /** A generation delivered: the cost the API reported, else its estimate. */
  settleDone(ticket: SpendTicket, reportedUsd: number | undefined): void {
    this.ledger.settle(ticket, reportedUsd ?? 'estimate');
  }

  /**
   * A generation failed. With a task created (or maybe created) it may have been charged, so its
   * estimate stays counted, unless the task itself failed; without one nothing was spent.
   */
  settleFailed(ticket: SpendTicket, error: unknown, taskCreated: boolean): void {
    const maybeCharged = isSparkError(error) && error.kind === 'outcomeUnknown' ? true : taskCreated && !(isSparkError(error) && error.kind === 'api');
    this.ledger.settle(ticket, maybeCharged ? 'estimate' : 'nothing');
  }
}

/** The question's detail for several images asked together (the studio's variations): their total. */
function groupDetail(spent: number, running: number, images: number, estimate: number, limit: number): string {
  return running > 0
    ? vscode.l10n.t('Spent so far in this window: {0}, and {1} for generations still running. These {2} images cost {3}; the limit is {4} (sparkImage.spendLimit).', formatBilledUsd(spent), estimateLabel(running), images, estimateLabel(estimate), formatUsd(limit))
    : vscode.l10n.t('Spent so far in this window: {0}. These {1} images cost {2}; the limit is {3} (sparkImage.spendLimit).', formatBilledUsd(spent), images, estimateLabel(estimate), formatUsd(limit));
}
