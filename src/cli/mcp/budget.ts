import { estimateText, formatUsd } from '../../core/spend/pricing';
import { SparkError } from '../../core/spec/errors';
import { SpendLedger } from '../../core/spend/spendLedger';

/**
 * What one server run may spend: --max-images and --max-cost, counted on a SpendLedger. A call
 * reserves its estimate before anything is sent, so two calls at once cannot both slip under the
 * cap; the billed cost replaces the estimate once known, and a call that never created a task
 * gives its reservation back.
 */
export class McpBudget {
  private readonly ledger = new SpendLedger();

  constructor(private readonly limits: { maxImages?: number; maxCostUsd?: number }) {}

  reserve(estimateUsd: number): { settle(billedUsd: number | undefined): void; release(): void } {
    const { maxImages, maxCostUsd } = this.limits;
    const images = this.ledger.imageCount;
    if (maxImages !== undefined && images + 1 > maxImages) {
      throw new SparkError('validation', `This server run may make at most ${maxImages} image(s) (--max-images) and has made ${images}. Nothing was sent.`);
    }
    if (this.ledger.wouldExceed(estimateUsd, maxCostUsd)) {
      const spent = this.ledger.projectedUsd(0);
      throw new SparkError('validation', `This image costs ${estimateText(estimateUsd)}; with ${formatUsd(spent)} spent, that passes this server run's limit of ${formatUsd(maxCostUsd ?? 0)} (--max-cost). Nothing was sent.`);
    }
    const ticket = this.ledger.start(estimateUsd);
    return {
      // No billed cost reported: the estimate stays counted.
      settle: (billedUsd) => this.ledger.settle(ticket, billedUsd ?? 'estimate'),
      release: () => this.ledger.settle(ticket, 'nothing'),
    };
  }
}
