// What a test can watch happen: every create and status request as it is answered (numbered, so a
// test can act at "the k-th create answer"), and the billing log (which tasks were billed, at what cost).

/** How a request was answered: its HTTP status, or what happened instead of an answer. */
export type AnswerOutcome = number | 'reset' | 'broken-json' | 'hang';

export interface MockEvent {
  /** 1, 2, 3… over creates and status checks together. */
  seq: number;
  kind: 'create' | 'status';
  /** 1, 2, 3… within its kind: the k-th create answer, the k-th status answer. */
  n: number;
  outcome: AnswerOutcome;
  /** The task created (also when its answer was lost), or the one asked about. */
  taskId?: string;
  /** Date.now() when the answer was sent (or dropped). */
  at: number;
}

export interface BillingEntry {
  taskId: string;
  /** What the task's `usage.cost` says (or would say, with a `cost` scenario that hides it), in USD. */
  costUsd: number;
  prompt: string;
  width: number;
  height: number;
  /** False when the create's answer was lost (`lost-answer`): the client cannot know it paid. */
  answered: boolean;
  /** Date.now() at the create. */
  at: number;
}

export type EventListener = (event: MockEvent) => void;

export class MockRecorder {
  readonly events: MockEvent[] = [];
  readonly billing: BillingEntry[] = [];
  private readonly listeners = new Set<EventListener>();
  private readonly perKind = { create: 0, status: 0 };

  /** Records an answer and tells the listeners, synchronously, right after it was sent. */
  answered(kind: MockEvent['kind'], outcome: AnswerOutcome, taskId?: string): void {
    const event: MockEvent = { seq: this.events.length + 1, kind, n: ++this.perKind[kind], outcome, at: Date.now() };
    if (taskId !== undefined) event.taskId = taskId;
    this.events.push(event);
    // A copy: a listener may unsubscribe itself while being called.
    for (const listener of [...this.listeners]) listener(event);
  }

  bill(entry: BillingEntry): void {
    this.billing.push(entry);
  }

  /** Calls `listener` with each event from now on; returns the way to stop. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Clears events, billing and numbering in place; listeners stay (they belong to the test, not the run). */
  clear(): void {
    this.events.length = 0;
    this.billing.length = 0;
    this.perKind.create = 0;
    this.perKind.status = 0;
  }
}
