import { chromium, type Browser, type Page } from 'playwright-core';

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

/**
 * A 1366×800 English page on `url` that collects page errors and console errors into
 * `problems` (tests assert it stays empty), switched to English once loaded.
 */
export async function openConsolePage(browser: Browser, url: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'en-US' });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(url);
  await page.locator('button[lang=en]').click();
  return page;
}
