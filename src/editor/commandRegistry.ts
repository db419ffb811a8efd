import * as vscode from 'vscode';
import { CommandIds } from './commandIds';

/** A handler for every command id: a missing one does not compile. */
export type CommandHandlers = { readonly [Name in keyof typeof CommandIds]: (...args: never[]) => unknown };

/** The one place commands are registered: every id of CommandIds, with its handler, owned by the context. */
export function registerCommands(context: vscode.ExtensionContext, handlers: CommandHandlers): void {
  for (const name of Object.keys(CommandIds) as Array<keyof typeof CommandIds>) {
    context.subscriptions.push(vscode.commands.registerCommand(CommandIds[name], handlers[name]));
  }
}
