import * as vscode from 'vscode';
import { translate } from '../l10n';
import type { Provenance } from '../../core/image/provenance';
import { estimateText, PriceBook, pricesFromObject, unitPriceFromBill } from '../../core/spend/pricing';

/** The unit prices learned from bills, per quality class, in global state: one price for every window. */
const LEARNED_PRICES_KEY = 'sparkImage.learnedPrices';

let globalState: vscode.Memento | undefined;

/**
 * Called once at activation: where learned prices live. The generation service teaches them from
 * each delivered image's bill (learnFromDelivery), before the next estimate is made.
 */
export function rememberPricesIn(state: vscode.Memento): void {
  globalState = state;
}

/**
 * sparkImage.price, from the user's settings only: it is application-scoped, so a cloned
 * workspace can never lower the price the estimates and the spend limit count.
 */
function explicitPrices(): PriceBook['explicit'] {
  return pricesFromObject(vscode.workspace.getConfiguration('sparkImage').inspect<unknown>('price')?.globalValue);
}

/** The price book every estimate in the editor uses: the set price, else the last bill's, else the assumption. */
export function priceBook(): PriceBook {
  return { explicit: explicitPrices(), learned: pricesFromObject(globalState?.get<unknown>(LEARNED_PRICES_KEY)) };
}

/**
 * Remembers what a completed generation's bill teaches: its cost divided by its images, for its
 * quality class. A cost that is null, "", 0 or not finite teaches nothing.
 */
export async function learnFromBill(costUsd: unknown, images: number, width: number, height: number): Promise<void> {
  const lesson = unitPriceFromBill(costUsd, images, width, height);
  if (!lesson || !globalState) {
    return;
  }
  const learned = pricesFromObject(globalState.get<unknown>(LEARNED_PRICES_KEY));
  await globalState.update(LEARNED_PRICES_KEY, { ...learned, [lesson.quality]: lesson.unitUsd });
}

/** An amount before the bill, as the editor shows it: "≈ $0.03, estimated" (core estimateText, localized). */
export function estimateLabel(usd: number): string {
  return estimateText(usd, translate);
}

/** What a delivered image's provenance teaches: its task's bill, over the images the task made. */
export function learnFromDelivery(provenance: Pick<Provenance, 'costUsd' | 'generatedImages' | 'width' | 'height'>): Promise<void> {
  return learnFromBill(provenance.costUsd, provenance.generatedImages ?? 1, provenance.width, provenance.height);
}
