import * as assert from 'assert';
import { OUTPUT_PANEL, waitForOutput } from './outputPanel';
import { runCommand } from './palette';
import { useWorkbench } from './useWorkbench';

describe('Show Log from the Command Palette', () => {
  const workbench = useWorkbench('show-log');

  it('opens the Output panel on the Spark Image channel with the activation line', async () => {
    const { page, screenshot } = workbench();
    // The editor is shared: leave the Output panel on another channel and hidden, so the command
    // has to do both, open the panel and pick its channel. Ctrl+K Ctrl+H toggles Output on Linux.
    if (!(await page.locator(OUTPUT_PANEL).isVisible())) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+H');
    }
    const select = page.locator(`${OUTPUT_PANEL} select[aria-label="Switch Output"]:visible`).first();
    await select.waitFor({ state: 'visible', timeout: 10_000 });
    const labels = await select.locator('option').allTextContents();
    const other = labels.find((label) => label.trim() !== 'Spark Image');
    assert.ok(other, `no other output channel to switch to: ${JSON.stringify(labels)}`);
    await select.selectOption({ label: other });
    await waitForOutput(page, (output) => output.channel !== 'Spark Image');
    await page.locator(`${OUTPUT_PANEL} input[placeholder^="Filter"]`).first().fill('');
    await runCommand(page, 'View: Hide Panel');
    await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });

    await runCommand(page, 'Spark Image: Show Log');
    await waitForOutput(page, (output) => output.channel === 'Spark Image');
    // The channel opens scrolled to its newest line and the activation line is the first one:
    // filter the channel for it, as a person would.
    const filter = page.locator(`${OUTPUT_PANEL} input[placeholder^="Filter"]`).first();
    await filter.fill('activated');
    const view = await waitForOutput(page, (output) => output.channel === 'Spark Image' && output.text.includes('Spark Image activated'));
    assert.match(view.text, /\[info\].*Spark Image activated/);
    await screenshot();
  });
});
