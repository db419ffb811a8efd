import * as vscode from 'vscode';
import { formatBilledUsd } from '../../core/spend/pricing';
import type { ApiKeyStore } from '../apiKey';
import { CommandIds } from '../commandIds';

/** One running generation as the status bar knows it. */
export interface StatusBarJob {
  /** How far the task is, 0..1, as the API reports it. */
  progressed(fraction: number | undefined): void;
  ended(): void;
}

/** The most generations the tooltip lists one by one (the session total counts them all). */
const LISTED_GENERATIONS = 10;

/**
 * "Spark Image $0.24": what this session has cost (the API's own usage.cost, as it reports it), how
 * many generations run and how far each is. Before any key is set, "Spark Image: Set key" instead.
 */
export class GenerationStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  /** The progress of each running job, in the order they started (undefined: not reported). */
  private readonly jobs = new Map<number, number | undefined>();
  /** What each finished generation of this session was billed (undefined: the API reported none). */
  private readonly bills: Array<{ costUsd: number | undefined; images: number }> = [];
  private nextJob = 0;
  private costUsd = 0;
  private images = 0;
  /** Whether a key is set; undefined until the store has answered. */
  private hasKey: boolean | undefined;
  private keyWatch: vscode.Disposable | undefined;

  constructor() {
    this.item = vscode.window.createStatusBarItem('sparkImage.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Spark Image');
    this.item.command = CommandIds.showLog;
  }

  /** Follows the key store: without a key, the item offers to set one. */
  watchKey(keys: ApiKeyStore): void {
    const refresh = async () => {
      this.hasKey = (await keys.get()) !== undefined;
      this.render();
    };
    this.keyWatch?.dispose();
    this.keyWatch = keys.onDidChange(() => void refresh());
    void refresh();
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
    this.bills.push({ costUsd, images });
    this.render();
  }

  private render(): void {
    const running = this.jobs.size;
    if (this.hasKey === false && running === 0) {
      this.item.text = `$(key) ${vscode.l10n.t('Spark Image: Set key')}`;
      this.item.tooltip = vscode.l10n.t('Spark Image: no API key is set. Click to set one; it is kept in the system keychain.');
      this.item.command = CommandIds.setApiKey;
      this.item.show();
      return;
    }
    if (running === 0 && this.images === 0 && this.hasKey === undefined) {
      this.item.hide();
      return;
    }
    this.item.command = CommandIds.showLog;
    const cost = formatBilledUsd(this.costUsd);
    this.item.text = running > 0 ? `$(sync~spin) ${vscode.l10n.t('Spark Image {0} · {1} running', cost, running)}` : `$(file-media) ${vscode.l10n.t('Spark Image {0}', cost)}`;
    this.item.tooltip = this.tooltipText(running, cost);
    this.item.show();
  }

  /** This session's total, then each generation's bill, then the progress of the running ones. */
  private tooltipText(running: number, cost: string): string {
    const lines = [vscode.l10n.t('Spark Image: this session {0} for {1} image(s), billed as the API reports it.', cost, this.images)];
    const listed = this.bills.slice(-LISTED_GENERATIONS);
    if (listed.length > 0) {
      const each = listed.map((bill) => (bill.costUsd === undefined ? vscode.l10n.t('not reported') : formatBilledUsd(bill.costUsd)));
      const earlier = this.bills.length - listed.length;
      lines.push(earlier > 0 ? vscode.l10n.t('Per generation (the last {0}): {1}.', listed.length, each.join(', ')) : vscode.l10n.t('Per generation: {0}.', each.join(', ')));
    }
    if (running > 0) {
      lines.push(vscode.l10n.t('Running: {0}.', running));
      const progress = [...this.jobs.values()].filter((fraction): fraction is number => fraction !== undefined).map((fraction) => `${Math.round(fraction * 100)}%`);
      if (progress.length > 0) {
        lines.push(vscode.l10n.t('Progress: {0}.', progress.join(', ')));
      }
    }
    return lines.join('\n');
  }

  dispose(): void {
    this.keyWatch?.dispose();
    this.item.dispose();
  }
}
