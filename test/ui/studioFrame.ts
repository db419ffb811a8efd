import { FrameLocator, Page } from 'playwright-core';
import { runCommand } from './palette';

/** The studio's document: webviews are nested iframes (iframe.webview → iframe#active-frame). */
export function studioFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview').first().frameLocator('iframe#active-frame');
}

/** Opens Image Studio from the Command Palette and waits until its form is drawn. */
export async function openStudio(page: Page): Promise<FrameLocator> {
  await runCommand(page, 'Spark Image: Open Image Studio');
  const frame = studioFrame(page);
  await frame.getByRole('button', { name: /^Generate( \(≈ \$[\d.]+, estimated\))?$/ }).waitFor({ state: 'visible', timeout: 20_000 });
  return frame;
}
