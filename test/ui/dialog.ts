import { Page } from 'playwright-core';

const BOX = '.monaco-dialog-box';

export interface DialogView {
  message: string;
  detail: string;
  buttons: string[];
}

/**
 * Modal dialogs (showInformationMessage with {modal: true}, the workspace trust prompt, a command
 * that failed) block the rest of the workbench: read them here, then answer with answerDialog.
 */
export async function readDialog(page: Page, timeoutMs = 5000): Promise<DialogView> {
  const box = page.locator(BOX);
  await box.waitFor({ state: 'visible', timeout: timeoutMs });
  const text = async (selector: string) => (await box.locator(selector).allInnerTexts()).join('\n').trim();
  return {
    message: await text('.dialog-message-text'),
    detail: await text('.dialog-message-detail'),
    buttons: (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((label) => label.trim()),
  };
}

/** Presses the dialog button with this label and waits until the dialog is gone. */
export async function answerDialog(page: Page, button: string): Promise<void> {
  const box = page.locator(BOX);
  await box.locator('.dialog-buttons .monaco-button', { hasText: button }).first().click();
  await box.waitFor({ state: 'hidden', timeout: 5000 });
}

export function isDialogOpen(page: Page): Promise<boolean> {
  return page.locator(BOX).isVisible();
}
