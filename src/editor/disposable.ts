import * as vscode from 'vscode';

/**
 * For classes that own listeners, registrations and emitters: `register` them as they are made,
 * and `dispose` releases them all, newest first. Anything registered after disposal is released at once.
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
    while (this.owned.length > 0) {
      this.owned.pop()?.dispose();
    }
  }
}
