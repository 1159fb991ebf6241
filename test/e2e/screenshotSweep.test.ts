import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendControlCommand } from '../../fixtures/devices/controlSocket';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * The screenshot sweep: every console view of the demo vehicle at 1280×800 and 1440×900,
 * in en and zh-CN, dark and light. For each screen it asserts what an operator must never
 * see: a raw `{{placeholder}}`, or a state word (an element marked `data-state-word`) cut
 * off. The PNGs under test-output/e2e/sweep/ are for a person to look at.
 *
 * One browser and one page for the whole sweep: the viewport, language and theme are
 * switched on the same page, so the sweep stays well under a minute and a half.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e', 'sweep');
const VIEWS = ['links', 'map', 'video', 'orders', 'messages', 'reports', 'duty', 'sync'] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
] as const;
const LANGUAGES = ['en', 'zh-CN'] as const;
const THEMES = ['dark', 'light'] as const;

let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

/**
 * What is wrong on the screen now, each fault described: a raw `{{placeholder}}`, a raw
 * i18n key shown as text ("sbd.lastSession"), or a state word (`data-state-word`) whose
 * text is wider than its box. Run in the page (a string: the tests compile without DOM types).
 */
const FIND_FAULTS = `(() => {
  const faults = [];
  const rawKey = /^[a-z][a-zA-Z]*(\\.[a-zA-Z][\\w-]*)+$/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent || '').trim();
    if (text.includes('{{')) faults.push('placeholder in "' + text.slice(0, 80) + '"');
    else if (rawKey.test(text) && !/\\.(png|jpe?g|webm|mp4|json|txt|pdf)$/i.test(text)) faults.push('raw i18n key "' + text + '"');
  }
  for (const element of document.querySelectorAll('[data-state-word]')) {
    if (element.getClientRects().length === 0) continue; // not displayed
    const box = element.getBoundingClientRect();
    const clipped =
      element.scrollWidth > element.clientWidth + 1 ||
      [...element.querySelectorAll('*'), element].some((e) => e.getBoundingClientRect().right > box.right + 1);
    // Clipped by an ancestor too: the word's box must lie inside every ancestor that hides overflow.
    let outside = false;
    for (let up = element.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX === 'visible') continue;
      const frame = up.getBoundingClientRect();
      if (box.right > frame.right + 1 || box.left < frame.left - 1) outside = true;
    }
    if (clipped || outside) faults.push('state word clipped: "' + element.textContent + '" (' + element.scrollWidth + ' > ' + element.clientWidth + ' px)');
  }
  return faults;
})()`;

function findFaults(): Promise<string[]> {
  return page.evaluate(FIND_FAULTS) as Promise<string[]>;
}

const tile = (id: string) => page.locator(`[data-testid=link-tile][data-link-id="${id}"]`);
const sim = async (key: string, command: string): Promise<void> => {
  const answer = (await sendControlCommand(join(dataDir, 'demo', `${key}.ctl`), command)) as { ok: boolean; error?: string };
  if (!answer.ok) throw new Error(`${key} ${command}: ${answer.error}`);
};

async function setLanguage(language: (typeof LANGUAGES)[number]): Promise<void> {
  await page.locator(`.top-bar button[lang="${language}"]`).click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
}

