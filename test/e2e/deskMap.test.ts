import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRelay } from '../../fixtures/net/LinkRelay';
import { addCredential, type CenterProcess } from '../support/centerProcess';
import { launchChromium, openConsolePage } from '../support/chromium';
import { openDeskPage } from '../support/deskPage';
import { startHost, type RunningHost } from '../support/headlessHost';
import { rigConsoleConfig, startCenterBehindRelay } from '../support/syncRig';
import { SyncVehicle } from '../support/syncVehicle';
import { writeTestMbtiles } from '../support/testMbtiles';
import { waitFor } from '../support/waitFor';
import { ApiSocket } from '../support/wsClient';

/**
 * One map (一张图) from the vehicle to the desk, in two Chromiums: the demo vehicle (its GNSS
 * simulator) syncs to the real center; the desk's fleet map shows it at its position on the
 * center's own MBTiles; the crew clicks their map to start a first report at a place, sends
 * it, and the desk's map shows the incident at that place; staff click the desk map to attach
 * a place to a new order, and click the vehicle to open its page. Screenshots en and zh-CN.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let center: CenterProcess;
let relay: LinkRelay;
let host: RunningHost;
let consoleBrowser: Browser;
let deskBrowser: Browser;
let vehicle: Page;
let desk: Page;
let dataDir: string;
const problems: string[] = [];
const TITLE = 'Landslide on the ring road';

/** Where on the page a WGS-84 point is, from two readings of the map's cursor readout (the map is locally linear at these zooms). */
async function pixelOf(page: Page, latitude: number, longitude: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.base-map').boundingBox())!;
  // The readout (shown only while the pointer is over the map) follows it a frame or more
  // later, slower on a loaded machine: wait for it to change.
  const readout = page.getByTestId('readout-decimal');
  let shown = '';
  const read = async (x: number, y: number) => {
    const before = shown;
    await page.mouse.move(x, y);
    await expect
      .poll(async () => (shown = (await readout.count()) > 0 ? ((await readout.textContent()) ?? '') : ''), { timeout: 5000 })
      .not.toBe(before);
    const [lat, lon] = shown.split(',').map(Number) as [number, number];
    expect(Number.isFinite(lat) && Number.isFinite(lon)).toBe(true);
    return [lat, lon] as const;
  };
  const a = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.3 };
  const b = { x: box.x + box.width * 0.7, y: box.y + box.height * 0.7 };
  const [latA, lonA] = await read(a.x, a.y);
  const [latB, lonB] = await read(b.x, b.y);
  return { x: a.x + ((longitude - lonA) / (lonB - lonA)) * (b.x - a.x), y: a.y + ((latitude - latA) / (latB - latA)) * (b.y - a.y) };
}

async function latestFix(): Promise<{ latitude: number; longitude: number } | undefined> {
  const api = await ApiSocket.open(host.url);
  try {
    return ((await api.call('position.latest')) as { value: { latitude: number; longitude: number } | null }).value ?? undefined;
  } finally {
    api.close();
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-deskmap-'));
  ({ center, relay } = await startCenterBehindRelay({ profile: 'clear' }));
  const configFile = join(dataDir, 'config.json');
  const config = rigConsoleConfig(center, relay, { capacityKbps: 2000, sync: { positionEverySeconds: 5 } as never });
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir, '--config', configFile]);
  [consoleBrowser, deskBrowser] = await Promise.all([launchChromium(), launchChromium()]);
  vehicle = await openConsolePage(consoleBrowser, host.url, problems);
  // The center's base map of the demo vehicle's area, copied into its maps folder while it runs (listed without a restart).
  const fix = await waitFor("the demo vehicle's first fix", () => latestFix().catch(() => undefined), 20_000);
  mkdirSync(join(center.dataDir, 'maps'), { recursive: true });
  await writeTestMbtiles(join(center.dataDir, 'maps', 'demo-area.mbtiles'), {
    lat: fix.latitude,
    lon: fix.longitude,
    spanDeg: 0.3,
    minzoom: 10,
    maxzoom: 14,
    name: 'Demo area',
  });
  // A second vehicle, 2 km north-east, whose cellular link is down (its marker is amber: degraded).
  const other = await addCredential(center.dataDir, 'vehicles', 'MCV-12');
  const second = new SyncVehicle(center.url, other.id, other.token, [
    { id: 'lte', name: 'LTE', kind: 'cellular', state: 'down' },
    { id: 'bgan', name: 'BGAN', kind: 'satellite-ip', state: 'up' },
  ]);
  await second.exchange([{ kind: 'position', body: { latitude: fix.latitude + 0.015, longitude: fix.longitude + 0.015, fix: '3d' } }]);
  desk = await openDeskPage(deskBrowser, center, problems, { hash: '#/map' });
}, 120_000);

