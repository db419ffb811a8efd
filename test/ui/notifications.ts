import { Page } from 'playwright-core';
import { runCommand } from './palette';

const CENTER = '.notifications-center';
const ITEM = `${CENTER} .notification-list-item`;

/**
 * With the smoke-test driver on, the workbench suppresses notification toasts: the messages are
 * only in the Notification Center. Opens it and returns each notification's message text.
 */
export async function readNotifications(page: Page): Promise<string[]> {
  const center = page.locator(`${CENTER}.visible`);
  if (!(await center.isVisible())) {
    await runCommand(page, 'Notifications: Show Notifications');
    await center.waitFor({ state: 'visible', timeout: 5000 });
  }
  return page.locator(`${ITEM} .notification-list-item-message`).allInnerTexts();
}

/** Waits until a notification containing `text` is in the Notification Center, and returns its message. */
export async function waitForNotification(page: Page, text: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await readNotifications(page);
    const match = seen.find((message) => message.includes(text));
    if (match !== undefined) {
      return match;
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`no notification containing "${text}"; the Notification Center had: ${JSON.stringify(seen)}`);
}
