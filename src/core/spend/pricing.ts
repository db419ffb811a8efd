import { english, Translate } from '../base/messages';

/**
 * What an image costs. No public price exists for spark_image_3_1: $0.03 up to 1328×1328 pixels
 * (1K) and $0.06 above (2K) is our documented assumption, until a bill says otherwise (see
 * unitPriceFromBill) or the user sets the price (sparkImage.price, --price). Every amount shown
 * before a generation is an estimate and says so; the billed cost is always the one the API reports.
 */
export const ONE_K_PIXELS = 1328 * 1328;
export const PRICE_1K_USD = 0.03;
export const PRICE_2K_USD = 0.06;

/** The two classes the price depends on. */
export type QualityClass = '1k' | '2k';

export type UnitPrices = Record<QualityClass, number>;

export const ASSUMED_PRICES: Readonly<UnitPrices> = { '1k': PRICE_1K_USD, '2k': PRICE_2K_USD };

/**
 * Where the unit price comes from: set by the user, learned from the last bill of each class, or
 * neither (the assumption).
 */
export interface PriceBook {
  explicit?: Partial<UnitPrices>;
  learned?: Partial<UnitPrices>;
}

export function qualityClassOf(width: number, height: number): QualityClass {
  return width * height > ONE_K_PIXELS ? '2k' : '1k';
}

/** The price estimates show: the user's, else the last bill's, else the assumption. */
export function unitPriceUsd(book: PriceBook, quality: QualityClass): number {
  return book.explicit?.[quality] ?? book.learned?.[quality] ?? ASSUMED_PRICES[quality];
}

/**
 * The price spend limits and caps count: never below the assumption (or the user's own price),
 * so a tiny or odd bill can never switch a cap off.
 */
export function capPriceUsd(book: PriceBook, quality: QualityClass): number {
  const floor = book.explicit?.[quality] ?? ASSUMED_PRICES[quality];
  return Math.max(floor, unitPriceUsd(book, quality));
}

/** The estimate of one image of this size; without a price book, the assumption. */
export function estimateCostUsd(width: number, height: number, book: PriceBook = {}): number {
  return unitPriceUsd(book, qualityClassOf(width, height));
}

/** What one image of this size counts against a spend limit. */
export function capCostUsd(width: number, height: number, book: PriceBook = {}): number {
  return capPriceUsd(book, qualityClassOf(width, height));
}

/** A bill's cost as the API gives it (a number or a decimal string); null, "", 0 or not finite teach nothing. */
function billedUsd(cost: unknown): number | undefined {
  const value = typeof cost === 'number' ? cost : typeof cost === 'string' && cost.trim() !== '' ? Number(cost) : NaN;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The unit price a completed task's bill teaches: its cost divided by the images it made. */
export function unitPriceFromBill(cost: unknown, images: number, width: number, height: number): { quality: QualityClass; unitUsd: number } | undefined {
  const usd = billedUsd(cost);
  if (usd === undefined || !Number.isInteger(images) || images < 1) {
    return undefined;
  }
  return { quality: qualityClassOf(width, height), unitUsd: usd / images };
}

/** Reads `1k=0.03,2k=0.06` (either part alone): --price, and the setting's values. */
export function parsePrices(text: string): Partial<UnitPrices> | 'invalid' {
  const prices: Partial<UnitPrices> = {};
  for (const part of text.split(',')) {
    const match = /^\s*(1k|2k)\s*=\s*\$?(\d+(?:\.\d+)?)\s*$/i.exec(part);
    if (!match || Number(match[2]) <= 0) {
      return 'invalid';
    }
    prices[match[1].toLowerCase() as QualityClass] = Number(match[2]);
  }
  return prices;
}

/** The setting's object form, `{"1k": 0.03, "2k": 0.06}`: positive finite numbers only. */
export function pricesFromObject(value: unknown): Partial<UnitPrices> {
  const prices: Partial<UnitPrices> = {};
  if (typeof value === 'object' && value !== null) {
    for (const quality of ['1k', '2k'] as const) {
      const price = (value as Record<string, unknown>)[quality];
      if (typeof price === 'number' && Number.isFinite(price) && price > 0) {
        prices[quality] = price;
      }
    }
  }
  return prices;
}

/**
 * The one home of written money. A price, a limit or an estimate: "$0.03" (cents). An estimate says
 * it is one (estimateText). A billed amount: as the API reports it, "$0.0315" stays "$0.0315".
 */
export function formatUsd(value: number): string {
  return `$${value.toFixed(2)}`;
}

/** A billed amount (or a sum of bills) as the API reports it: at least cents, no float noise ("$0.24", "$0.0315"). */
export function formatBilledUsd(value: number): string {
  const exact = value.toFixed(6).replace(/0+$/, '');
  const [whole, fraction = ''] = exact.split('.');
  return `$${whole}.${fraction.padEnd(2, '0')}`;
}

/** The estimate's words, for a page that translates its own templates (the studio's). */
export const ESTIMATE_TEMPLATE = '≈ {0}, estimated';

/** An amount before the bill: "≈ $0.03, estimated" (the editor passes its translation; the key is ESTIMATE_TEMPLATE). */
export function estimateText(value: number, t: Translate = english): string {
  return t('≈ {0}, estimated', formatUsd(value));
}

function priceSource(book: PriceBook, quality: QualityClass): string {
  return book.explicit?.[quality] !== undefined ? 'set' : book.learned?.[quality] !== undefined ? 'from the last bill' : 'assumed';
}

/** "$0.03 per 1K image (assumed), $0.06 above 1328×1328 (assumed)", for plans and confirmations. */
export function priceNote(book: PriceBook = {}): string {
  return `${formatUsd(unitPriceUsd(book, '1k'))} per 1K image (${priceSource(book, '1k')}), ${formatUsd(unitPriceUsd(book, '2k'))} above 1328×1328 (${priceSource(book, '2k')})`;
}

/** The assumption alone, for texts written before any bill is known. */
export const PRICE_NOTE = priceNote();
