import * as vscode from 'vscode';
import { InsertionAnchor } from '../../core/links/insertion';
import { LinkSyntax } from '../../core/links/linkText';
import { GenerationRequest } from '../../core/spec/validation';
import type { StyledText } from '../../core/job/styledSink';
import type { OutputPlan } from '../../core/output/outputPlan';

const STATE_KEY = 'sparkImage.pending';
/** A paid task older than this is no longer offered: generated URLs have long expired by then. */
export const PENDING_TTL_MS = 24 * 60 * 60 * 1000;

export interface PendingTarget {
  documentUri: string;
  anchor: InsertionAnchor;
  syntax: LinkSyntax;
  ownParagraph: boolean;
  /** The output its run decided (a directive's format=, max-width=, …): a resumed task is saved the same way. */
  output?: OutputPlan;
  /** The house style its prompt was sent with: a resumed task's provenance records it too. */
  styled?: StyledText;
}

/** The house style as a task keeps it: only when one was applied, without the prompt sent (the request has it). */
export function keptStyle(styled: StyledText | undefined): Pick<PendingTarget, 'styled'> {
  return styled?.style ? { styled: { userPrompt: styled.userPrompt, style: { name: styled.style.name, template: styled.style.template } } } : {};
}

/**
 * A task that exists on the server and whose image has not yet landed. Saved as soon as the task is
 * created, so a reload or crash cannot lose a paid result. Holds no secret.
 */
export interface PendingEntry {
  taskId: string;
  request: GenerationRequest;
  createdAt: number;
  target?: PendingTarget;
  /** Set once the image file is written; the link is then inserted at most once more. */
  savedImage?: string;
  /** Why it stopped last time, shown by Resume Pending Generations. */
  lastError?: string;
}

function isEntry(value: unknown): value is PendingEntry {
  const entry = value as PendingEntry | undefined;
  return typeof entry?.taskId === 'string' && typeof entry.createdAt === 'number' && typeof entry.request?.prompt === 'string';
}

export class PendingStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every write: the status bar counts the paid tasks kept. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly now: () => number = Date.now,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  /** Live entries, newest first; expired and malformed ones are dropped. */
  list(): PendingEntry[] {
    const raw = this.state.get<unknown[]>(STATE_KEY, []);
    return (Array.isArray(raw) ? raw : []).filter(isEntry).filter((entry) => this.now() - entry.createdAt < PENDING_TTL_MS).sort((a, b) => b.createdAt - a.createdAt);
  }

  get(taskId: string): PendingEntry | undefined {
    return this.list().find((entry) => entry.taskId === taskId);
  }

  async put(entry: PendingEntry): Promise<void> {
    const others = this.list().filter((existing) => existing.taskId !== entry.taskId);
    await this.state.update(STATE_KEY, [entry, ...others]);
    this.changed.fire();
  }

  async update(taskId: string, change: Partial<PendingEntry>): Promise<void> {
    const entry = this.get(taskId);
    if (entry) {
      await this.put({ ...entry, ...change });
    }
  }

  async remove(taskId: string): Promise<void> {
    await this.state.update(
      STATE_KEY,
      this.list().filter((entry) => entry.taskId !== taskId),
    );
    this.changed.fire();
  }
}
