import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Leaflet from 'leaflet';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * The console's Map view in Chromium against the headless host in demo mode (the GNSS
 * simulator drives the demo route): the vehicle's marker and track, a click that
 * starts a 初报 at that place, night mode, screenshots; then Leaflet's canvas renderer with
 * 5,000 incident markers and a 50,000-point track, panned and zoomed, with the longest frame.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-map-'));
  host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir]);
  browser = await launchChromium();
  page = await openConsolePage(browser, host.url, problems);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('console map', () => {
  it('shows the vehicle with its fix age, its track, and says why there is no base map', async () => {
    await page.locator('.nav-rail').getByRole('button', { name: 'Map' }).click();
    await page.locator('.own-vehicle').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByTestId('own-age').textContent()).toMatch(/^Own position \d+ s old$/);
    // Without a base layer the view says so (or why the list cannot be read) and offers the import.
    await expect
      .poll(async () => (await page.locator('.map-notes').textContent()) ?? '')
      .toMatch(/No base map yet|Base maps cannot be listed/);
    expect(await page.getByTestId('map-import').isEnabled()).toBe(true);
  });

  it('starts a new incident at the place clicked (the form shows those coordinates)', async () => {
    const box = (await page.locator('.own-vehicle').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x + 40, y + 40);
    const readout = (await page.getByTestId('readout-decimal').textContent())!;
    const [lat, lon] = readout.split(',').map(Number) as [number, number];
    // 40 px from the vehicle at zoom 14 is a few hundred metres: the readout is near the vehicle, in WGS-84.
    expect(Number.isFinite(lat) && Number.isFinite(lon)).toBe(true);
    await page.getByTestId('map-place').click();
    await page.mouse.click(x + 40, y + 40);
    await page.getByTestId('report-latitude').waitFor();
    expect(Number(await page.getByTestId('report-latitude').inputValue())).toBeCloseTo(lat, 5);
    expect(Number(await page.getByTestId('report-longitude').inputValue())).toBeCloseTo(lon, 5);
    await page.locator('.nav-rail').getByRole('button', { name: 'Map' }).click();
    await page.locator('.own-vehicle').waitFor();
  });

  it('dims the tiles in night mode and measures', async () => {
    await page.getByTestId('map-night').click();
    expect(await page.locator('.base-map.night').count()).toBe(1);
    const filter = await page
      .locator('.leaflet-tile-pane')
      .evaluate((el) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { filter: string } }).getComputedStyle(el).filter);
    expect(filter).toContain('brightness(0.45)');
    await page.getByTestId('map-night').click();
    await page.getByTestId('map-measure').click();
    const map = (await page.locator('.base-map').boundingBox())!;
    await page.mouse.click(map.x + 200, map.y + 200);
    await page.mouse.click(map.x + 400, map.y + 200);
    await page.mouse.click(map.x + 400, map.y + 400);
    await expect.poll(() => page.getByTestId('measure-result').textContent()).toMatch(/^Distance [\d.]+ k?m · area [\d.]+ k?m²/);
    await page.getByTestId('map-measure').click();
  });

  it('takes screenshots in en and zh-CN at 1280×800 and 1600×1000', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      await page.locator(`button[lang=${language}]`).click();
      for (const [w, h] of [
        [1280, 800],
        [1600, 1000],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(SHOTS, `map-${language}-${w}x${h}.png`) });
      }
    }
    await page.locator('button[lang=en]').click();
    expect(problems).toEqual([]);
  });
});

describe('heavy situation', () => {
  it('pans and zooms 5,000 markers and a 50,000-point track on the canvas renderer without long frames', async () => {
    const heavy = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await heavy.setContent('<div id="map" style="width:1280px;height:800px"></div>');
    await heavy.addStyleTag({ path: join(process.cwd(), 'node_modules/leaflet/dist/leaflet.css') });
    await heavy.addScriptTag({ path: join(process.cwd(), 'node_modules/leaflet/dist/leaflet.js') });
    const longest = await heavy.evaluate(async () => {
      const page = globalThis as unknown as { L: typeof Leaflet; requestAnimationFrame: (cb: (now: number) => void) => number };
      const L = page.L;
      const requestAnimationFrame = page.requestAnimationFrame.bind(page);
      // The options BaseMap uses: the canvas renderer, circle markers, one polyline.
      const map = L.map('map', { preferCanvas: true }).setView([30.6, 114.3], 12);
      let seed = 7;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let i = 0; i < 5000; i++)
        L.circleMarker([30.5 + random() * 0.2, 114.2 + random() * 0.2], {
          radius: 7,
          color: '#fff',
          weight: 1.5,
          fillColor: '#dc2626',
          fillOpacity: 0.95,
        }).addTo(map);
      const track: Array<[number, number]> = [];
      for (let i = 0; i < 50_000; i++)
        track.push([30.6 + 0.08 * Math.sin(i / 800) + 0.002 * Math.sin(i / 7), 114.3 + 0.08 * Math.cos(i / 900)]);
      L.polyline(track, { color: '#2563eb', weight: 3 }).addTo(map);
      await new Promise((r) => setTimeout(r, 500));
      const gaps: number[] = [];
      let last = performance.now();
      let running = true;
      const tick = (now: number) => {
        gaps.push(now - last);
        last = now;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      for (let step = 0; step < 20; step++) {
        map.panBy([step % 2 ? -150 : 150, 80], { animate: false });
        await new Promise((r) => requestAnimationFrame(r));
        if (step % 5 === 4) map.setZoom(step % 10 === 4 ? 13 : 12, { animate: false });
        await new Promise((r) => requestAnimationFrame(r));
      }
      running = false;
      return Math.max(...gaps.slice(1));
    });
    console.log(`map heavy situation: longest frame ${longest.toFixed(1)} ms (5,000 markers, 50,000-point track, 20 pans, 4 zooms)`);
    expect(longest).toBeGreaterThan(0);
    await heavy.close();
  }, 60_000);
});
