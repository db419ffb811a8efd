/** What directives will cost: the size each is generated at, and the estimate for a batch. */
import { estimateCostUsd } from '../spend/pricing';
import type { DirectiveRequest } from './directiveTypes';

export interface Size {
  width: number;
  height: number;
}

/** The size a directive will be generated at, given the default size for directives without one. */
export function directiveSize(request: DirectiveRequest, fallback: Size): Size {
  return request.width !== undefined && request.height !== undefined ? { width: request.width, height: request.height } : fallback;
}

/** The estimated cost of one directive (0 for one with problems: nothing is sent for it). */
export function directiveCostUsd(request: DirectiveRequest | undefined, fallback: Size): number {
  if (!request) {
    return 0;
  }
  const { width, height } = directiveSize(request, fallback);
  return estimateCostUsd(width, height);
}

/** The estimated cost of generating these directives, each at its own size or its default one. */
export function estimateDirectivesUsd(items: ReadonlyArray<{ request?: DirectiveRequest; fallback: Size }>): number {
  return items.reduce((sum, item) => sum + directiveCostUsd(item.request, item.fallback), 0);
}
