import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../protocol/api/incidents';
import { startCenter, type CenterProcess } from '../support/centerProcess';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';
import { MEDIA_FLAGS } from '../support/videoRig';
import { ApiSocket } from '../support/wsClient';

/**
 * A first report with a still and a short clip from the vehicle's camera (Chromium's fake
 * camera and microphone): both are staged in the core, the still with a thumbnail, the clip
 * as WebM without one, and the report carries both.
 */

const SHOTS = join(process.cwd(), 'test-output', 'reports');
let host: RunningHost;
let center: CenterProcess;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-camera-'));
  center = await startCenter();
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ sync: { centerUrl: center.url, token: center.vehicleToken, pollSeconds: 1 } }),
  );
  host = await startHost(['--port', '0', '--data-dir', dataDir]);
  browser = await launchChromium(MEDIA_FLAGS);
  page = await openConsolePage(browser, host.url, problems);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await center?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the camera in a report', () => {
  it('adds a still and a short clip, and the first report carries both', { timeout: 60_000 }, async () => {
    await page.locator('.nav-rail').getByRole('button', { name: 'Reports', exact: true }).click();
    await page.getByTestId('reports-new').click();
    await page.getByTestId('report-text').fill('Bridge pier scoured, traffic stopped');
    await page.getByTestId('report-camera').click();
    await page.getByTestId('report-camera-take').click();
    await expect.poll(() => page.locator('[data-testid=picked-file][data-state=staged]').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('report-camera').click();
    await page.getByTestId('report-camera-record').click();
    await expect.poll(() => page.getByTestId('report-camera-stop').textContent(), { timeout: 10_000 }).toMatch(/Stop · [2-9] \/ 15 s/);
    await page.screenshot({ path: join(SHOTS, 'report-camera-recording-en-1280.png') });
    await page.getByTestId('report-camera-stop').click();
    await expect.poll(() => page.locator('[data-testid=picked-file][data-state=staged]').count(), { timeout: 15_000 }).toBe(2);
    const names = await page.getByTestId('picked-file').allTextContents();
    expect(names[0]).toMatch(/photo-.*\.jpg/);
    expect(names[1]).toMatch(/clip-.*\.webm/);
    await page.getByTestId('report-send').click();
    await page.getByTestId('incident-page').waitFor();

    // In the core: the still with its thumbnail, the clip as WebM without one (not an image).
    const api = await ApiSocket.open(host.url);
    try {
      const list = await api.call('incidents.list', { limit: 10 });
      if (!list.ok) throw new Error(list.error.message);
      const detail = await api.call('incidents.get', { id: (list.value as Array<{ id: string }>)[0]!.id });
      if (!detail.ok) throw new Error(detail.error.message);
      const files = (detail.value as IncidentDetail).chain[0]!.files;
      expect(files.map((f) => [f.mime, f.thumbnail !== null])).toEqual([
        ['image/jpeg', true],
        ['video/webm', false],
      ]);
      expect(files[1]!.original.size).toBeGreaterThan(10_000);
    } finally {
      api.close();
    }
    expect(problems).toEqual([]);
  });
});
