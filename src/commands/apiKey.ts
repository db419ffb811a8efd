import * as vscode from 'vscode';
import { ApiKeyStore } from '../editor/apiKey';

export function setApiKeyCommand(keys: ApiKeyStore) {
  return async (): Promise<void> => {
    const key = await keys.prompt();
    if (key !== undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Spark Image: the API key is set.'));
    }
  };
}

export function clearApiKeyCommand(keys: ApiKeyStore) {
  return async (): Promise<void> => {
    await keys.clear();
    void vscode.window.showInformationMessage(vscode.l10n.t('Spark Image: the API key was removed.'));
  };
}
