import * as vscode from 'vscode';

/** Wires the editor layer together; every object it makes is owned by the context. */
export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Spark Image', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('sparkImage.showLog', () => output.show(true)),
  );
  output.info('Spark Image activated');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
