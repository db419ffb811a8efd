import { formatUsd } from '../../core/directives/directives';
import { SparkError } from '../../core/spec/errors';

/**
 * What one server run may spend: --max-images and --max-cost. A call reserves its estimate before
 * anything is sent, so two calls at once cannot both slip under the cap; the billed cost replaces
 * the estimate once known, and a call that never created a task gives its reservation back.
 */
export class McpBudget {
  private images = 0;
  private spentUsd = 0;

  constructor(private readonly limits: { maxImages?: number; maxCostUsd?: number }) {}

  reserve(estimateUsd: number): { settle(billedUsd: number | undefined): void; release(): void } {
    const { maxImages, maxCostUsd } = this.limits;
    if (maxImages !== undefined && this.images + 1 > maxImages) {
      throw new SparkError('validation', `This server run may make at most ${maxImages} image(s) (--max-images) and has made ${this.images}. Nothing was sent.`);
    }
    if (maxCostUsd !== undefined && Math.round((this.spentUsd + estimateUsd) * 10_000) > Math.round(maxCostUsd * 10_000)) {
      throw new SparkError('validation', `This image would cost about ${formatUsd(estimateUsd)}; with ${formatUsd(this.spentUsd)} spent, that passes this server run's limit of ${formatUsd(maxCostUsd)} (--max-cost). Nothing was sent.`);
    }
    this.images += 1;
    this.spentUsd += estimateUsd;
    let open = true;
    return {
      settle: (billedUsd) => {
        if (open && billedUsd !== undefined) {
          this.spentUsd += billedUsd - estimateUsd;
        }
        open = false;
      },
      release: () => {
        if (open) {
          this.images -= 1;
          this.spentUsd -= estimateUsd;
        }
        open = false;
      },
    };
  }
}
