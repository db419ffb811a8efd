import * as vscode from 'vscode';

/** What one attempt at an edit came to: done, refused (the document changed: try again), or its place is gone. */
export type EditAttempt = 'applied' | 'refused' | 'gone';

/** Tries per edit: the editor refuses an edit made against a version that changed meanwhile. */
export const EDIT_ATTEMPTS = 5;

/** One edit of one document, for the log and the tests: when it ran, and how it ended. */
export interface EditRecord {
  document: string;
  what: string;
  startedAt: number;
  endedAt: number;
  applied: boolean;
}

const HISTORY = 50;

/**
 * The one queue for link edits: edits to one document run one after another, whoever makes them
 * (the generate commands, the directive runner, the studio), each computed on the document as it
 * is when its turn comes, with one retry policy. Two links landing at the same moment cannot race.
 */
export class LinkEditQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly records: EditRecord[] = [];

  /** The last edits, oldest first. */
  get history(): readonly EditRecord[] {
    return this.records;
  }

  /** Runs `attempt` in the document's turn, again while the editor refuses it, at most EDIT_ATTEMPTS times. */
  apply(uri: vscode.Uri, what: string, attempt: () => Promise<EditAttempt>): Promise<boolean> {
    return this.inTurn(uri, async () => {
      const startedAt = Date.now();
      let applied = false;
      for (let tries = 0; tries < EDIT_ATTEMPTS; tries++) {
        const result = await attempt();
        if (result !== 'refused') {
          applied = result === 'applied';
          break;
        }
      }
      this.records.push({ document: uri.toString(), what, startedAt, endedAt: Date.now(), applied });
      if (this.records.length > HISTORY) {
        this.records.shift();
      }
      return applied;
    });
  }

  private inTurn<T>(uri: vscode.Uri, work: () => Promise<T>): Promise<T> {
    const key = uri.toString();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) {
        this.tails.delete(key);
      }
    });
    return next;
  }
}
