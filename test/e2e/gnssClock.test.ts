import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendControlCommand } from '../../fixtures/devices/controlSocket';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * The GNSS tile in Chromium against the demo vehicle: the offset of the system clock from
 * GNSS time, and the warning when the receiver's time is more than 5 s away.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

const gnss = (command: string) => sendControlCommand(join(dataDir, 'demo', 'demo-gnss.ctl'), command);
const tile = () => page.locator('[data-testid=link-tile][data-link-id="demo-gnss"]');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-'));
  host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir]);
  browser = await launchChromium();
  page = await openConsolePage(browser, host.url, problems);
  await tile().waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GNSS clock offset on the Links view', () => {
  it('shows the system clock within a second of GNSS time, without a warning', async () => {
    await expect.poll(() => tile().getByTestId('gnss-clock').textContent(), { timeout: 10_000 }).toMatch(/^\d\.\d s (fast|slow)$/);
    expect(await tile().getByTestId('gnss-clock-warning').count()).toBe(0);
  });

  it('warns when GNSS time is 12 s ahead of the system clock, in en and zh-CN, at 1280×800 and 1600×1000', async () => {
    await gnss('clock 12');
    await expect.poll(() => tile().getByTestId('gnss-clock').textContent(), { timeout: 10_000 }).toMatch(/^1[12] s slow$/);
    expect(await tile().getByTestId('gnss-clock-warning').textContent()).toMatch(/^System clock is 1[12] s off GNSS time: time stamps/);
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1600, height: 1000 },
    ]) {
      await page.setViewportSize(size);
      await tile().scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `gnss-clock-warning-en-${size.width}.png`) });
    }
    await page.locator('button[lang=zh-CN]').click();
    try {
      await expect.poll(() => tile().getByTestId('gnss-clock-warning').textContent()).toMatch(/^系统时钟与卫星时间相差 1[12] 秒/);
      expect(await tile().getByTestId('gnss-clock').textContent()).toMatch(/^慢 1[12] 秒$/);
      for (const size of [
        { width: 1280, height: 800 },
        { width: 1600, height: 1000 },
      ]) {
        await page.setViewportSize(size);
        await tile().scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SHOTS, `gnss-clock-warning-zh-${size.width}.png`) });
      }
    } finally {
      await page.locator('button[lang=en]').click();
    }
    await gnss('clock 0');
    await expect.poll(() => tile().getByTestId('gnss-clock-warning').count(), { timeout: 10_000 }).toBe(0);
    expect(problems).toEqual([]);
  });
});
