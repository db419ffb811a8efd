import { Page } from 'playwright-core';
import { runCommand } from './palette';

const INPUT = '.quick-input-widget .quick-input-box input';

/** Opens a workspace file through Quick Open, as a person would. */
export async function openFile(page: Page, name: string): Promise<void> {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: name }).first();
  // A file a test has just written may not be in Quick Open's index yet: ask again, as a person would.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    const input = page.locator(INPUT);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(name);
    const found = await row.waitFor({ state: 'visible', timeout: 10_000 }).then(
      () => true,
      (error: Error) => (attempt < 3 ? false : Promise.reject(error)),
    );
    if (found) {
      break;
    }
    await page.keyboard.press('Escape');
  }
  await row.click();
  await page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** The visible text of the active editor (Monaco draws only the lines on screen). */
export async function activeEditorText(page: Page): Promise<string> {
  // Polled by callers with their own deadline: fail fast rather than wait 30 s for an editor.
  const text = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText({ timeout: 1000 });
  return text.replace(/\u00a0/g, ' ');
}

/** Puts the cursor at the end of the active document. */
export async function cursorToEnd(page: Page): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+End');
}

export async function waitForEditorText(page: Page, accept: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await activeEditorText(page).catch(() => '');
    if (accept(last)) {
      return last;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the editor never showed the expected text; it had:\n${last}`);
}

/** Types into the open quick input (input box or quick pick filter) and accepts. */
export async function answerQuickInput(page: Page, text: string): Promise<void> {
  const input = page.locator(INPUT);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Picks the quick pick row whose label contains `label`. */
export async function pickQuickPickRow(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/**
 * Runs a command that opens its own input right away (so the palette's input never hides):
 * picks its row, then waits until the quick input is no longer the Command Palette.
 */
export async function runCommandThatAsks(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const input = page.locator(INPUT);
  for (;;) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: title }) }).first();
    if (await row.waitFor({ state: 'visible', timeout: 1500 }).then(() => true, () => false)) {
      await row.click();
      const until = Date.now() + 10_000;
      // A short read timeout: with no input on the page, Playwright would wait 30 s for one.
      while ((await input.inputValue({ timeout: 250 }).catch(() => '>')).startsWith('>')) {
        if (Date.now() > until) {
          throw new Error(`"${title}" did not open its own input`);
        }
        await page.waitForTimeout(100);
      }
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) {
      throw new Error(`the Command Palette never listed "${title}"`);
    }
    await page.waitForTimeout(500);
  }
}

export { runCommand };
