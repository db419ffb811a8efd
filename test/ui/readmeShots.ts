import * as fs from 'fs';
import * as path from 'path';
import { Page } from 'playwright-core';
import { optimisePng } from '../media/optimisePng';
import { PROJECT_ROOT } from '../rig/layout';
import { SCREENSHOT_DIR } from './workbench';

/**
 * The README's pictures. The ui tests take each one on every run (into test-results/readme/,
 * to look at); `npm run screenshots` (SPARK_README_SHOTS=1) also writes them, optimised, to
 * media/readme/, where the README links them. They are never compared pixel by pixel: a unit
 * test only checks that each one exists, is linked and is small.
 */
export const README_SHOTS = ['selection-progress', 'directive-codelens', 'directive-codelens-light', 'studio-dark', 'studio-light', 'studio-variations', 'cli-terminal'] as const;
export type ReadmeShot = (typeof README_SHOTS)[number];

export const README_MEDIA_DIR = path.join(PROJECT_ROOT, 'media', 'readme');
export const REFRESH_README_SHOTS = 'SPARK_README_SHOTS';

/** A window small enough that each picture stays well under 200 KB, large enough to read. */
export const README_VIEWPORT = { width: 1120, height: 700 };

/** code-server's "Your application running on port … is available" is not part of any picture. */
async function dismissPortToasts(page: Page): Promise<void> {
  const toasts = page.locator('.notifications-toasts .notification-toast', { hasText: /running on port \d+ is available/ });
  for (let left = await toasts.count(); left > 0; left -= 1) {
    const toast = toasts.first();
    await toast.hover().catch(() => undefined);
    await toast.locator('.codicon-notifications-clear').first().click({ timeout: 2000 }).catch(() => undefined);
    await toast.waitFor({ state: 'detached', timeout: 2000 }).catch(() => undefined);
  }
}

export async function readmeShot(page: Page, name: ReadmeShot): Promise<string> {
  const dir = path.join(SCREENSHOT_DIR, 'readme');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await dismissPortToasts(page);
  const png = await page.screenshot({ path: file });
  if (process.env[REFRESH_README_SHOTS] === '1') {
    fs.mkdirSync(README_MEDIA_DIR, { recursive: true });
    fs.writeFileSync(path.join(README_MEDIA_DIR, `${name}.png`), optimisePng(png));
  }
  return file;
}