async function setTheme(theme: (typeof THEMES)[number]): Promise<void> {
  if ((await page.locator('html').getAttribute('data-theme')) !== theme) await page.getByTestId('theme-toggle').click();
  await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme);
}

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-sweep-'));
  host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: SIZES[0], locale: 'en-US' });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(host.url);
  await page.locator('[data-testid=link-tile]').first().waitFor();
  // Let the demo links settle (first readings, first probes) so the tiles show their states.
  await page.waitForFunction('document.querySelectorAll("[data-testid=link-tile][data-state=unknown]").length === 0', undefined, {
    timeout: 20_000,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('screenshot sweep (demo vehicle)', () => {
  it('shows no raw placeholder and no clipped state word in any view, size, language or theme', async () => {
    const faults: string[] = [];
    const navItems = page.locator('.nav-rail .nav-item');
    for (const language of LANGUAGES) {
      await setLanguage(language);
      for (const theme of THEMES) {
        await setTheme(theme);
        for (const size of SIZES) {
          await page.setViewportSize(size);
          for (const [index, view] of VIEWS.entries()) {
            await navItems.nth(index).click();
            await expect.poll(() => navItems.nth(index).getAttribute('aria-current')).toBe('page');
            // A view's first data arrive over the socket; give them a moment to draw.
            await page.waitForTimeout(view === 'map' ? 400 : 150);
            const where = `${view} ${size.width}x${size.height} ${language} ${theme}`;
            faults.push(...(await findFaults()).map((fault) => `${where}: ${fault}`));
            await page.screenshot({ path: join(SHOTS, `${view}-${size.width}x${size.height}-${language}-${theme}.png`) });
          }
        }
      }
    }
    expect(faults).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('opens a link history in view with translated, placeholder-free legends, in both languages', async () => {
    const faults: string[] = [];
    await page.setViewportSize(SIZES[0]);
    await setTheme('dark');
    await page.locator('.nav-rail .nav-item').first().click();
    for (const language of LANGUAGES) {
      await setLanguage(language);
      for (const id of ['demo-5g', 'demo-iridium', 'demo-gnss']) {
        await page.locator(`[data-testid=link-tile][data-link-id="${id}"]`).click();
        const panel = page.getByTestId('history-panel');
        await panel.waitFor();
        await expect.poll(() => panel.locator('canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
        // Opened in view: scrolled until the panel's head is in the upper half, and settled there.
        let last = Infinity;
        await expect
          .poll(
            async () => {
              const y = (await panel.boundingBox())?.y ?? Infinity;
              const settled = y === last;
              last = y;
              return settled && y < SIZES[0].height / 2;
            },
            { timeout: 5000, interval: 200 },
          )
          .toBe(true);
        // The legend shows the newest values with no cursor, and follows the cursor over the chart.
        const chart = panel.locator('.time-chart').first();
        const timeValue = chart.locator('.u-legend .u-series').first().locator('.u-value');
        await expect.poll(() => timeValue.textContent(), { timeout: 5000 }).toMatch(/^\d\d:\d\d$/);
        const latest = await timeValue.textContent();
        const over = (await chart.locator('.u-over').boundingBox())!;
        await page.mouse.move(over.x + over.width * 0.25, over.y + over.height / 2);
        await expect.poll(() => timeValue.textContent()).not.toBe(latest);
        await page.mouse.move(0, 0);
        await expect.poll(() => timeValue.textContent()).toBe(latest);
        faults.push(...(await findFaults()).map((fault) => `history ${id} ${language}: ${fault}`));
        await page.screenshot({ path: join(SHOTS, `history-${id}-${language}.png`) });
        await page.locator(`[data-testid=link-tile][data-link-id="${id}"]`).click();
        await expect.poll(() => page.getByTestId('history-panel').count()).toBe(0);
      }
    }
    expect(faults).toEqual([]);
  });

  it('leads a down tile with why, not with the countdown, and marks probes that take another route', async () => {
    await page.setViewportSize(SIZES[0]);
    await setLanguage('en');
    await sim('demo-5g', 'reg lost'); // down by its modem; its probes still answer
    await sim('demo-lte-path', 'down'); // down by its probes
    await expect.poll(() => tile('demo-5g').getAttribute('data-state'), { timeout: 5000 }).toBe('down');
    await expect.poll(() => tile('demo-lte').getAttribute('data-state'), { timeout: 8000 }).toBe('down');
    expect(await tile('demo-5g').locator('.reason-lead').textContent()).toBe('Searching for a network');
    expect(await tile('demo-5g').getByTestId('path-other').textContent()).toBe('Probe by another route, not over this link');
    await expect.poll(() => tile('demo-lte').locator('.reason-lead').textContent()).toMatch(/^\d+ probes lost in a row$/);
    expect(await tile('demo-lte').getByTestId('path-other').count()).toBe(0);
    const faults = (await findFaults()).map((fault) => `down en: ${fault}`);
    await page.screenshot({ path: join(SHOTS, 'links-down-1280x800-en-dark.png') });
    await sim('demo-5g', 'reg home');
    await sim('demo-lte-path', 'up');
    // On its way back: still down for its reason, the countdown after it.
    await expect.poll(() => tile('demo-5g').getByTestId('recovery').count(), { timeout: 5000, interval: 100 }).toBe(1);
    expect(await tile('demo-5g').getByTestId('path-other').count()).toBe(0); // registered again: the probes may be on it
    expect(await tile('demo-5g').locator('.reason-lead').textContent()).toBe('Searching for a network');
    expect(await tile('demo-5g').getByTestId('recovery').textContent()).toMatch(/^Recovering: good again for \d+ of \d+ s$/);
    await setLanguage('zh-CN');
    faults.push(...(await findFaults()).map((fault) => `recovering zh-CN: ${fault}`));
    await page.screenshot({ path: join(SHOTS, 'links-recovering-1280x800-zh-CN-dark.png') });
    // The timeline never says "→ Up" for a reason that contradicts it.
    if ((await page.getByTestId('history-panel').count()) === 0) await tile('demo-5g').click();
    await setLanguage('en');
    const lines = page.getByTestId('timeline').locator('li');
    await expect.poll(() => lines.count(), { timeout: 5000 }).toBeGreaterThan(0);
    for (const line of await lines.all()) {
      const [, to] = await line.locator('.mini-pill').allTextContents();
      const reason = (await line.getByTestId('timeline-reason').textContent()) ?? '';
      if (to === 'Up') expect(reason, reason).toMatch(/^(Working|Probes answer; the device: )/);
    }
    await tile('demo-5g').click();
    expect(faults).toEqual([]);
  });

  it('greys and locks what depends on the console core once it is out of reach, with a "stale since" mark', async () => {
    await page.locator('#links-title').scrollIntoViewIfNeeded();
    await host.stop();
    await expect.poll(() => page.getByTestId('core-status').getAttribute('class'), { timeout: 10_000 }).toContain('closed');
    expect(await page.getByTestId('stale-since').textContent()).toMatch(/^Stale since \d\d:\d\d$/);
    expect(await page.getByTestId('policy-stale').textContent()).toMatch(/^Stale since \d\d:\d\d$/);
    expect(await page.getByTestId('links-summary').getAttribute('class')).toContain('stale');
    expect(await page.getByTestId('allow-metered-bulk').isDisabled()).toBe(true);
    const pins = page.getByTestId('policy-strip').locator('select');
    expect(await pins.count()).toBe(5);
    for (const pin of await pins.all()) expect(await pin.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'links-core-unreachable-1280x800-en-dark.png') });
  });
});
