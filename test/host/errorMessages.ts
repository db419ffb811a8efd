import * as vscode from 'vscode';

export interface ShownMessage {
  text: string;
  items: string[];
}

export interface ErrorMessageAnswer {
  /** What the next error notification said, and the buttons it offered. */
  shown: Promise<ShownMessage>;
  /** Clicks one of its buttons (undefined: closes it). */
  choose(item: string | undefined): void;
  /** Puts the real showErrorMessage back if no message came. */
  restore(): void;
}

/**
 * Stands in for the person in front of the next error notification: the API cannot click a
 * notification's button, so the test takes the place of `window.showErrorMessage` (the extension
 * and its tests share one `vscode` API object) for exactly one message, and answers when it wants.
 */
export function answerNextErrorMessage(): ErrorMessageAnswer {
  const window = vscode.window as { showErrorMessage: (...args: unknown[]) => Thenable<unknown> };
  const real = window.showErrorMessage;
  let reportShown: (message: ShownMessage) => void = () => undefined;
  let answer: (item: string | undefined) => void = () => undefined;
  const shown = new Promise<ShownMessage>((resolve) => (reportShown = resolve));
  const chosen = new Promise<string | undefined>((resolve) => (answer = resolve));
  const restore = () => {
    window.showErrorMessage = real;
  };
  window.showErrorMessage = (text: unknown, ...rest: unknown[]) => {
    restore();
    reportShown({ text: String(text), items: rest.filter((item): item is string => typeof item === 'string') });
    return chosen;
  };
  return { shown, choose: answer, restore };
}
