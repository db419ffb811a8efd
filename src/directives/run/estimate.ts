import { directiveSize } from '../../core/directives/directiveCost';
import type { DirectiveRequest } from '../../core/directives/directiveTypes';
import { estimateCostUsd } from '../../core/spend/pricing';
import { readSettings } from '../../editor/config';
import { priceBook } from '../../editor/generation/priceMemory';
import type { DirectiveItem } from '../model';

/**
 * The estimated cost of one directive at the price the editor knows (set, learned from the last
 * bill, else assumed); 0 for one with problems: nothing is sent for it.
 */
export function directiveEstimateUsd(request: DirectiveRequest | undefined, fallback: { width: number; height: number }): number {
  if (!request) {
    return 0;
  }
  const { width, height } = directiveSize(request, fallback);
  return estimateCostUsd(width, height, priceBook());
}

/** Estimated cost of generating these directives, at each document's default size where a directive gives none; a re-encode without a request (`free`) costs nothing. */
export function estimateUsd(items: ReadonlyArray<DirectiveItem & { free?: boolean }>): number {
  return items.reduce((sum, item) => sum + (item.free ? 0 : directiveEstimateUsd(item.directive.request, readSettings(item.document.uri).defaultSize)), 0);
}
