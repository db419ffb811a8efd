import { Page } from 'playwright-core';
import { mockKey } from './mockApi';

export const KEY_INPUT = '.quick-input-widget .quick-input-box input[type="password"]';

/**
 * Types the mock's key into the masked key prompt if it shows within `timeoutMs`, and waits until
 * the prompt has closed. Returns whether it showed.
 */
export async function answerKeyPrompt(page: Page, timeoutMs: number): Promise<boolean> {
  const keyInput = page.locator(KEY_INPUT);
  const shown = await keyInput.waitFor({ state: 'visible', timeout: timeoutMs }).then(
    () => true,
    () => false,
  );
  if (shown) {
    await keyInput.fill(mockKey());
    await page.keyboard.press('Enter');
    // Opening anything else before it closes would dismiss it, and the job with it.
    await keyInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }
  return shown;
}
