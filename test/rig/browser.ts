import { Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './layout';

/**
 * Headers for every test page: otherwise code-server brotli-compresses the workbench's scripts
 * (19 MB for workbench.js alone) on every page load, for a page on the same machine. Measured:
 * code-server's CPU for one page load 2.0 s compressed, 1.6 s without.
 */
export const TEST_PAGE_HEADERS = { 'Accept-Encoding': 'identity' };

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
