/**
 * An AbortController that also aborts when a parent signal does, and can time out on its own.
 * (AbortSignal.any and AbortSignal.timeout are missing from older extension hosts.)
 */
export class LinkedAbort {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOutFlag = false;
  private readonly onParentAbort = () => this.controller.abort();

  constructor(private readonly parent?: AbortSignal) {
    if (parent?.aborted) {
      this.controller.abort();
    } else {
      parent?.addEventListener('abort', this.onParentAbort, { once: true });
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when this controller's own timer fired (as opposed to the caller cancelling). */
  get timedOut(): boolean {
    return this.timedOutFlag;
  }

  get cancelledByParent(): boolean {
    return this.parent?.aborted === true;
  }

  /** (Re)starts the timer: used both as a whole-request timeout and as an idle timeout. */
  restartTimer(ms: number): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timedOutFlag = true;
      this.controller.abort();
    }, ms);
  }

  abort(): void {
    this.controller.abort();
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }
}
