import * as vscode from 'vscode';

/** How many generations run now, and what this session has cost (the API's own usage.cost). */
export class GenerationStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private running = 0;
  private costUsd = 0;
  private images = 0;

  constructor() {
    this.item = vscode.window.createStatusBarItem('sparkImage.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Spark Image');
    this.item.command = 'sparkImage.showLog';
  }

  get sessionCostUsd(): number {
    return this.costUsd;
  }

  get runningCount(): number {
    return this.running;
  }

  started(): void {
    this.running++;
    this.render();
  }

  ended(): void {
    this.running = Math.max(0, this.running - 1);
    this.render();
  }

  /** Counts what the API reported as the real cost of a finished generation. */
  paid(costUsd: number | undefined, images: number): void {
    this.costUsd += costUsd ?? 0;
    this.images += images;
    this.render();
  }

  private render(): void {
    if (this.running === 0 && this.images === 0) {
      this.item.hide();
      return;
    }
    const cost = `$${this.costUsd.toFixed(4)}`;
    this.item.text = this.running > 0 ? `$(sync~spin) ${this.running} · ${cost}` : `$(file-media) ${cost}`;
    this.item.tooltip = vscode.l10n.t('Spark Image: running {0}; images this session: {1}; cost reported by the API: {2}.', this.running, this.images, cost);
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
