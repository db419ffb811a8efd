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
  /** Paid tasks the window keeps (running ones included); undefined until watched. */
  private pendingCount: () => number = () => 0;
  private pendingWatch: vscode.Disposable | undefined;

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

  /**
   * Follows the paid tasks the window keeps: those not running here (a cancelled one that may still
   * finish and be billed, one a reload interrupted) are counted, and a click resumes them.
   */
  watchPending(store: { list(): unknown[]; onDidChange: vscode.Event<void> }): void {
    this.pendingWatch?.dispose();
    this.pendingCount = () => store.list().length;
    this.pendingWatch = store.onDidChange(() => this.render());
    this.render();
  }

  /** Paid tasks kept and not running in this window. */
  get keptCount(): number {
    return Math.max(0, this.pendingCount() - this.jobs.size);
  }

  /** The item's text now, for tests. */
  get text(): string {
    return this.item.text;
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
    const kept = this.keptCount;
    if (running === 0 && kept === 0 && this.images === 0 && this.hasKey === undefined) {
      this.item.hide();
      return;
    }
    this.item.command = running === 0 && kept > 0 ? CommandIds.resumePending : CommandIds.showLog;
    const cost = formatBilledUsd(this.costUsd);
    const text = running > 0 ? `$(sync~spin) ${vscode.l10n.t('Spark Image {0} · {1} running', cost, running)}` : `$(file-media) ${vscode.l10n.t('Spark Image {0}', cost)}`;
    this.item.text = kept > 0 ? `${text} ${vscode.l10n.t('· {0} pending', kept)}` : text;
    this.item.tooltip = this.tooltipText(running, cost, kept);
    this.item.show();
  }

  /** This session's total, then each generation's bill, then the progress of the running ones. */
  private tooltipText(running: number, cost: string, kept: number): string {
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
    if (kept > 0) {
      lines.push(vscode.l10n.t('Pending: {0} paid task(s) not fetched yet; they may still be billed. Click to resume them.', kept));
    }
    return lines.join('\n');
  }

  dispose(): void {
    this.keyWatch?.dispose();
    this.pendingWatch?.dispose();
    this.item.dispose();
  }
}
