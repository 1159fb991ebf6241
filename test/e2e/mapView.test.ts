import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openConsolePage } from '../support/chromium';
import {
  feedHeavySituation,
  heavyIncidents,
  heavyTrack,
  longestTraceTasks,
  startFrameRecorder,
  stopFrameRecorder,
} from '../support/heavySituation';
import { startHost, type RunningHost } from '../support/headlessHost';
import { tileOf, writeTestMbtiles } from '../support/testMbtiles';
import { ApiSocket } from '../support/wsClient';

/**
 * The console's Map view in Chromium against the headless host in demo mode (the GNSS
 * simulator drives the demo route): the vehicle's marker and track, a click that
 * starts a 初报 at that place, night mode, screenshots; then the same view fed 5,000
 * incidents and a 50,000-point track, dragged and zoomed, with the longest frame.
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

  it('imports a base layer through the UI, and the vehicle lands on the right tile', { timeout: 60_000 }, async () => {
    // A drawn MBTiles of the demo vehicle's area (z/x/y printed on each tile), made now.
    const api = await ApiSocket.open(host.url);
    const latest = await api.call('position.latest');
    api.close();
    const fix = (latest as { value: { latitude: number; longitude: number } }).value;
    const file = join(dataDir, 'demo-area.mbtiles');
    await writeTestMbtiles(file, { lat: fix.latitude, lon: fix.longitude, spanDeg: 0.3, minzoom: 12, maxzoom: 15, name: 'Demo area' });
    await page
      .getByTestId('map-import-file')
      .setInputFiles({ name: 'demo-area.mbtiles', mimeType: 'application/octet-stream', buffer: readFileSync(file) });
    await expect.poll(() => page.getByTestId('map-import-outcome').textContent(), { timeout: 20_000 }).toContain('Demo area');
    await page.locator('img.leaflet-tile-loaded[src*="/tiles/demo-area/"]').first().waitFor({ timeout: 20_000 });
    // The tile under the vehicle's marker is the one its own position falls in.
    const marker = (await page.locator('.own-vehicle').boundingBox())!;
    const at = { x: marker.x + marker.width / 2, y: marker.y + marker.height / 2 };
    const tiles = page.locator('img.leaflet-tile-loaded[src*="/tiles/demo-area/"]');
    let under: string | undefined;
    for (let i = 0; i < (await tiles.count()); i++) {
      const box = (await tiles.nth(i).boundingBox())!;
      if (at.x >= box.x && at.x < box.x + box.width && at.y >= box.y && at.y < box.y + box.height)
        under = (await tiles.nth(i).getAttribute('src'))!;
    }
    const [z, x, y] = under!.split('/tiles/demo-area/')[1]!.split('/').map(Number) as [number, number, number];
    const now = await ApiSocket.open(host.url);
    const here = ((await now.call('position.latest')) as { value: { latitude: number; longitude: number } }).value;
    now.close();
    // The demo vehicle moves a few metres a second: its tile now or a moment ago.
    const expected = [tileOf(here.longitude, here.latitude, z), tileOf(fix.longitude, fix.latitude, z)];
    expect(expected.some((t) => t.x === x && t.y === y)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'map-imported-en-1280x800.png') });
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
  it('pans and zooms the real Map view with 5,000 incidents and a 50,000-point track, and reports the longest frame', async () => {
    const api = await ApiSocket.open(host.url);
    const latest = await api.call('position.latest');
    api.close();
    const fix = (latest as { value: { latitude: number; longitude: number } }).value;
    const centre: [number, number] = [fix.latitude, fix.longitude];
    const now = Date.now();
    const heavy = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const heavyProblems: string[] = [];
    heavy.on('pageerror', (error) => heavyProblems.push(String(error)));
    heavy.on('console', (message) => {
      if (message.type() === 'error') heavyProblems.push(message.text());
    });
    await feedHeavySituation(heavy, { incidents: heavyIncidents(centre, 5000, now), track: heavyTrack(centre, 50_000, now) });
    await heavy.goto(host.url);
    await heavy.locator('button[lang=en]').click();
    await heavy.locator('.nav-rail').getByRole('button', { name: 'Map' }).click();
    await heavy.locator('.own-vehicle').waitFor({ timeout: 20_000 });
    // The clusters (one canvas) count every incident in view: far fewer marks than incidents, none lost.
    const clusters = heavy.locator('canvas.incident-clusters');
    await expect.poll(async () => Number(await clusters.getAttribute('data-marks')), { timeout: 20_000 }).toBeGreaterThan(0);
    // The track (its own canvas) holds every loaded fix and traces the thinned line near the view.
    const track = heavy.locator('canvas.own-track');
    await expect.poll(async () => Number(await track.getAttribute('data-points')), { timeout: 20_000 }).toBeGreaterThanOrEqual(50_000);
    await heavy.waitForTimeout(1000);
    expect(Number(await track.getAttribute('data-drawn'))).toBeGreaterThan(100);
    const marks = Number(await clusters.getAttribute('data-marks'));
    const shown = Number(await clusters.getAttribute('data-shown'));
    expect(marks).toBeLessThan(1000);
    expect(shown).toBeGreaterThan(500);
    expect(shown).toBeLessThanOrEqual(5000);

    await heavy.screenshot({ path: join(SHOTS, 'map-heavy-en-1280x800.png') });
    const map = (await heavy.locator('.base-map').boundingBox())!;
    const cx = map.x + map.width / 2;
    const cy = map.y + map.height / 2;
    await startFrameRecorder(heavy);
    // MCV_MAP_PROFILE=1 keeps a CPU profile of the drags and zooms (test-output/e2e/map-heavy.cpuprofile) to see what a long frame ran.
    const profiler = process.env.MCV_MAP_PROFILE ? await heavy.context().newCDPSession(heavy) : undefined;
    await profiler?.send('Profiler.enable');
    await profiler?.send('Profiler.start');
    // MCV_MAP_TRACE=1 keeps a Chromium trace instead (test-output/e2e/map-heavy.trace.json): tasks, GC, paint, raster.
    const tracing = process.env.MCV_MAP_TRACE !== undefined;
    if (tracing)
      await browser.startTracing(heavy, {
        path: join(SHOTS, 'map-heavy.trace.json'),
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.gc', 'blink', 'cc', 'toplevel', 'benchmark'],
      });
    for (let step = 0; step < 8; step++) {
      await heavy.mouse.move(cx, cy);
      await heavy.mouse.down();
      await heavy.mouse.move(cx + (step % 2 ? -220 : 220), cy + (step % 4 < 2 ? 120 : -120), { steps: 12 });
      await heavy.mouse.up();
      if (step % 2 === 1) {
        await heavy.mouse.wheel(0, step % 4 === 1 ? -240 : 240);
        await heavy.waitForTimeout(500);
      }
    }
    await heavy.waitForTimeout(500);
    const frames = await stopFrameRecorder(heavy);
    if (tracing) {
      await browser.stopTracing();
      const tasks = longestTraceTasks(readFileSync(join(SHOTS, 'map-heavy.trace.json'), 'utf8'));
      console.log(
        `  trace: longest main-thread task ${tasks.wallMs.toFixed(1)} ms wall (${tasks.cpuOfLongestWallMs.toFixed(1)} ms of it on a CPU), most CPU in one task ${tasks.cpuMs.toFixed(1)} ms`,
      );
    }
    if (profiler) writeFileSync(join(SHOTS, 'map-heavy.cpuprofile'), JSON.stringify((await profiler.send('Profiler.stop')).profile));
    console.log(
      `map heavy situation (real Map view): longest frame ${frames.longestGap.toFixed(1)} ms, longest long-animation-frame ${frames.longestLongFrame.toFixed(1)} ms, longest script in one ${frames.longestScript.ms.toFixed(1)} ms (${frames.longestScript.name}) over ${frames.frames} frames (5,000 incidents, 50,000-point track, 8 drags, 4 wheel zooms)`,
    );
    for (const frame of frames.longFrames)
      console.log(
        `  long frame ${frame.ms.toFixed(1)} ms: scripts ${frame.scriptMs.toFixed(1)} ms (${frame.scripts || 'none'}), animation-frame callbacks ${frame.rafMs.toFixed(1)} ms, style/layout/paint ${frame.layoutPaintMs.toFixed(1)} ms`,
      );
    // After the drags and zooms: the track and the clusters still drawn where they belong.
    await heavy.screenshot({ path: join(SHOTS, 'map-heavy-after-en-1280x800.png') });
    expect(Number(await track.getAttribute('data-drawn'))).toBeGreaterThan(100);
    expect(frames.frames).toBeGreaterThan(30);
    expect(heavyProblems).toEqual([]);
    await heavy.close();
  }, 90_000);
});
