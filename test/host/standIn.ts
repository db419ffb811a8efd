import * as vscode from 'vscode';

/**
 * The API cannot click a notification's button, tick a quick pick or press a progress
 * notification's Cancel. These helpers stand in for the person: the extension and its tests share
 * one `vscode` API object, so a test takes the place of one `window` function for exactly one
 * call, sees what the extension asked, and answers when it wants.
 */
type Window = Record<string, (...args: unknown[]) => unknown>;

export interface Asked {
  /** The message, or the quick pick's or save dialog's title. */
  text: string;
  /** The buttons offered (strings), or the quick pick's items. */
  items: unknown[];
  options: Record<string, unknown>;
}

export interface StandIn {
  asked: Promise<Asked>;
  /** Answers: a button's title, the picked item(s), or undefined to dismiss. */
  answer(value: unknown): void;
  /** Puts the real function back if the call never came. */
  restore(): void;
}

export type Question = 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage' | 'showQuickPick' | 'showSaveDialog';

/** Puts `replacement` in the place of `window[name]`; returns what puts the real one back. */
function swap(name: string, replacement: (...args: unknown[]) => unknown): { real: (...args: unknown[]) => unknown; restore(): void } {
  const window = vscode.window as unknown as Window;
  const real = window[name];
  window[name] = replacement;
  return { real, restore: () => (window[name] = real) };
}

/** What a show*Message call asked: its text, its buttons and its options (modal, detail). */
function messageAsked(text: unknown, rest: unknown[]): Asked {
  const options = rest.find((arg) => arg !== null && typeof arg === 'object') as Record<string, unknown> | undefined;
  return { text: String(text), items: rest.filter((arg) => typeof arg === 'string'), options: options ?? {} };
}

export function answerNext(question: Question): StandIn {
  let report: (asked: Asked) => void = () => undefined;
  let answer: (value: unknown) => void = () => undefined;
  const asked = new Promise<Asked>((resolve) => (report = resolve));
  const answered = new Promise<unknown>((resolve) => (answer = resolve));
  const { restore } = swap(question, (first: unknown, ...rest: unknown[]) => {
    restore();
    if (question === 'showSaveDialog') {
      const dialog = (first ?? {}) as Record<string, unknown>;
      report({ text: String(dialog.title ?? ''), items: [], options: dialog });
    } else if (question === 'showQuickPick') {
      const options = (rest[0] ?? {}) as Record<string, unknown>;
      void Promise.resolve(first).then((items) => report({ text: String(options.title ?? ''), items: items as unknown[], options }));
    } else {
      report(messageAsked(first, rest));
    }
    return answered;
  });
  return { asked, answer, restore };
}

/**
 * Answers every modal `question` with `answer(asked)` until restored, and records each; non-modal
 * calls go to the real function (the toasts an extension shows along the way).
 */
export function answerEveryModal(question: 'showInformationMessage' | 'showWarningMessage', answer: (asked: Asked) => string | undefined): { asked: Asked[]; restore(): void } {
  const asked: Asked[] = [];
  const { real, restore } = swap(question, (first: unknown, ...rest: unknown[]) => {
    const message = messageAsked(first, rest);
    if (!message.options.modal) {
      return real.call(vscode.window, first, ...rest);
    }
    asked.push(message);
    return Promise.resolve(answer(message));
  });
  return { asked, restore };
}

export interface ProgressStandIn {
  /** The options of the progress the extension showed (title, location, cancellable). */
  shown: Promise<vscode.ProgressOptions>;
  /** What it reported so far. */
  reports: { message?: string; increment?: number }[];
  /** Presses the notification's Cancel. */
  cancel(): void;
  restore(): void;
}

/** Stands in for the next `window.withProgress`: runs the task with a token the test cancels. */
export function takeNextProgress(): ProgressStandIn {
  const source = new vscode.CancellationTokenSource();
  const reports: { message?: string; increment?: number }[] = [];
  let report: (options: vscode.ProgressOptions) => void = () => undefined;
  const shown = new Promise<vscode.ProgressOptions>((resolve) => (report = resolve));
  const { restore } = swap('withProgress', (options: unknown, task: unknown) => {
    restore();
    report(options as vscode.ProgressOptions);
    const run = task as (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<unknown>;
    return Promise.resolve(run({ report: (value) => reports.push(value) }, source.token)).finally(() => source.dispose());
  });
  return { shown, reports, cancel: () => source.cancel(), restore };
}