afterAll(async () => {
  await Promise.all([consoleBrowser?.close(), deskBrowser?.close()]);
  await host?.stop();
  await relay?.close();
  await center?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the fleet map at the desk', () => {
  it('shows the vehicle at its last position, on the center’s tiles, with its age and why its colour', { timeout: 60_000 }, async () => {
    await desk.getByTestId('desk-map').waitFor();
    const marker = desk.locator('.fleet-marker', { hasText: 'MCV-07' });
    await marker.waitFor({ timeout: 30_000 });
    await desk.locator('img.leaflet-tile-loaded[src*="/desk/v1/tiles/demo-area/"]').first().waitFor({ timeout: 20_000 });
    expect(await desk.getByTestId('desk-map-layer').inputValue()).toBe('demo-area');
    // The marker stands where the center last heard the vehicle was (within a few pixels: it moves).
    const vehicles = (await (
      await fetch(`${center.url}/desk/v1/vehicles`, { headers: { authorization: `Bearer ${center.staffToken}` } })
    ).json()) as { vehicles: { name: string; position: { latitude: number; longitude: number } | null }[] };
    const at = vehicles.vehicles.find((v) => v.name === 'MCV-07')!.position!;
    const expected = await pixelOf(desk, at.latitude, at.longitude);
    const box = (await marker.locator('.dot').boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - expected.x)).toBeLessThan(40);
    expect(Math.abs(box.y + box.height / 2 - expected.y)).toBeLessThan(40);
    expect(await marker.getAttribute('class')).toMatch(/fleet-marker (up|degraded)/);
    await marker.hover();
    await expect.poll(() => desk.getByTestId('fleet-marker-why').textContent()).toMatch(/^Links: .*VSAT-1 Up/);
    expect(await desk.locator('.leaflet-tooltip').textContent()).toMatch(/position \d+ (s|min) old/);
    // The other vehicle: amber, and the tooltip names the link that is down.
    const other = desk.locator('.fleet-marker', { hasText: 'MCV-12' });
    expect(await other.getAttribute('class')).toContain('degraded');
    await other.hover();
    await expect.poll(() => desk.locator('.leaflet-tooltip', { hasText: 'MCV-12' }).textContent()).toContain('Links: LTE Down, BGAN Up');
    expect(await desk.locator('.view-summary').textContent()).toContain('vehicles on the map: 2');
  });

  it('shows the incident the crew placed on their own map, at that place', { timeout: 90_000 }, async () => {
    await vehicle.locator('.nav-rail').getByRole('button', { name: 'Map' }).click();
    const own = (await vehicle.locator('.own-vehicle').boundingBox({ timeout: 20_000 }))!;
    const click = { x: own.x + own.width / 2 + 60, y: own.y + own.height / 2 - 50 };
    await vehicle.getByTestId('map-place').click();
    await vehicle.mouse.click(click.x, click.y);
    await vehicle.getByTestId('report-latitude').waitFor();
    const latitude = Number(await vehicle.getByTestId('report-latitude').inputValue());
    const longitude = Number(await vehicle.getByTestId('report-longitude').inputValue());
    await vehicle.getByTestId('report-category').selectOption('natural');
    await vehicle.getByTestId('report-type').selectOption('geological');
    await vehicle.getByTestId('report-level').locator('[data-level=I]').click();
    await vehicle.getByTestId('report-title').fill(TITLE);
    await vehicle.getByTestId('report-text').fill('Slope failed across both lanes; two cars buried');
    await vehicle.getByTestId('report-send').click();
    await vehicle.getByTestId('incident-page').waitFor();

    await expect.poll(() => desk.locator('.view-summary').textContent(), { timeout: 30_000 }).toContain('incidents placed: 1');
    const point = await pixelOf(desk, latitude, longitude);
    await desk.mouse.click(point.x, point.y);
    const popup = desk.locator('.leaflet-popup-content');
    await expect.poll(() => popup.textContent(), { timeout: 5_000 }).toContain(TITLE);
    expect(await popup.textContent()).toContain('Extremely serious');
    await desk.waitForTimeout(300); // the popup's fade-in
    await desk.screenshot({ path: join(SHOTS, 'desk-map-incident-en-1440x900.png') });
    await popup.getByRole('button', { name: 'Open incident' }).click();
    await expect.poll(() => desk.url()).toMatch(/#\/incidents\/.+/);
    await desk.goto(`${center.url}/ui/#/map`);
    await desk.locator('.fleet-marker').first().waitFor();
  });

  it('attaches a place clicked on the map to a new order', async () => {
    const box = (await desk.locator('.base-map').boundingBox())!;
    const at = { x: box.x + box.width * 0.4, y: box.y + box.height * 0.6 };
    await desk.mouse.move(at.x, at.y);
    const [lat, lon] = (await desk.getByTestId('readout-decimal').textContent())!.split(',').map(Number) as [number, number];
    await desk.getByTestId('desk-map-order').click();
    expect(await desk.locator('.base-map.picking').count()).toBe(1);
    await desk.mouse.click(at.x, at.y);
    await desk.getByTestId('order-composer').waitFor();
    expect(Number(await desk.getByTestId('order-lat').inputValue())).toBeCloseTo(lat, 5);
    expect(Number(await desk.getByTestId('order-lon').inputValue())).toBeCloseTo(lon, 5);
  });

  it('opens the vehicle’s page from its marker', async () => {
    await desk.goto(`${center.url}/ui/#/map`);
    await desk.locator('.fleet-marker', { hasText: 'MCV-07' }).click();
    await expect.poll(() => desk.url()).toMatch(/#\/vehicle\//);
  });

  it('takes screenshots of both maps in en and zh-CN at 1280×800 and 1600×1000', { timeout: 60_000 }, async () => {
    await vehicle.locator('.nav-rail').getByRole('button', { name: 'Map' }).click();
    for (const language of ['en', 'zh-CN'] as const) {
      const page = await openDeskPage(deskBrowser, center, problems, { language, hash: '#/map' });
      await vehicle.locator(`button[lang=${language}]`).click();
      for (const [width, height] of [
        [1280, 800],
        [1600, 1000],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.locator('.fleet-marker').first().waitFor();
        await page.locator('img.leaflet-tile-loaded').first().waitFor();
        await page.waitForTimeout(400);
        await page.screenshot({ path: join(SHOTS, `desk-map-${language}-${width}x${height}.png`) });
        await vehicle.setViewportSize({ width, height });
        await vehicle.waitForTimeout(300);
        await vehicle.screenshot({ path: join(SHOTS, `map-incident-${language}-${width}x${height}.png`) });
      }
      await page.close();
    }
    await vehicle.locator('button[lang=en]').click();
    expect(problems).toEqual([]);
  });
});
