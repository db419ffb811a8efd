import * as assert from 'assert';
import { readOutputPanel, waitForOutput } from './outputPanel';
import { runCommand } from './palette';
import { useWorkbench } from './useWorkbench';

describe('Show Log from the Command Palette', () => {
  const workbench = useWorkbench('show-log');

  it('opens the Output panel on the Spark Image channel with the activation line', async () => {
    const { page, screenshot } = workbench();
    // An earlier suite may have left the panel open: hide it, so the command is what opens it.
    const open = await readOutputPanel(page, 500).then(
      () => true,
      () => false,
    );
    if (open) {
      await runCommand(page, 'View: Hide Panel');
    }
    assert.strictEqual(await page.locator('.part.panel').isVisible(), false, 'the panel is still open before the command');
    await runCommand(page, 'Spark Image: Show Log');
    await waitForOutput(page, (output) => output.channel === 'Spark Image');
    // The channel opens scrolled to its newest line; the activation line is the first one.
    await page.locator('.part.panel .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    const view = await waitForOutput(page, (output) => output.channel === 'Spark Image' && output.text.includes('Spark Image activated'));
    assert.match(view.text, /\[info\].*Spark Image activated/);
    await screenshot();
  });
});
