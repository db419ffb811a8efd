import { estimateDirectivesUsd } from '../../core/directives/directiveCost';
import { readSettings } from '../../editor/config';
import type { DirectiveItem } from '../model';

/** Estimated cost of generating these directives, at each document's default size where a directive gives none. */
export function estimateUsd(items: readonly DirectiveItem[]): number {
  return estimateDirectivesUsd(items.map((item) => ({ request: item.directive.request, fallback: readSettings(item.document.uri).defaultSize })));
}
