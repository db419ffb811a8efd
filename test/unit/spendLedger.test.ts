import * as assert from 'assert';
import { parseSpendLimit, SpendLedger } from '../../src/core/spend/spendLedger';

describe('spend ledger (the spend guard’s arithmetic)', () => {
  it('counts reported costs, and an estimate for each generation still running', () => {
    const ledger = new SpendLedger();
    const first = ledger.start(0.03);
    const second = ledger.start(0.06);
    assert.strictEqual(ledger.runningUsd, 0.09);
    assert.strictEqual(ledger.wouldExceed(0.03, 0.1), true, 'the running estimates count against the limit');
    ledger.settle(first, 0.0285);
    assert.strictEqual(ledger.spentUsd, 0.0285, 'the cost the API reported, not the estimate');
    ledger.settle(second, 'nothing');
    assert.strictEqual(ledger.spentUsd, 0.0285, 'nothing created, nothing counted');
    assert.strictEqual(ledger.runningUsd, 0);
    ledger.settle(first, 1);
    assert.strictEqual(ledger.spentUsd, 0.0285, 'a ticket settles once');
  });

  it('keeps the estimate of a task that may have been charged, and compares in cents', () => {
    const ledger = new SpendLedger();
    ledger.settle(ledger.start(0.03), 'estimate');
    ledger.settle(ledger.start(0.03), 'estimate');
    assert.strictEqual(ledger.wouldExceed(0.03, 0.09), false, 'three $0.03 images fit $0.09 despite binary fractions');
    assert.strictEqual(ledger.wouldExceed(0.06, 0.09), true);
    assert.strictEqual(ledger.wouldExceed(1000, undefined), false, 'no limit, never exceeded');
  });

  it('counts the images that were or may have been charged, and those still running', () => {
    const ledger = new SpendLedger();
    const running = ledger.start(0.03);
    ledger.settle(ledger.start(0.03), 0.03);
    ledger.settle(ledger.start(0.03), 'estimate');
    ledger.settle(ledger.start(0.03), 'nothing');
    assert.strictEqual(ledger.imageCount, 3);
    ledger.settle(running, 'nothing');
    assert.strictEqual(ledger.imageCount, 2);
  });

  it('reads a limit as settings, flags and variables give it: 0 or nothing is off', () => {
    assert.strictEqual(parseSpendLimit(undefined), undefined);
    assert.strictEqual(parseSpendLimit(0), undefined);
    assert.strictEqual(parseSpendLimit('0'), undefined);
    assert.strictEqual(parseSpendLimit('1.50'), 1.5);
    assert.strictEqual(parseSpendLimit('$2'), 2);
    assert.strictEqual(parseSpendLimit(0.25), 0.25);
    assert.strictEqual(parseSpendLimit('-1'), 'invalid');
    assert.strictEqual(parseSpendLimit('lots'), 'invalid');
    assert.strictEqual(parseSpendLimit(Number.NaN), 'invalid');
  });
});
