import * as vscode from 'vscode';
import { Translate } from '../core/base/messages';

/** The core's messages go through vscode.l10n like the editor's own (the English text is the key). */
export const translate: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
