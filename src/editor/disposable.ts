import type * as vscode from 'vscode';

/**
 * For classes that own listeners, registrations and emitters: `register` them as they are made,
 * and `dispose` releases them all, newest first. Anything registered after disposal is released at once.
 * One that throws does not keep the rest alive: every item is released, then the errors are thrown together.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  protected register<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.owned.push(item);
    }
    return item;
  }

  dispose(): void {
    this.disposed = true;
    disposeAll(this.owned.splice(0).reverse());
  }
}

/** Disposes each item in order, whatever the others throw; throws the errors afterwards (one, or an AggregateError). */
export function disposeAll(items: readonly vscode.Disposable[]): void {
  const errors: unknown[] = [];
  for (const item of items) {
    try {
      item.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) {
    throw errors[0];
  }
  if (errors.length > 1) {
    throw new AggregateError(errors, `${errors.length} disposables failed to dispose`);
  }
}
