import * as assert from 'assert';
import { Locator, Page } from 'playwright-core';
import { pickQuickPickRow, runCommandThatAsks } from './editorText';
import { answerKeyPrompt, KEY_INPUT } from './keyPrompt';
import { runCommand } from './palette';
import { useWorkbench } from './useWorkbench';

/** The status bar item of Spark Image (its id is the extension's id and the item's). */
function statusItem(page: Page): Locator {
  return page.locator('[id="spark-image.spark-image.sparkImage.status"]');
}

/** A step of the Get started walkthrough, as the Welcome page draws it. */
function step(page: Page, id: string): Locator {
  return page.locator(`button.getting-started-step[data-step-id$="#${id}"]`);
}

async function ticked(page: Page, id: string): Promise<boolean> {
  return (await step(page, id).getAttribute('aria-checked')) === 'true';
}

describe('the Get started walkthrough and the status bar in the real editor', function () {
  this.timeout(120_000);
  const workbench = useWorkbench('walkthrough');

  it('the key step stays unticked after Escape in the key box and is ticked once a key is stored; the status bar item names Spark Image', async () => {
    const { page, screenshot } = workbench();
    // No key, and no progress another suite's key left behind.
    await runCommand(page, 'Spark Image: Clear API Key');
    await runCommand(page, 'Developer: Reset Welcome Page Walkthrough Progress');
    // Before any key: the item offers to set one.
    await statusItem(page).filter({ hasText: 'Spark Image: Set key' }).waitFor({ state: 'visible', timeout: 10_000 });

    await runCommandThatAsks(page, 'Welcome: Open Walkthrough...');
    await pickQuickPickRow(page, 'Get started with Spark Image');
    await step(page, 'setApiKey').waitFor({ state: 'visible', timeout: 15_000 });
    assert.strictEqual(await ticked(page, 'setApiKey'), false, 'ticked before anything happened');

    // The key box opened and dismissed: no key, no tick.
    await runCommandThatAsks(page, 'Spark Image: Set API Key');
    await page.locator(KEY_INPUT).waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.locator(KEY_INPUT).waitFor({ state: 'hidden', timeout: 10_000 });
    // Give a wrong tick every chance to show.
    await page.waitForTimeout(1500);
    assert.strictEqual(await ticked(page, 'setApiKey'), false, 'Escape in the key box ticked "Set your API key"');
    assert.strictEqual(await ticked(page, 'generateFromSelection'), false);

    // A key stored: the step ticks, and the item shows this session's cost under its name.
    await runCommandThatAsks(page, 'Spark Image: Set API Key');
    assert.ok(await answerKeyPrompt(page, 10_000), 'the key box did not show');
    await page.locator(`button.getting-started-step[data-step-id$="#setApiKey"][aria-checked="true"]`).waitFor({ timeout: 15_000 });
    await screenshot('walkthrough-key-stored');
    const item = statusItem(page).filter({ hasText: /Spark Image \$\d+\.\d{2}/ });
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await item.innerText()).trim(), /^Spark Image \$\d+\.\d{2,}$/);
    assert.strictEqual(await ticked(page, 'generateFromSelection'), false, 'storing a key ticked another step');
    await runCommand(page, 'View: Close All Editors');
  });
});
