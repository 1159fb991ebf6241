import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendControlCommand } from '../../fixtures/devices/controlSocket';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * The GNSS tile in Chromium against the demo vehicle when the receiver's fix is not measured:
 * a simulated fix takes the tile down, an estimated (dead reckoning) one degrades it, and the
 * tile says why in en and zh-CN.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

const gnss = (command: string) => sendControlCommand(join(dataDir, 'demo', 'demo-gnss.ctl'), command);
const tile = () => page.locator('[data-testid=link-tile][data-link-id="demo-gnss"]');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
];

async function shoot(name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await tile().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}.png`) });
  }
}

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

describe('GNSS tile with a fix that was not measured', () => {
  it('is down with "Simulated fix" when the receiver simulates, in en and zh-CN', async () => {
    await gnss('quality simulation');
    await expect.poll(() => tile().getAttribute('data-state'), { timeout: 10_000 }).toBe('down');
    expect(await tile().getByTestId('reason').textContent()).toBe('Simulated fix, not a real position');
    expect(await tile().getByTestId('gnss-unmeasured').textContent()).toMatch(/^Simulated position \(receiver in demo mode\)/);
    await shoot('gnss-simulated-en');
    await page.locator('button[lang=zh-CN]').click();
    try {
      await expect.poll(() => tile().getByTestId('reason').textContent()).toBe('模拟定位，非真实位置');
      await shoot('gnss-simulated-zh');
    } finally {
      await page.locator('button[lang=en]').click();
    }
  });

  it('is degraded with "Estimated fix" under dead reckoning, in en and zh-CN', async () => {
    await gnss('quality dead-reckoning');
    await expect.poll(() => tile().getAttribute('data-state'), { timeout: 10_000 }).toBe('degraded');
    expect(await tile().getByTestId('reason').textContent()).toBe('Estimated fix, not measured');
    await shoot('gnss-estimated-en');
    await page.locator('button[lang=zh-CN]').click();
    try {
      await expect.poll(() => tile().getByTestId('reason').textContent()).toBe('推算定位，非实测');
      await shoot('gnss-estimated-zh');
    } finally {
      await page.locator('button[lang=en]').click();
    }
  });

  it('is up again with a measured fix', async () => {
    await gnss('quality gps');
    await expect.poll(() => tile().getAttribute('data-state'), { timeout: 10_000 }).toBe('up');
    expect(await tile().getByTestId('gnss-unmeasured').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
