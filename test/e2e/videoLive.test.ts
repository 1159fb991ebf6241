import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleConfigInput } from '../../protocol/config/consoleConfig';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';
import { startMediaCenter, type MediaCenter } from '../support/mediaCenter';
import { WeriftBackend } from '../support/media/WeriftBackend';

/**
 * Live video end to end: the vehicle's console (headless host in Chromium, fake camera and
 * microphone) goes live to the real center, whose media backend is the werift test
 * stand-in; center staff open the desk (the same renderer, served by the center) in a
 * second Chromium, watch and hear the vehicle, and talk back. Frames decoded and audio
 * samples received are read from getStats (shown in the quality tables).
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
const MEDIA_FLAGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
let center: MediaCenter;
let host: RunningHost;
let vehicleBrowser: Browser;
let deskBrowser: Browser;
let vehicle: Page;
let desk: Page;
let dataDir: string;
const problems: string[] = [];

/** A counter from a quality-table attribute, read twice a second apart: it must rise. */
async function rising(page: Page, selector: string, attribute: string): Promise<[number, number]> {
  const read = async () => Number((await page.locator(selector).first().getAttribute(attribute)) ?? 'NaN');
  await expect.poll(read, { timeout: 20_000, message: `${selector} ${attribute}` }).toBeGreaterThan(0);
  const first = await read();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  return [first, await read()];
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  center = await startMediaCenter(new WeriftBackend(), { deskUiRoot: join(process.cwd(), 'out', 'renderer') });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-video-'));
  const port = new URL(center.url).port;
  const config: ConsoleConfigInput = {
    vehicle: { name: 'MCV-07' },
    links: [
      {
        id: 'wired-1',
        name: 'Wired',
        kind: 'wired',
        capacityKbps: 20_000,
        probe: { target: `127.0.0.1:${port}`, method: 'tcp-connect', intervalMs: 500, timeoutMs: 1000, downAfter: 2, upAfter: 1 },
      },
    ],
    sync: { centerUrl: center.url, token: center.vehicleToken, pollSeconds: 2 } as ConsoleConfigInput['sync'],
  };
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  host = await startHost(['--port', '0', '--data-dir', dataDir, '--config', join(dataDir, 'config.json')]);
  vehicleBrowser = await launchChromium(MEDIA_FLAGS);
  deskBrowser = await launchChromium(MEDIA_FLAGS);
  vehicle = await openConsolePage(vehicleBrowser, host.url, problems);
  desk = await deskBrowser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'en-US' });
  desk.on('pageerror', (error) => problems.push(`desk: ${String(error)}`));
  await desk.goto(`${center.url}/ui/`);
  await desk.locator('button[lang=en]').click();
}, 90_000);

afterAll(async () => {
  await vehicleBrowser?.close();
  await deskBrowser?.close();
  await host?.stop();
  await center?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('live video between a vehicle and the center desk', () => {
  it('the desk sees and hears the vehicle', { timeout: 90_000 }, async () => {
    await vehicle.locator('.nav-rail').getByRole('button', { name: 'Video' }).click();
    await expect.poll(() => vehicle.getByTestId('go-live').isEnabled(), { timeout: 10_000 }).toBe(true);
    await vehicle.getByTestId('go-live').click();
    await expect.poll(() => vehicle.getByTestId('media-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('live');

    await desk.getByTestId('desk-token').fill(center.staffToken);
    await desk.getByRole('button', { name: 'Sign in' }).last().click();
    // The desk opens on the fleet; live video is its own page.
    await desk.getByTestId('desk-nav-video').click();
    const row = desk.locator('[data-testid=desk-vehicle][data-vehicle-id=mcv-07]');
    await expect.poll(() => row.getAttribute('data-live'), { timeout: 15_000 }).toBe('true');
    await row.getByTestId('desk-watch').click();
    await expect.poll(() => desk.getByTestId('desk-media-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('live');

    const [framesBefore, framesAfter] = await rising(desk, '[data-frames-decoded]', 'data-frames-decoded');
    console.log(`desk decoded ${framesAfter - framesBefore} frames in 2.5 s`);
    expect(framesAfter - framesBefore).toBeGreaterThan(10);
    const [samplesBefore, samplesAfter] = await rising(desk, '[data-samples-received]', 'data-samples-received');
    console.log(`desk received ${samplesAfter - samplesBefore} audio samples in 2.5 s`);
    expect(samplesAfter - samplesBefore).toBeGreaterThan(48_000);
    await desk.screenshot({ path: join(SHOTS, 'desk-video.png') });
  });

  it('the vehicle hears the desk talking back', { timeout: 60_000 }, async () => {
    await desk.getByTestId('talk').click();
    const [before, after] = await rising(vehicle, '[data-samples-received]', 'data-samples-received');
    console.log(`vehicle received ${after - before} audio samples from the desk in 2.5 s`);
    expect(after - before).toBeGreaterThan(48_000);
    await vehicle.screenshot({ path: join(SHOTS, 'vehicle-video.png') });
  });

  it('records locally while live, and sends the recording to the center once stopped', { timeout: 90_000 }, async () => {
    expect(await vehicle.getByTestId('recording').getAttribute('data-state')).toBe('recording');
    await vehicle.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => vehicle.getByTestId('recording').getAttribute('data-state'), { timeout: 20_000 }).toBe('queued');
    const attachments = async () => {
      const response = await fetch(`${center.url}/desk/v1/items?kind=attachment`, {
        headers: { authorization: `Bearer ${center.staffToken}` },
      });
      return ((await response.json()) as { items: Array<{ body: { mime: string; size: number } }> }).items;
    };
    await expect
      .poll(async () => (await attachments()).map((i) => i.body.mime), { timeout: 60_000, interval: 500 })
      .toEqual(['video/webm']);
    const [recording] = await attachments();
    console.log(`the center holds the vehicle's local recording: ${recording!.body.size} bytes`);
    expect(recording!.body.size).toBeGreaterThan(50_000);
    // The duty log noted the session: media runs in the renderer, which tells the core.
    await vehicle.locator('.nav-rail').getByRole('button', { name: 'Duty' }).click();
    await expect.poll(() => vehicle.locator('.duty-view').textContent()).toContain('Live video to the center started');
    expect(await vehicle.locator('.duty-view').textContent()).toMatch(/Live video to the center ended after \d+ min/);
    expect(problems).toEqual([]);
  });
});
