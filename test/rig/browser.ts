import { Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './layout';

/**
 * Debian's Chromium, headless. The network flags stop its background connections, which this
 * machine's closed network refuses many at a time; Playwright makes its own fresh profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
