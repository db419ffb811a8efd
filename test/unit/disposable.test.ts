// The Disposable base and disposeAll, in plain Node: disposable.ts imports vscode for types only.
import * as assert from 'assert';
import { Disposable, disposeAll } from '../../src/editor/disposable';

class Owner extends Disposable {
  own<T extends { dispose(): void }>(item: T): T {
    return this.register(item);
  }
}

/** An item that writes its name in `log` when disposed, and throws `error` if one is given. */
function item(log: string[], name: string, error?: Error): { dispose(): void } {
  return {
    dispose: () => {
      log.push(name);
      if (error) {
        throw error;
      }
    },
  };
}

describe('Disposable and disposeAll', () => {
  it('disposes what it registered newest first', () => {
    const log: string[] = [];
    const owner = new Owner();
    for (const name of ['listener', 'emitter', 'watcher']) {
      owner.own(item(log, name));
    }
    owner.dispose();
    assert.deepStrictEqual(log, ['watcher', 'emitter', 'listener']);
  });

  it('disposes every item although one throws, then throws that error itself', () => {
    const log: string[] = [];
    const boom = new Error('boom');
    const owner = new Owner();
    owner.own(item(log, 'first'));
    owner.own(item(log, 'thrower', boom));
    owner.own(item(log, 'last'));
    assert.throws(
      () => owner.dispose(),
      (error: unknown) => error === boom,
    );
    assert.deepStrictEqual(log, ['last', 'thrower', 'first']);
  });

  it('throws two errors as one AggregateError holding both, in the order they were thrown', () => {
    const log: string[] = [];
    const older = new Error('older');
    const newer = new Error('newer');
    const owner = new Owner();
    owner.own(item(log, 'older', older));
    owner.own(item(log, 'quiet'));
    owner.own(item(log, 'newer', newer));
    assert.throws(
      () => owner.dispose(),
      (error: unknown) => error instanceof AggregateError && error.errors.length === 2 && error.errors[0] === newer && error.errors[1] === older,
    );
    assert.deepStrictEqual(log, ['newer', 'quiet', 'older']);
  });

  it('disposes at once what is registered after dispose, and hands it back', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.own(item(log, 'before'));
    owner.dispose();
    const late = item(log, 'late');
    assert.strictEqual(owner.own(late), late);
    assert.deepStrictEqual(log, ['before', 'late']);
  });

  it('a second dispose releases nothing twice', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.own(item(log, 'once'));
    owner.dispose();
    owner.dispose();
    assert.deepStrictEqual(log, ['once']);
  });

  it('disposeAll keeps the order it is given and throws nothing when nothing fails', () => {
    const log: string[] = [];
    disposeAll([item(log, 'a'), item(log, 'b'), item(log, 'c')]);
    assert.deepStrictEqual(log, ['a', 'b', 'c']);
    assert.doesNotThrow(() => disposeAll([]));
  });
});
