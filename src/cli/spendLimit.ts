import { capCostUsd, estimateText, formatUsd, parsePrices, PriceBook } from '../core/spend/pricing';
import { PriceStore } from '../node/priceStore';
import { stateDirOf } from '../node/tasks/stateDir';
import { SparkError } from '../core/spec/errors';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH } from '../core/spec/spec';
import { parseSpendLimit, SpendLedger } from '../core/spend/spendLedger';
import { SharedOptions } from './commandTypes';
import { UsageError } from './usageError';

export const MAX_COST_ENV = 'SPARK_IMAGE_MAX_COST';

/** The spend limit of this run in USD: --max-cost, else SPARK_IMAGE_MAX_COST; undefined when neither (or 0). */
export function maxCostFrom(shared: Pick<SharedOptions, 'maxCost'>, env: NodeJS.ProcessEnv): number | undefined {
  const [value, source] = shared.maxCost !== undefined ? [shared.maxCost, '--max-cost'] : [env[MAX_COST_ENV], MAX_COST_ENV];
  const limit = parseSpendLimit(value?.trim());
  if (limit === 'invalid') {
    throw new UsageError(`${source} takes an amount in USD such as 0.50, not ${JSON.stringify(value)}.`);
  }
  return limit;
}

/** The prices of this run: --price if given, and what earlier runs learned from bills (in the state folder). */
export function priceBookFrom(shared: Pick<SharedOptions, 'price'>, env: NodeJS.ProcessEnv): PriceBook {
  const explicit = shared.price === undefined ? undefined : parsePrices(shared.price);
  if (explicit === 'invalid') {
    throw new UsageError(`--price takes unit prices in USD such as 1k=0.03,2k=0.06, not ${JSON.stringify(shared.price)}.`);
  }
  return { explicit, learned: new PriceStore(stateDirOf(env)).learned() };
}

/** What one image of this size counts against the limit (the API's default size when none is given). */
export function imageEstimateUsd(width: string | number | undefined, height: string | number | undefined, book: PriceBook = {}): number {
  const w = Number(width ?? DEFAULT_WIDTH);
  const h = Number(height ?? DEFAULT_HEIGHT);
  return capCostUsd(Number.isFinite(w) ? w : DEFAULT_WIDTH, Number.isFinite(h) ? h : DEFAULT_HEIGHT, book);
}

/** Refuses, before anything is sent, a run whose estimated cost passes the limit (exit code 2). */
export function refuseOverLimit(estimateUsd: number, limitUsd: number | undefined, what: string): void {
  // One run, one ledger: nothing is spent yet, so only this run's estimate counts.
  if (new SpendLedger().wouldExceed(estimateUsd, limitUsd)) {
    throw new SparkError('validation', `${what} would cost ${estimateText(estimateUsd)}, above the limit of ${formatUsd(limitUsd ?? 0)} (--max-cost or ${MAX_COST_ENV}). Nothing was sent.`);
  }
}
