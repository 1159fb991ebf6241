import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startCenter, type CenterProcess } from '../support/centerProcess';
import { openDeskPage } from '../support/deskPage';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * What a first run shows that comes from the core or the center, by code and in the UI's
 * language: the center's media state in the desk header (these machines have mediasoup
 * without its worker, so media is off), and why a queued message waits (the center went
 * away after the console had met it, so the message's own try fails). Screenshots at 1280×800 and 1600×1000, en and zh-CN.
 */

const SHOTS = join(process.cwd(), 'test-output', 'firstrun');
let browser: Browser;
let center: CenterProcess;
let host: RunningHost;
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchChromium();
  center = await startCenter({ echo: false });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-firstrun-'));
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ demo: true, sync: { centerUrl: center.url, token: center.vehicleToken, pollSeconds: 2 } }),
  );
  host = await startHost(['--port', '0', '--data-dir', dataDir]);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await center?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
];

describe('a first run, by code and in the UI language', () => {
  it("the desk header says why live video is off, translated; the center's own line is the tooltip", async () => {
    const expected = {
      en: 'Live video off: mediasoup is not installed at the center',
      'zh-CN': '实时视频未开启：指挥中心未安装 mediasoup',
    };
    for (const language of ['en', 'zh-CN'] as const) {
      for (const size of SIZES) {
        const page = await openDeskPage(browser, center, problems, { language, ...size });
        const media = page.getByTestId('center-media');
        await expect.poll(() => media.textContent(), { timeout: 15_000 }).toBe(expected[language]);
        expect(await media.getAttribute('title')).toMatch(/^mediasoup \S+ is installed without its worker binary/);
        await page.screenshot({ path: join(SHOTS, `desk-media-off-${language}-${size.width}.png`) });
        await page.close();
      }
    }
    expect(problems).toEqual([]);
  });

  it("a queued message's tooltip says why its last try failed, in the UI language", async () => {
    // The token was moved out of config.json at the host's start.
    expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).not.toContain('mcv-v.');
    expect(readFileSync(join(dataDir, 'vehicle-token'), 'utf8').trim()).toBe(center.vehicleToken);
    const page = await openConsolePage(browser, host.url, problems);
    await page.setViewportSize(SIZES[0]!);
    await page.locator('.nav-rail').getByRole('button', { name: 'Sync' }).click();
    await expect.poll(() => page.getByTestId('sync-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('idle');
    await center.kill();
    await page.locator('.nav-rail').getByRole('button', { name: 'Messages' }).click();
    await page.getByRole('textbox', { name: 'Message text' }).fill('Water level rising at the bridge');
    await page.getByRole('button', { name: 'Send' }).click();
    const waiting = page.getByTestId('message-item').first().locator('.delivery.queued');
    await expect.poll(() => waiting.getAttribute('title'), { timeout: 30_000 }).toBe('Cannot reach the center');
    await page.screenshot({ path: join(SHOTS, 'message-last-try-en-1280.png') });
    await page.locator('button[lang=zh-CN]').click();
    await expect.poll(() => waiting.getAttribute('title')).toBe('无法连接指挥中心');
    await page.setViewportSize(SIZES[1]!);
    await page.screenshot({ path: join(SHOTS, 'message-last-try-zh-CN-1600.png') });
    await page.locator('button[lang=en]').click();
    await page.close();
    expect(problems).toEqual([]);
  });
});
