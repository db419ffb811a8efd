/**
 * What one session has spent: the costs the API reported for finished generations, plus an
 * estimate for each one still running (its cost is known only when it completes). Pure, so the
 * editor and the CLI count the same way.
 */
export interface SpendTicket {
  readonly estimateUsd: number;
}

/** Amounts compared in hundredths of a cent, so that three $0.03 images fit a $0.09 limit despite binary fractions. */
function inTicks(usd: number): number {
  return Math.round(usd * 10_000);
}

export class SpendLedger {
  private reportedUsd = 0;
  private settledImages = 0;
  private readonly running = new Set<SpendTicket>();

  /** Generations that were or may have been charged, plus those still running. */
  get imageCount(): number {
    return this.settledImages + this.running.size;
  }

  /** Reported costs, plus the estimate of each generation that finished without one. */
  get spentUsd(): number {
    return this.reportedUsd;
  }

  /** The estimates of the generations still running. */
  get runningUsd(): number {
    let sum = 0;
    for (const ticket of this.running) {
      sum += ticket.estimateUsd;
    }
    return sum;
  }

  /** What the session would have spent once one more generation of this estimate is done. */
  projectedUsd(estimateUsd: number): number {
    return this.spentUsd + this.runningUsd + estimateUsd;
  }

  /** Whether one more generation would take the session past the limit (undefined: no limit). */
  wouldExceed(estimateUsd: number, limitUsd: number | undefined): boolean {
    return limitUsd !== undefined && inTicks(this.projectedUsd(estimateUsd)) > inTicks(limitUsd);
  }

  /** A generation starts: its estimate counts until it settles. */
  start(estimateUsd: number): SpendTicket {
    const ticket = { estimateUsd };
    this.running.add(ticket);
    return ticket;
  }

  /**
   * It ended. `charged`: the cost the API reported, `'estimate'` when it may have been charged
   * without saying (a paid task that then failed to download), `'nothing'` when nothing was created.
   */
  settle(ticket: SpendTicket, charged: number | 'estimate' | 'nothing'): void {
    if (!this.running.delete(ticket)) {
      return;
    }
    if (charged === 'nothing') {
      return;
    }
    this.settledImages += 1;
    this.reportedUsd += typeof charged === 'number' && Number.isFinite(charged) && charged >= 0 ? charged : ticket.estimateUsd;
  }
}

/** A limit in USD as a setting, flag or variable gives it: a positive number, or undefined (off). */
export function parseSpendLimit(value: unknown): number | undefined | 'invalid' {
  if (value === undefined || value === null || value === '' || value === 0) {
    return undefined;
  }
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\$?\d+(\.\d+)?\s*$/.test(value) ? Number(value.trim().replace(/^\$/, '')) : NaN;
  if (!Number.isFinite(number) || number < 0) {
    return 'invalid';
  }
  return number === 0 ? undefined : number;
}
