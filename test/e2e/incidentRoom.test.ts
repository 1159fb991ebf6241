import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRelay } from '../../fixtures/net/LinkRelay';
import type { DeskIncidentDetail, DeskIncidentsResponse } from '../../protocol/sync/deskIncidents';
import type { CenterProcess } from '../support/centerProcess';
import { launchChromium, openConsolePage } from '../support/chromium';
import { openDeskPage } from '../support/deskPage';
import { startHost, type RunningHost } from '../support/headlessHost';
import { deskItemsOf, deskRequest, rigConsoleConfig, startCenterBehindRelay } from '../support/syncRig';

/**
 * Incident reporting end to end, in two Chromiums: the crew files a located first report
 * with two photos while the vehicle's only link is down (relay profile `down`); the link
 * comes up; the desk (served by the real center) shows the report once and each photo's
 * thumbnail before the full photo; staff receipt it (签收) and the crew sees 已签收; staff
 * ask for a follow-up, the crew answers it from the alert, then files the final report; the
 * incident is closed on both sides.
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

/** A 1600×1200 photo with a label and noise (so it stays large as JPEG, as a real photo does). */
async function photo(label: string, hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <rect width="1600" height="1200" fill="hsl(${hue},40%,60%)"/>
    <path d="M0 700 L400 450 L800 650 L1200 380 L1600 700 L1600 1200 L0 1200 Z" fill="hsl(${hue + 90},30%,35%)"/>
    <text x="60" y="140" font-family="sans-serif" font-size="96" fill="#111">${label}</text></svg>`;
  const noise = await sharp({
    create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 18 } },
  })
    .png()
    .toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: noise, blend: 'overlay' }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

function openDesk(): Promise<Page> {
  return openDeskPage(deskBrowser, center, problems);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-incident-'));
  ({ center, relay } = await startCenterBehindRelay({ profile: 'down' }));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify(rigConsoleConfig(center, relay, { capacityKbps: 2000 }), null, 2));
  host = await startHost(['--port', '0', '--data-dir', dataDir, '--config', configFile]);
  [consoleBrowser, deskBrowser] = await Promise.all([launchChromium(), launchChromium()]);
  vehicle = await openConsolePage(consoleBrowser, host.url, problems);
  desk = await openDesk();
}, 90_000);

afterAll(async () => {
  await Promise.all([consoleBrowser?.close(), deskBrowser?.close()]);
  await host?.stop();
  await relay?.close();
  await center?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('incident reporting between a vehicle and the desk', () => {
  it(
    'files a first report with two photos offline; the desk gets it once, thumbnails first, and receipts it',
    { timeout: 150_000 },
    async () => {
      const [north, south] = await Promise.all([photo('Levee km 12 north', 210), photo('Levee km 12 south', 30)]);
      await vehicle.locator('.nav-rail').getByRole('button', { name: 'Reports', exact: true }).click();
      await vehicle.getByTestId('reports-new').click();
      await vehicle.getByTestId('report-type').selectOption('flood');
      await vehicle.getByTestId('report-level').locator('[data-level=II]').click();
      await vehicle.getByTestId('report-text').fill('Two boils at the north levee km 12, muddy water; relief wells being built');
      await vehicle.getByTestId('report-latitude').fill('30.612345');
      await vehicle.getByTestId('report-longitude').fill('114.301234');
      await vehicle.getByTestId('report-add-photo').setInputFiles([
        { name: 'north.jpg', mimeType: 'image/jpeg', buffer: north },
        { name: 'south.jpg', mimeType: 'image/jpeg', buffer: south },
      ]);
      await expect.poll(() => vehicle.locator('[data-testid=picked-file][data-state=staged]').count(), { timeout: 20_000 }).toBe(2);
      await vehicle.getByTestId('report-send').click();
      await vehicle.getByTestId('incident-page').waitFor();
      const first = vehicle.getByTestId('report-card').first();
      expect(await first.getAttribute('data-stage')).toBe('first');
      // Nothing leaves while the link is down: the report says it waits.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await first.locator('.report-card-head').getByTestId('report-delivered').count()).toBe(0);
      await vehicle.screenshot({ path: join(SHOTS, 'incident-offline-en.png'), fullPage: true });

      // The link comes up; follow the desk's view of the incident's files until both photos are whole.
      relay.setProfile('cellular');
      const seen = new Map<string, { thumbAt?: number; fullAt?: number }>();
      let incidentId = '';
      await expect
        .poll(
          async () => {
            const { incidents } = await deskRequest<DeskIncidentsResponse>(center, '/desk/v1/incidents');
            if (incidents.length === 0) return 0;
            incidentId = incidents[0]!.id;
            const detail = await deskRequest<DeskIncidentDetail>(center, `/desk/v1/incidents/${incidentId}`);
            const now = Date.now();
            for (const file of detail.reports.flatMap((r) => r.files)) {
              const entry = seen.get(file.attachmentId) ?? {};
              if (file.thumbnailUrl !== null) entry.thumbAt ??= now;
              if (file.originalUrl !== null) entry.fullAt ??= now;
              seen.set(file.attachmentId, entry);
            }
            return [...seen.values()].filter((e) => e.fullAt !== undefined).length;
          },
          { timeout: 60_000, interval: 100 },
        )
        .toBe(2);
      for (const [id, { thumbAt, fullAt }] of seen) {
        console.log(`photo ${id}: thumbnail at the desk ${fullAt! - thumbAt!} ms before the full photo`);
        expect(thumbAt).toBeDefined();
        expect(thumbAt!).toBeLessThanOrEqual(fullAt!);
      }
      // Once: one report item, two thumbnails and two originals at the center (a file is whole before its item is stored).
      const kindCount = async (kind: string) => (await deskItemsOf(center)).filter((i) => i.kind === kind).length;
      await expect.poll(() => kindCount('attachment'), { timeout: 10_000 }).toBe(4);
      expect(await kindCount('report')).toBe(1);

      // The desk opens it and receipts (签收) the first report.
      await desk.getByTestId('desk-nav-incidents').click();
      await desk.getByTestId('desk-incident-row').first().click();
      const report = desk.getByTestId('desk-report').first();
      await expect.poll(() => report.locator('[data-testid=desk-report-photo]').count(), { timeout: 20_000 }).toBe(2);
      expect(await desk.getByTestId('desk-report').count()).toBe(1);
      await report.getByTestId('desk-report-ack').click();
      await report.getByTestId('desk-report-acked').waitFor();
      await desk.screenshot({ path: join(SHOTS, 'desk-incident-acked-en.png'), fullPage: true });
      // The crew sees 已签收 with who and when.
      await expect.poll(() => first.getByTestId('report-acked').count(), { timeout: 20_000 }).toBe(1);
      expect(await first.getByTestId('report-acked').textContent()).toContain('Desk Wang');
      await vehicle.locator('button[lang=zh-CN]').click();
      await expect.poll(() => first.getByTestId('report-acked').textContent()).toContain('已签收');
      await vehicle.screenshot({ path: join(SHOTS, 'incident-acked-zh-CN.png'), fullPage: true });
      await vehicle.locator('button[lang=en]').click();
    },
  );

  it('answers the desk’s follow-up request from the alert, then closes the incident on both sides', { timeout: 90_000 }, async () => {
    const page = desk.getByTestId('incident-page');
    await page.getByTestId('desk-followup-request').click();
    await desk.getByTestId('desk-followup-text').fill('How many people are at risk downstream?');
    await desk.getByTestId('desk-followup-send').click();
    // The crew is elsewhere (Links): the alert finds them.
    await vehicle.locator('.nav-rail').getByRole('button', { name: 'Links' }).click();
    const alert = vehicle.getByTestId('followup-alert');
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('How many people are at risk downstream?');
    await vehicle.screenshot({ path: join(SHOTS, 'followup-alert-en.png') });
    await alert.getByTestId('followup-alert-open').click();
    await vehicle.getByTestId('incident-page').waitFor();
    await vehicle.getByTestId('report-followup').click();
    await vehicle.getByTestId('later-report-text').fill('About 600 people in two villages downstream; evacuation under way');
    await vehicle.getByTestId('later-report-send').click();
    await alert.waitFor({ state: 'detached', timeout: 10_000 });
    await vehicle.getByTestId('report-final').click();
    await vehicle.getByTestId('later-report-text').fill('Boils sealed, water clear; patrols continue every two hours');
    await vehicle.getByTestId('later-report-send').click();
    await expect.poll(() => vehicle.getByTestId('incident-page').getAttribute('data-status')).toBe('closed');

    // The desk follows without a reload: three reports, and the incident closed.
    await expect.poll(() => desk.getByTestId('desk-report').count(), { timeout: 30_000 }).toBe(3);
    expect(await desk.getByTestId('desk-report').nth(1).getAttribute('data-stage')).toBe('followup');
    expect(await desk.getByTestId('desk-report').nth(2).getAttribute('data-stage')).toBe('final');
    const { incidents } = await deskRequest<DeskIncidentsResponse>(center, '/desk/v1/incidents');
    expect(incidents.map((i) => i.status)).toEqual(['closed']);
    await desk.screenshot({ path: join(SHOTS, 'desk-incident-closed-en.png'), fullPage: true });
  });

  it('turns a phone-log entry (接报) into an incident whose first report the desk receives', { timeout: 60_000 }, async () => {
    await vehicle.locator('.nav-rail').getByRole('button', { name: 'Duty' }).click();
    // The duty log kept what happened on its own: the report delivered, the center's 签收, the follow-up.
    await expect.poll(() => vehicle.locator('.duty-view').textContent()).toContain('Report receipted at the center by Desk Wang');
    expect(await vehicle.locator('.duty-view').textContent()).toContain('Report delivered to the center');
    await vehicle.getByLabel("Caller's unit").fill('Qingshan township 青山镇');
    await vehicle.getByLabel('Name', { exact: true }).fill('Liu Ming 刘明');
    await vehicle.getByLabel('Phone', { exact: true }).fill('13800000000');
    await vehicle.getByLabel('What was reported').fill('Landslide blocks the road to Qingshan 青山公路塌方');
    await vehicle.getByRole('button', { name: 'Log the call' }).click();
    const call = vehicle.getByTestId('duty-call').first();
    await expect.poll(() => call.textContent()).toContain('Landslide blocks the road');
    await call.getByTestId('call-to-incident').click();
    // The 初报 form opens filled in from the call: its text, the caller as reporter.
    await expect.poll(() => vehicle.getByTestId('report-text').inputValue()).toBe('Landslide blocks the road to Qingshan 青山公路塌方');
    expect(await vehicle.getByTestId('report-from-call').textContent()).toContain('Qingshan township 青山镇');
    await vehicle.screenshot({ path: join(SHOTS, 'report-from-call-en.png'), fullPage: true });
    await vehicle.getByTestId('report-category').selectOption('natural');
    await vehicle.getByTestId('report-type').selectOption('geological');
    await vehicle.getByTestId('report-level').locator('[data-level=III]').click();
    await vehicle.getByTestId('report-send').click();
    await vehicle.getByTestId('incident-page').waitFor();
    // The phone log now says the call became an incident, and the desk has the first report with the caller as reporter.
    await vehicle.locator('.nav-rail').getByRole('button', { name: 'Duty' }).click();
    await expect.poll(() => vehicle.getByTestId('duty-call').first().textContent()).toContain('incident');
    expect(await vehicle.getByTestId('duty-call').first().getByTestId('call-to-incident').count()).toBe(0);
    await expect
      .poll(
        async () => {
          const { incidents } = await deskRequest<DeskIncidentsResponse>(center, '/desk/v1/incidents');
          const landslide = incidents.find((i) => i.header?.type === 'geological');
          if (!landslide) return null;
          const detail = await deskRequest<DeskIncidentDetail>(center, `/desk/v1/incidents/${landslide.id}`);
          return detail.reports[0]?.body.reporterName ?? null;
        },
        { timeout: 20_000 },
      )
      .toBe('Liu Ming 刘明');
    expect(problems).toEqual([]);
  });
});
