import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';

/** One running generation as the status bar knows it. */
export interface StatusBarJob {
  /** How far the task is, 0..1, as the API reports it. */
  progressed(fraction: number | undefined): void;
  ended(): void;
}

/** How many generations run now, how far each is, and what this session has cost (the API's own usage.cost). */
export class GenerationStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  /** The progress of each running job, in the order they started (undefined: not reported). */
  private readonly jobs = new Map<number, number | undefined>();
  private nextJob = 0;
  private costUsd = 0;
  private images = 0;

  constructor() {
    this.item = vscode.window.createStatusBarItem('sparkImage.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Spark Image');
    this.item.command = CommandIds.showLog;
  }

  get sessionCostUsd(): number {
    return this.costUsd;
  }

  get runningCount(): number {
    return this.jobs.size;
  }

  /** The tooltip now, for tests: the status bar item itself cannot be read through the API. */
  get tooltip(): string | undefined {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : undefined;
  }

  started(): StatusBarJob {
    const id = this.nextJob++;
    this.jobs.set(id, undefined);
    this.render();
    return {
      progressed: (fraction) => {
        if (this.jobs.has(id) && fraction !== undefined && fraction !== this.jobs.get(id)) {
          this.jobs.set(id, fraction);
          this.render();
        }
      },
      ended: () => {
        this.jobs.delete(id);
        this.render();
      },
    };
  }

  /** Counts what the API reported as the real cost of a finished generation. */
  paid(costUsd: number | undefined, images: number): void {
    this.costUsd += costUsd ?? 0;
    this.images += images;
    this.render();
  }

  private render(): void {
    const running = this.jobs.size;
    if (running === 0 && this.images === 0) {
      this.item.hide();
      return;
    }
    const cost = `$${this.costUsd.toFixed(4)}`;
    this.item.text = running > 0 ? `$(sync~spin) ${running} · ${cost}` : `$(file-media) ${cost}`;
    const tooltip = vscode.l10n.t('Spark Image: running {0}; images this session: {1}; cost reported by the API: {2}.', running, this.images, cost);
    const progress = [...this.jobs.values()].filter((fraction): fraction is number => fraction !== undefined).map((fraction) => `${Math.round(fraction * 100)} %`);
    this.item.tooltip = progress.length > 0 ? `${tooltip} ${vscode.l10n.t('Progress: {0}.', progress.join(', '))}` : tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
