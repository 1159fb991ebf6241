import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startCenter, type CenterProcess } from '../support/centerProcess';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * The console's Reports view in Chromium against the headless host in demo mode (GNSS from
 * the simulator) syncing to the real center: the shortest path to a located first report with a photo,
 * the incident page with its thumbnail, a follow-up and the final report. Screenshots in
 * en and zh-CN at 1280×800 and 1600×1000.
 */

const SHOTS = join(process.cwd(), 'test-output', 'reports');
let host: RunningHost;
let center: CenterProcess;
let browser: Browser;
let dataDir: string;
const problems: string[] = [];

/** A 1600×1200 photo with some structure (a gradient and blocks), stored turned (EXIF orientation 6). */
async function photo(): Promise<Buffer> {
  const width = 1600;
  const height = 1200;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const block = (Math.floor(x / 200) + Math.floor(y / 200)) % 2;
      pixels[i] = (x / width) * 200 + block * 40;
      pixels[i + 1] = (y / height) * 160 + 40;
      pixels[i + 2] = 120 - block * 60;
    }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function openPage(width: number, height: number, language: 'en' | 'zh-CN'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, locale: language === 'en' ? 'en-US' : 'zh-CN' });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(host.url);
  await page.locator(`button[lang="${language}"]`).click();
  return page;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-'));
  center = await startCenter();
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ sync: { centerUrl: center.url, token: center.vehicleToken, pollSeconds: 1 } }),
  );
  host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir]);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await center?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Reports view (console, demo mode)', () => {
  it('files a located first report with a photo in 8 steps, then a follow-up and the final report', async () => {
    const page = await openPage(1280, 800, 'en');
    const image = await photo();
    let steps = 0;
    const step = async (action: Promise<unknown>) => {
      await action;
      steps++;
    };
    const started = Date.now();
    await step(page.getByRole('button', { name: 'Reports', exact: true }).click());
    await page.getByTestId('reports-new').waitFor();
    await page.screenshot({ path: join(SHOTS, 'reports-list-empty-en-1280.png') });
    await step(page.getByTestId('reports-new').click());
    await step(page.getByTestId('report-type').selectOption('earthquake'));
    await step(page.getByTestId('report-level').locator('[data-level=II]').click());
    await step(page.getByTestId('report-text').fill('Houses collapsed in the old town, people trapped'));
    await step(page.getByTestId('report-use-gnss').click());
    await expect.poll(() => page.getByTestId('report-latitude').inputValue(), { timeout: 15_000 }).toMatch(/^\d+\.\d{6}$/);
    await step(page.getByTestId('report-add-photo').setInputFiles({ name: 'old-town.jpg', mimeType: 'image/jpeg', buffer: image }));
    await expect.poll(() => page.getByTestId('picked-file').getAttribute('data-state'), { timeout: 15_000 }).toBe('staged');
    expect(await page.getByTestId('picked-file-estimate').textContent()).toMatch(/thumbnail \d+(\.\d)? KB/);
    await page.screenshot({ path: join(SHOTS, 'report-form-filled-en-1280.png'), fullPage: true });
    await step(page.getByTestId('report-send').click());
    await page.getByTestId('incident-page').waitFor();
    const uiMs = Date.now() - started;
    console.log(`ui_steps=${steps} ui_ms=${uiMs}`);
    expect(steps).toBeLessThanOrEqual(8);

    const first = page.getByTestId('report-card');
    await expect.poll(() => first.count()).toBe(1);
    expect(await first.getAttribute('data-stage')).toBe('first');
    expect(await first.locator('.priority-tag').textContent()).toBe('Flash');
    await expect.poll(() => first.getByTestId('report-file').locator('img').count(), { timeout: 10_000 }).toBe(1);
    // The thumbnail is upright: the photo was stored turned (EXIF 6), so it shows taller than wide.
    const size = await first
      .getByTestId('report-file')
      .locator('img')
      .evaluate((img) => [
        (img as unknown as { naturalWidth: number }).naturalWidth,
        (img as unknown as { naturalHeight: number }).naturalHeight,
      ]);
    expect(size).toEqual([240, 320]);
    // The demo links carry it to the center: delivered, and the first report is in time.
    await expect.poll(() => page.getByTestId('incident-deadline').getAttribute('data-state'), { timeout: 20_000 }).toBe('met');
    await expect.poll(() => first.locator('.report-card-head').getByTestId('report-delivered').count(), { timeout: 20_000 }).toBe(1);

    await page.getByTestId('report-followup').click();
    await page.getByTestId('later-report-text').fill('12 people rescued, 3 still trapped');
    await page.getByTestId('later-report-send').click();
    await expect.poll(() => page.getByTestId('report-card').count()).toBe(2);
    expect(await page.getByTestId('report-card').nth(1).locator('.report-stage').textContent()).toBe('Follow-up 1');
    await page.screenshot({ path: join(SHOTS, 'incident-chain-en-1280.png'), fullPage: true });

    await page.getByTestId('report-final').click();
    await page.getByTestId('later-report-text').fill('All rescued; site handed to the county');
    await page.getByTestId('later-report-send').click();
    await expect.poll(() => page.getByTestId('incident-page').getAttribute('data-status')).toBe('closed');
    expect(await page.getByTestId('report-followup').count()).toBe(0);
    await page.close();
  });

  it('shows the list, the form and the incident page in both languages at two sizes', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      for (const [width, height] of [
        [1280, 800],
        [1600, 1000],
      ] as const) {
        const page = await openPage(width, height, language);
        await page.locator('.nav-item').nth(5).click();
        await page.getByTestId('incident-row').first().waitFor();
        await page.screenshot({ path: join(SHOTS, `reports-list-${language}-${width}.png`) });
        await page.getByTestId('reports-new').click();
        await page.getByTestId('report-text').waitFor();
        await page.screenshot({ path: join(SHOTS, `report-form-${language}-${width}.png`) });
        await page.getByRole('button', { name: language === 'en' ? 'Cancel' : '取消' }).click();
        await page.getByTestId('incident-row').first().click();
        await page.getByTestId('report-card').first().waitFor();
        await page.getByTestId('report-file').locator('img').first().waitFor();
        await page.screenshot({ path: join(SHOTS, `incident-${language}-${width}.png`) });
        await page.close();
      }
    }
    expect(problems).toEqual([]);
  });
});
