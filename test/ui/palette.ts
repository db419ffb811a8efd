import { Locator, Page } from 'playwright-core';
import { isDialogOpen, readDialog } from './dialog';

const INPUT = '.quick-input-widget .quick-input-box input';
const ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

/**
 * Runs a command from the Command Palette by its full title ("Spark Image: Show Log").
 * Right after the workbench appears the palette can answer "No matching commands" because the
 * extension is still being scanned: close it and try again until the row shows up.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await isDialogOpen(page)) {
      // A modal dialog swallows F1: say so instead of timing out on an input that never shows.
      throw new Error(`cannot run "${title}": a modal dialog is open: ${JSON.stringify(await readDialog(page))}`);
    }
    await page.keyboard.press('F1');
    const input = page.locator(INPUT);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = commandRow(page, title);
    const found = await row.waitFor({ state: 'visible', timeout: 1500 }).then(
      () => true,
      () => false,
    );
    if (found) {
      // Clicked rather than Enter: a longer title containing this one may be ranked first.
      await row.click();
      await paletteClosed(page, `>${title}`);
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) {
      throw new Error(`the Command Palette never listed "${title}"`);
    }
    await page.waitForTimeout(500);
  }
}

/** The row whose label is exactly the title (its aria-label may add a keybinding). */
function commandRow(page: Page, title: string): Locator {
  const exactly = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page
    .locator(ROWS)
    .filter({ has: page.locator('.label-name', { hasText: exactly }) })
    .first();
}

/**
 * The palette is done once its widget hides or shows something else: a command that asks for
 * input (showInputBox, showQuickPick) reuses the same widget straight away.
 */
async function paletteClosed(page: Page, paletteValue: string, timeoutMs = 10_000): Promise<void> {
  const input = page.locator(INPUT);
  const deadline = Date.now() + timeoutMs;
  // A short timeout on each read: a command that reloads the window removes the input between
  // isVisible() and inputValue(), and Playwright would otherwise wait 30 s for it to come back.
  while ((await input.isVisible()) && (await input.inputValue({ timeout: 250 }).catch(() => '')) === paletteValue) {
    if (Date.now() > deadline) {
      throw new Error(`the Command Palette stayed open on "${paletteValue}"`);
    }
    await page.waitForTimeout(100);
  }
}
