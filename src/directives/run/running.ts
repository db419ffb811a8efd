import * as vscode from 'vscode';
import { Disposable } from '../../editor/disposable';
import { DirectiveRef, refKey } from '../model';

export interface RunningDirective {
  startedAt: number;
  controller: AbortController;
}

/** A run in the registry: its signal (aborted by Cancel or by the caller's signal), and its end. */
export interface RunHandle {
  signal: AbortSignal;
  finish(): void;
}

/**
 * Which directives are generating now, for the lenses and Cancel. While any runs, a ticker fires
 * once a second so the lenses' elapsed times move. Disposing aborts what still runs.
 */
export class RunningDirectives extends Disposable {
  private readonly running = new Map<string, RunningDirective>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private ticker: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor() {
    super();
    this.register({ dispose: () => this.close() });
  }

  runningFor(ref: Pick<DirectiveRef, 'uri' | 'raw'>): RunningDirective | undefined {
    return this.running.get(refKey(ref));
  }

  cancel(ref: Pick<DirectiveRef, 'uri' | 'raw'>): boolean {
    const run = this.running.get(refKey(ref));
    run?.controller.abort();
    return !!run;
  }

  /** Marks a directive as running until `finish`; throws when it runs already. */
  start(ref: Pick<DirectiveRef, 'uri' | 'raw'>, outer?: AbortSignal): RunHandle {
    const key = refKey(ref);
    if (this.running.has(key)) {
      throw new Error(vscode.l10n.t('This directive is already generating.'));
    }
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    if (outer?.aborted) {
      controller.abort();
    }
    this.running.set(key, { startedAt: Date.now(), controller });
    this.changedRuns();
    return {
      signal: controller.signal,
      finish: () => {
        outer?.removeEventListener('abort', onOuterAbort);
        this.running.delete(key);
        this.changedRuns();
      },
    };
  }

  private changedRuns(): void {
    if (this.running.size > 0 && !this.ticker && !this.closed) {
      this.ticker = setInterval(() => this.changed.fire(), 1000);
    } else if (this.running.size === 0) {
      this.stopTicker();
    }
    this.changed.fire();
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private close(): void {
    this.closed = true;
    this.stopTicker();
    for (const run of this.running.values()) {
      run.controller.abort();
    }
  }
}
