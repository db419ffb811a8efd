/**
 * The core never imports vscode, yet its messages are shown to users. It formats them through a
 * Translate function: the editor passes vscode.l10n.t (the English text is the key), the CLI the
 * English default below.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

export const english: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
