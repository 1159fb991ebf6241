import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeItem } from '../../protocol/sync/codec';
import type { SyncItem } from '../../protocol/sync/items';
import { derivedUuidv7 } from '../../protocol/sync/uuid';
import { exchangeOk } from '../integration/center/centerHttp';
import { addCredential, startCenter, type CenterProcess } from '../support/centerProcess';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';
import { writeTestMbtiles } from '../support/testMbtiles';
import { waitFor } from '../support/waitFor';
import { ApiSocket } from '../support/wsClient';

/**
 * Other vehicles of the center on the console's map: the real center process, two other
 * vehicles reporting positions through its sync API (one fresh, one two hours old), and the
 * demo console synced to the same center in Chromium: both drawn as square badges with
 * their names, the old one stale with the reason, a note counting them that hides them.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let center: CenterProcess;
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

function position(vehicleId: string, at: number, latitude: number, longitude: number): Uint8Array {
  const item: SyncItem = {
    kind: 'position',
    seq: 1,
    id: derivedUuidv7(vehicleId, 1, at),
    priority: 'routine',
    createdAt: at,
    body: { latitude, longitude, fix: '3d' },
  };
  return encodeItem(item);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-fleet-'));
  center = await startCenter();
  const configFile = join(dataDir, 'config.json');
  const config = { vehicle: { name: 'MCV-07' }, sync: { centerUrl: center.url, token: center.vehicleToken, pollSeconds: 1 } };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir, '--config', configFile]);
  browser = await launchChromium();
  page = await openConsolePage(browser, host.url, problems);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await center?.stop();
  await center?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('other vehicles on the console map', () => {
  it('draws the other vehicles the center sends down, the old one stale with the reason, and hides them on request', async () => {
    const api = await ApiSocket.open(host.url);
    const fix = await waitFor(
      'the demo vehicle’s fix',
      async () => ((await api.call('position.latest')) as { value: { latitude: number; longitude: number } | null }).value ?? undefined,
      20_000,
      200,
    );
    api.close();
    const fresh = await addCredential(center.dataDir, 'vehicles', '应急二号 MCV-02');
    const old = await addCredential(center.dataDir, 'vehicles', 'MCV-03');
    await exchangeOk(center.url, fresh.token, {
      v: 1,
      items: [position(fresh.id, Date.now() - 120_000, fix.latitude + 0.004, fix.longitude + 0.006)],
      downAck: 0,
    });
    await exchangeOk(center.url, old.token, {
      v: 1,
      items: [position(old.id, Date.now() - 2 * 3_600_000, fix.latitude - 0.005, fix.longitude - 0.004)],
      downAck: 0,
    });

    await page.locator('.nav-rail').getByRole('button', { name: 'Map' }).click();
    const labels = page.getByTestId('other-vehicle-label');
    await expect.poll(() => labels.count(), { timeout: 20_000 }).toBe(2);
    const label = (id: string) => page.locator(`[data-testid=other-vehicle-label][data-vehicle="${id}"]`);
    expect(await label(fresh.id).textContent()).toBe('应急二号 MCV-02 · position 2 min ago');
    expect(await label(fresh.id).getAttribute('data-stale')).toBe('false');
    expect(await label(old.id).textContent()).toBe('MCV-03 · stale, 2 h 0 min ago');
    expect(await label(old.id).getAttribute('data-stale')).toBe('true');
    expect(await page.locator('.other-vehicle.stale').count()).toBe(1);
    expect(await page.locator('.other-vehicle:not(.stale)').count()).toBe(1);
    // Never the vehicle itself: its own arrow only.
    expect(await page.locator('.own-vehicle').count()).toBe(1);
    const staleTitle = await page.locator('.other-vehicle.stale').getAttribute('title');
    expect(staleTitle).toMatch(/^MCV-03 — position 2 h 0 min ago — No newer position has reached this console for over 30 minutes/);
    expect(await page.getByTestId('other-vehicles-note').textContent()).toBe('2 other vehicles of the center(1 stale)');

    await page.screenshot({ path: join(SHOTS, 'map-fleet-en-1280x800.png') });
    await page.getByTestId('other-vehicles-toggle').uncheck();
    await expect.poll(() => labels.count()).toBe(0);
    await page.getByTestId('other-vehicles-toggle').check();
    await expect.poll(() => labels.count()).toBe(2);
  });

  it('takes screenshots in en and zh-CN at 1280×800 and 1600×1000, on a drawn base map', { timeout: 60_000 }, async () => {
    const api = await ApiSocket.open(host.url);
    const fix = ((await api.call('position.latest')) as { value: { latitude: number; longitude: number } }).value;
    api.close();
    const file = join(dataDir, 'fleet-area.mbtiles');
    await writeTestMbtiles(file, { lat: fix.latitude, lon: fix.longitude, spanDeg: 0.1, minzoom: 13, maxzoom: 15, name: 'Fleet area' });
    await page
      .getByTestId('map-import-file')
      .setInputFiles({ name: 'fleet-area.mbtiles', mimeType: 'application/octet-stream', buffer: readFileSync(file) });
    await page.locator('img.leaflet-tile-loaded[src*="/tiles/fleet-area/"]').first().waitFor({ timeout: 20_000 });
    for (const language of ['en', 'zh-CN'] as const) {
      await page.locator(`button[lang=${language}]`).click();
      for (const [w, h] of [
        [1280, 800],
        [1600, 1000],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(SHOTS, `map-fleet-${language}-${w}x${h}.png`) });
      }
    }
    expect(await page.getByTestId('other-vehicles-note').textContent()).toBe('本中心其他车辆 2 辆（1 辆位置已过时）');
    await page.locator('button[lang=en]').click();
    expect(problems).toEqual([]);
  });
});
