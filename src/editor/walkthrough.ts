import * as vscode from 'vscode';

/**
 * The "Get started" walkthrough's steps complete on what really happened, never on a command merely
 * run: package.json's completionEvents read these context keys (onContext:…).
 */
export const WalkthroughKeys = {
  keyStored: 'sparkImage.walkthrough.keyStored',
  imageSaved: 'sparkImage.walkthrough.imageSaved',
  directiveGenerated: 'sparkImage.walkthrough.directiveGenerated',
} as const;

const told = new Map<string, boolean>();

function tell(key: string, value: boolean): void {
  if (told.get(key) !== value) {
    told.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}

/** An image saved, a directive generated: the step ticks (VS Code keeps a ticked step ticked). */
export function walkthroughEvent(name: 'imageSaved' | 'directiveGenerated'): void {
  tell(WalkthroughKeys[name], true);
}

/** Whether a key is stored now: its step ticks when one is (an Escape in the key box stores none). */
export function walkthroughKeyStored(stored: boolean): void {
  tell(WalkthroughKeys.keyStored, stored);
}

/** The sample a newcomer tries "Generate Image from Selection" on: a sentence, already selected. Nothing is sent. */
export async function openWalkthroughSample(): Promise<void> {
  const sentence = vscode.l10n.t('A lighthouse on a rocky coast at dawn, watercolor');
  const lines = [vscode.l10n.t('# Try Spark Image'), '', sentence, '', vscode.l10n.t('Right-click the selected sentence and choose Generate Image from Selection. The image is saved where you choose, and its link goes below the sentence.'), ''];
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: lines.join('\n') });
  const editor = await vscode.window.showTextDocument(document);
  const line = 2;
  editor.selection = new vscode.Selection(line, 0, line, sentence.length);
  editor.revealRange(editor.selection);
}
