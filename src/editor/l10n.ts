import * as vscode from 'vscode';
import { Translate } from '../core/base/messages';

/** The core's messages go through vscode.l10n like the editor's own (the English text is the key). */
export const translate: Translate = (message, ...args) => vscode.l10n.t(message, ...args);

/** Every message the editor shows names its source first: "Spark Image: …" (once). */
export function withSource(message: string): string {
  return /^Spark Image[:：]/.test(message) ? message : vscode.l10n.t('Spark Image: {0}', message);
}
