import * as assert from 'assert';

// Deliberately failing: loaded only when SPARK_TEST_INCLUDE_FAILING=1 (the runner's self-check).
// Not named *.test.ts, so the normal glob never picks it up. It fails without opening an editor,
// which is all the self-check needs: a ui failure must reach the runner's counts and exit code.
describe('self-check (ui): a failing test', () => {
  it('fails on purpose', () => {
    assert.strictEqual(1 + 1, 3, 'this failure is expected by the runner self-check');
  });
});
