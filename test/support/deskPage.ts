import type { Browser, Page } from 'playwright-core';

/**
 * The desk (served by the real center under /ui/) signed in as its staff member, in `language`:
 * page errors and console errors go to `problems` (tests assert it stays empty).
 */
export async function openDeskPage(
  browser: Browser,
  center: { url: string; staffToken: string },
  problems: string[],
  options: { language?: 'en' | 'zh-CN'; width?: number; height?: number; hash?: string } = {},
): Promise<Page> {
  const language = options.language ?? 'en';
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    locale: language === 'en' ? 'en-US' : 'zh-CN',
  });
  page.on('pageerror', (error) => problems.push(`desk: ${String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`desk: ${message.text()}`);
  });
  await page.addInitScript(
    ([token, lang]) => {
      localStorage.setItem('mcv-desk-language', lang!);
      sessionStorage.setItem('mcv-desk-token', token!);
    },
    [center.staffToken, language],
  );
  await page.goto(`${center.url}/ui/${options.hash ?? ''}`);
  return page;
}
