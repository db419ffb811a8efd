/**
 * The weight budget (spark-image.json's `budget.maxBytes`, docs --check --max-bytes): which images
 * are over it, and their weights as a person reads them (k = 1000, as --max-bytes counts).
 */

/** Over the budget: strictly heavier than it (an image of exactly the budget passes). */
export function isOverBudget(bytes: number, budget: number | undefined): budget is number {
  return budget !== undefined && bytes > budget;
}

/** "412 KB", "1,412 KB", "850 bytes": rounded up, so an image 1 byte over a 300 KB budget never reads "300 KB". */
export function weightText(bytes: number): string {
  return bytes < 1000 ? `${bytes} bytes` : `${Math.ceil(bytes / 1000).toLocaleString('en-US')} KB`;
}
