import * as assert from 'assert';
import { readOutputPanel, waitForOutput } from './outputPanel';
import { runCommand } from './palette';
import { useWorkbench } from './useWorkbench';

describe('Show Log from the Command Palette', () => {
  const workbench = useWorkbench({ scenario: 'show-log' });

  it('opens the Output panel on the Spark Image channel with the activation line', async () => {
    const { page, screenshot } = workbench();
    const before = await readOutputPanel(page, 500).then(
      () => true,
      () => false,
    );
    assert.strictEqual(before, false, 'the Output panel was open before the command');
    await runCommand(page, 'Spark Image: Show Log');
    const view = await waitForOutput(page, (output) => output.channel === 'Spark Image' && output.text.includes('Spark Image activated'));
    assert.match(view.text, /\[info\].*Spark Image activated/);
    await screenshot();
  });
});
