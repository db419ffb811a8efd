import { Page } from 'playwright-core';

export const OUTPUT_PANEL = '.part.panel[data-active-composite="workbench.panel.output"]';

export interface OutputView {
  /** The channel chosen in the panel's "Switch Output" box. */
  channel: string;
  /** The visible lines of the channel (Monaco renders only what is on screen). */
  text: string;
}

/** Reads the Output panel as a person sees it; waits until it is the active panel. */
export async function readOutputPanel(page: Page, timeoutMs = 10_000): Promise<OutputView> {
  const panel = page.locator(OUTPUT_PANEL);
  await panel.waitFor({ state: 'visible', timeout: timeoutMs });
  // The view pane has its own copy of the box, hidden while Output is the panel's only view.
  const channel = await panel.locator('select[aria-label="Switch Output"]:visible').first().inputValue({ timeout: timeoutMs });
  const text = await panel.locator('.monaco-editor .view-lines').innerText({ timeout: timeoutMs });
  return { channel, text: text.replace(/\u00a0/g, ' ') };
}

/** Polls the Output panel until `accept` is satisfied, for lines the extension writes asynchronously. */
export async function waitForOutput(page: Page, accept: (view: OutputView) => boolean, timeoutMs = 10_000): Promise<OutputView> {
  const deadline = Date.now() + timeoutMs;
  let last: OutputView | string = 'nothing';
  while (Date.now() < deadline) {
    last = await readOutputPanel(page, Math.max(deadline - Date.now(), 1)).catch((error: Error) => error.message);
    if (typeof last !== 'string' && accept(last)) {
      return last;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`the Output panel never showed what was expected; last seen: ${JSON.stringify(last)}`);
}
