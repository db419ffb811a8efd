import * as vscode from 'vscode';

/**
 * The few language-model tool APIs we use, typed here because @types/vscode stays at 1.74 (our
 * engines floor): vscode.lm.registerTool and the tool result parts came in 1.95, image data parts
 * (LanguageModelDataPart) later. Every use is behind a runtime check of what the running editor has.
 */
export interface ToolInvocationOptions<T> {
  input: T;
  toolInvocationToken?: unknown;
}

export interface PreparedToolInvocation {
  invocationMessage?: string;
  confirmationMessages?: { title: string; message: string | vscode.MarkdownString };
}

export interface LanguageModelTool<T> {
  invoke(options: ToolInvocationOptions<T>, token: vscode.CancellationToken): Promise<unknown>;
  prepareInvocation?(options: { input: T }, token: vscode.CancellationToken): Promise<PreparedToolInvocation | undefined>;
}

export interface LmNamespace {
  registerTool<T>(name: string, tool: LanguageModelTool<T>): vscode.Disposable;
}

/** The result classes, as the running editor has them (DataPart only where it exists). */
export interface LmParts {
  LanguageModelToolResult: new (content: unknown[]) => unknown;
  LanguageModelTextPart: new (value: string) => unknown;
  LanguageModelDataPart?: { image(data: Uint8Array, mime: string): unknown };
}

/** vscode.lm where the editor can register tools (1.95 and later), else undefined. */
export function lmTools(): LmNamespace | undefined {
  const lm = (vscode as unknown as { lm?: Partial<LmNamespace> }).lm;
  return typeof lm?.registerTool === 'function' ? (lm as LmNamespace) : undefined;
}

export function lmParts(): LmParts {
  return vscode as unknown as LmParts;
}
