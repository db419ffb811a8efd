import * as assert from 'assert';
import { McpBudget } from '../../src/cli/mcp/budget';
import { SparkError } from '../../src/core/spec/errors';

function refusal(pattern: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof SparkError && error.kind === 'validation' && pattern.test(error.message);
}

describe('spark-image mcp: the server run budget (on the SpendLedger)', () => {
  it('counts reservations at once, so two calls cannot both slip under --max-images', () => {
    const budget = new McpBudget({ maxImages: 2 });
    budget.reserve(0.03);
    const second = budget.reserve(0.03);
    assert.throws(() => budget.reserve(0.03), refusal(/at most 2 image\(s\).*has made 2/));
    second.release();
    budget.reserve(0.03);
  });

  it('replaces the estimate with the billed cost, keeps it when none is reported, and compares in hundredths of a cent', () => {
    const budget = new McpBudget({ maxCostUsd: 0.09 });
    budget.reserve(0.03).settle(0.03);
    budget.reserve(0.03).settle(undefined);
    budget.reserve(0.03);
    assert.throws(() => budget.reserve(0.03), refusal(/This image costs ≈ \$0\.03, estimated; with \$0\.09 spent, that passes this server run's limit of \$0\.09/));
    const cheap = new McpBudget({ maxCostUsd: 0.05 });
    cheap.reserve(0.03).settle(0.01);
    cheap.reserve(0.03);
  });

  it('a released reservation settles nothing afterwards, and a settled one cannot be released', () => {
    const budget = new McpBudget({ maxCostUsd: 0.06, maxImages: 2 });
    const first = budget.reserve(0.03);
    first.settle(0.03);
    first.release();
    const second = budget.reserve(0.03);
    second.release();
    second.settle(0.03);
    budget.reserve(0.03);
    assert.throws(() => budget.reserve(0.03), refusal(/at most 2 image/));
  });
});
