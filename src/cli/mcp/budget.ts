import { estimateText, formatUsd } from '../../core/spend/pricing';
import { SparkError } from '../../core/spec/errors';
import { SpendLedger } from '../../core/spend/spendLedger';

/**
 * What one server run may spend: --max-images and --max-cost, counted on a SpendLedger. A call
 * reserves its estimate before anything is sent, so two calls at once cannot both slip under the
 * cap; the billed cost replaces the estimate once known, and a call that never created a task
 * gives its reservation back.
 */
export interface Reservation {
  settle(billedUsd: number | undefined): void;
  release(): void;
}

export class McpBudget {
  private readonly ledger = new SpendLedger();

  constructor(private readonly limits: { maxImages?: number; maxCostUsd?: number }) {}

  /**
   * Reserves one image per estimate (a call's variations), all of them counted against both caps
   * before anything is sent: either every one fits, or nothing is reserved.
   */
  reserve(estimateUsd: number): Reservation {
    return this.reserveAll([estimateUsd])[0];
  }

  reserveAll(estimatesUsd: readonly number[]): Reservation[] {
    const { maxImages, maxCostUsd } = this.limits;
    const images = this.ledger.imageCount;
    const count = estimatesUsd.length;
    const what = count === 1 ? 'This image' : `These ${count} images`;
    if (maxImages !== undefined && images + count > maxImages) {
      throw new SparkError('validation', `This server run may make at most ${maxImages} image(s) (--max-images) and has made ${images}; ${count === 1 ? 'one more' : `${count} more`} would pass it. Nothing was sent.`);
    }
    const totalUsd = estimatesUsd.reduce((sum, usd) => sum + usd, 0);
    if (this.ledger.wouldExceed(totalUsd, maxCostUsd)) {
      const spent = this.ledger.projectedUsd(0);
      throw new SparkError('validation', `${what} cost${count === 1 ? 's' : ''} ${estimateText(totalUsd)}; with ${formatUsd(spent)} spent, that passes this server run's limit of ${formatUsd(maxCostUsd ?? 0)} (--max-cost). Nothing was sent.`);
    }
    return estimatesUsd.map((estimateUsd) => {
      const ticket = this.ledger.start(estimateUsd);
      return {
        // No billed cost reported: the estimate stays counted.
        settle: (billedUsd: number | undefined) => this.ledger.settle(ticket, billedUsd ?? 'estimate'),
        release: () => this.ledger.settle(ticket, 'nothing'),
      };
    });
  }
}
