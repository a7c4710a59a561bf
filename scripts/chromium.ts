import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (package `chromium`): the only browser the project drives; none is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Chromium headless, as this machine's closed network needs it: no
 * sandbox (it runs as root here), and none of its background connections.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
