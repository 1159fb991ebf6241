import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.MCV_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with no background traffic (these machines have no
 * network; Playwright must never download its own browser). `launch()` gives every
 * browser a fresh temporary profile of its own.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
