/**
 * What an image costs, as the API charges it: $0.03 up to 1328×1328 pixels (1K), $0.06 above (2K).
 * Used for estimates only; the billed cost is always the one the API reports.
 */
export const ONE_K_PIXELS = 1328 * 1328;
export const PRICE_1K_USD = 0.03;
export const PRICE_2K_USD = 0.06;

export function estimateCostUsd(width: number, height: number): number {
  return width * height > ONE_K_PIXELS ? PRICE_2K_USD : PRICE_1K_USD;
}

export function formatUsd(value: number): string {
  return `$${value.toFixed(2)}`;
}

/** "$0.03 per 1K image, $0.06 above 1328×1328", for plans and confirmations. */
export const PRICE_NOTE = `$${PRICE_1K_USD.toFixed(2)} per 1K image, $${PRICE_2K_USD.toFixed(2)} above 1328×1328`;
