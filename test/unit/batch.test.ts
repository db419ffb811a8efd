import * as assert from 'assert';
import { runBatch } from '../../src/core/job/batch';
import { tally } from './batchTally';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('batch runner (bounded concurrency)', () => {
  it('never runs more than N at once, runs them all, and returns outcomes in item order', async () => {
    const gates = Array.from({ length: 7 }, () => deferred<string>());
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const done = runBatch(
      gates.map((_, index) => index),
      async (index) => {
        running++;
        peak = Math.max(peak, running);
        started.push(index);
        try {
          return await gates[index].promise;
        } finally {
          running--;
        }
      },
      { concurrency: 3 },
    );
    await tick();
    assert.deepStrictEqual(started, [0, 1, 2]);
    // Finish out of order: the freed lane takes the next item.
    gates[2].resolve('c');
    await tick();
    assert.deepStrictEqual(started, [0, 1, 2, 3]);
    gates.forEach((gate, index) => gate.resolve(String.fromCharCode(97 + index)));
    const outcomes = await done;
    assert.strictEqual(peak, 3);
    assert.deepStrictEqual(
      outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.status)),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    );
  });

  it('one failure does not stop the others', async () => {
    const settled: number[] = [];
    const outcomes = await runBatch(
      [1, 2, 3, 4],
      async (n) => {
        if (n === 2) {
          throw new Error('boom');
        }
        return n * 10;
      },
      { concurrency: 2, onSettled: (_item, _index, _outcome, count) => settled.push(count) },
    );
    assert.deepStrictEqual(tally(outcomes), { fulfilled: 3, rejected: 1, skipped: 0, notSent: 0 });
    const failed = outcomes[1];
    assert.ok(failed.status === 'rejected' && (failed.error as Error).message === 'boom');
    assert.deepStrictEqual(settled, [1, 2, 3, 4]);
  });

  it('cancel: running workers see the abort, nothing new starts, the rest is skipped', async () => {
    const controller = new AbortController();
    const seen: boolean[] = [];
    const done = runBatch(
      [0, 1, 2, 3, 4],
      (index, signal) =>
        new Promise<number>((resolve, reject) => {
          signal.addEventListener('abort', () => {
            seen.push(true);
            reject(new Error('aborted'));
          });
          if (index > 10) {
            resolve(index);
          }
        }),
      { concurrency: 2, signal: controller.signal },
    );
    await tick();
    controller.abort();
    const outcomes = await done;
    assert.strictEqual(seen.length, 2);
    assert.deepStrictEqual(outcomes.map((outcome) => outcome.status), ['rejected', 'rejected', 'skipped', 'skipped', 'skipped']);
  });

  it('already aborted: nothing runs; zero items and odd limits are fine', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const outcomes = await runBatch([1, 2], async () => ++calls, { concurrency: 2, signal: controller.signal });
    assert.strictEqual(calls, 0);
    assert.deepStrictEqual(tally(outcomes), { fulfilled: 0, rejected: 0, skipped: 2, notSent: 0 });
    assert.deepStrictEqual(await runBatch([], async () => 1, { concurrency: 3 }), []);
    assert.strictEqual((await runBatch([1, 2, 3], async (n) => n, { concurrency: 0 })).length, 3);
  });
});

describe('batch runner: a failure every later job would repeat', () => {
  it('starts no further job after it, lets the running ones finish, and marks the rest not sent', async () => {
    const accountFailure = new Error('balance');
    const started: number[] = [];
    const gates = Array.from({ length: 6 }, () => deferred<string>());
    const done = runBatch(
      gates.map((_, index) => index),
      async (index) => {
        started.push(index);
        return gates[index].promise;
      },
      { concurrency: 2, stopAfter: (error) => error === accountFailure },
    );
    await tick();
    assert.deepStrictEqual(started, [0, 1]);
    gates[0].reject(accountFailure);
    await tick();
    gates[1].resolve('paid already');
    const outcomes = await done;
    assert.deepStrictEqual(started, [0, 1], 'nothing started after the failure');
    assert.deepStrictEqual(
      outcomes.map((outcome) => outcome.status),
      ['rejected', 'fulfilled', 'notSent', 'notSent', 'notSent', 'notSent'],
    );
    assert.deepStrictEqual(tally(outcomes), { fulfilled: 1, rejected: 1, skipped: 0, notSent: 4 });
    const notSent = outcomes[2];
    assert.ok(notSent.status === 'notSent' && notSent.reason === accountFailure);
  });

  it('other failures never stop the batch', async () => {
    const outcomes = await runBatch([1, 2, 3], async (n) => {
      if (n === 1) {
        throw new Error('one bad prompt');
      }
      return n;
    }, { concurrency: 1, stopAfter: (error) => (error as Error).message === 'balance' });
    assert.deepStrictEqual(outcomes.map((outcome) => outcome.status), ['rejected', 'fulfilled', 'fulfilled']);
  });
});
