import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentHeader, ReportBody } from '../../protocol/sync/incidents';
import { uuidv7 } from '../../protocol/sync/uuid';
import { startCenter, type CenterProcess } from '../support/centerProcess';
import { launchChromium } from '../support/chromium';
import { ReportingVehicle } from '../support/reportingVehicle';

/**
 * The desk's Incidents page in Chromium against the real center: a vehicle's first report
 * arrives with one photo's thumbnail only; the desk shows the thumbnail, then the full photo
 * when it arrives (live feed, no reload); late incidents are marked; staff receipt a report
 * (the vehicle gets the report-ack), ask for a follow-up, open an incident of their own and
 * start an order about it. Screenshots in en and zh-CN at 1280×800 and 1600×1000.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
const MIN = 60_000;
let center: CenterProcess;
let vehicle: ReportingVehicle;
let browser: Browser;
let desk: Page;
const problems: string[] = [];

/** A photo drawn for the test: sky, hills, water, a label; JPEG. */
function scene(width: number, height: number, label: string, hue: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 400 300">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,72%)"/><stop offset="1" stop-color="hsl(${hue},30%,90%)"/></linearGradient></defs>
    <rect width="400" height="300" fill="url(#sky)"/>
    <path d="M0 170 L90 110 L170 160 L260 90 L400 170 L400 300 L0 300 Z" fill="hsl(${hue + 90},30%,40%)"/>
    <path d="M0 220 Q100 200 200 225 T400 215 L400 300 L0 300 Z" fill="hsl(200,40%,45%)"/>
    <rect x="150" y="190" width="70" height="30" fill="#7a5a3a"/>
    <text x="12" y="30" font-family="sans-serif" font-size="20" fill="#222">${label}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

const header = (over: Partial<IncidentHeader>): IncidentHeader => ({
  category: 'natural',
  type: 'flood',
  level: 'II',
  title: '青龙镇河堤管涌 Levee seepage at Qinglong',
  placeText: '青龙镇 12 km 河堤',
  latitude: 30.6612,
  longitude: 104.0633,
  occurredAt: Date.now() - 50 * MIN,
  ...over,
});

const levee = uuidv7();
const photo1 = uuidv7();
let photo1Bytes: Buffer;
let firstReportId: string;

async function seed(): Promise<void> {
  photo1Bytes = await scene(1600, 1200, 'IMG_0412 levee km 12', 210);
  const photo2Bytes = await scene(1600, 1200, 'IMG_0413 sandbags', 30);
  const thumb1 = await vehicle.upload(await scene(320, 240, 'IMG_0412 levee km 12', 210), 'thumb-IMG_0412.jpg', 'image/jpeg', {
    thumbnailOf: photo1,
  });
  const photo2 = uuidv7();
  const thumb2 = await vehicle.upload(await scene(320, 240, 'IMG_0413 sandbags', 30), 'thumb-IMG_0413.jpg', 'image/jpeg', {
    thumbnailOf: photo2,
  });
  const full2 = await vehicle.upload(photo2Bytes, 'IMG_0413.jpg', 'image/jpeg', { attachmentId: photo2 });
  firstReportId = uuidv7();
  const first: ReportBody = {
    incidentId: levee,
    stage: 'first',
    number: 0,
    incident: header({}),
    text: '河堤 12 km 处发生管涌，水流浑浊，面积约 2 m²。Seepage at km 12, muddy water, about 2 m².',
    casualties: { dead: 0, injured: 1, missing: 0, trapped: 3 },
    cause: '持续强降雨，水位超警戒 0.8 m',
    impact: '下游两个村约 600 人受威胁',
    measures: '已组织群众转移，沙袋反滤围井',
    help: '需要抢险队 30 人、编织袋 2000 条',
    reporterName: '张伟',
    reporterPhone: '138 0000 1234',
    attachments: [photo1, photo2],
  };
  await vehicle.send([
    { kind: 'report', id: firstReportId, priority: 'flash', createdAt: Date.now() - 14 * MIN, body: first },
    { kind: 'attachment', priority: 'priority', body: thumb1 },
    { kind: 'attachment', priority: 'priority', body: thumb2 },
    { kind: 'attachment', priority: 'bulk', body: full2 },
  ]);
  await vehicle.send([
    {
      kind: 'report',
      priority: 'routine',
      createdAt: Date.now() - 5 * MIN,
      body: { incidentId: levee, stage: 'followup', number: 1, text: '围井完成，渗水变清。The relief well is done; the water runs clear.' },
    },
  ]);
  await vehicle.send([
    {
      kind: 'report',
      priority: 'immediate',
      body: {
        incidentId: uuidv7(),
        stage: 'first',
        number: 0,
        incident: header({
          category: 'accident',
          type: 'traffic',
          level: 'IV',
          title: 'G318 货车侧翻 Lorry overturned on G318',
          occurredAt: Date.now() - 20 * MIN,
          placeText: 'G318 K2301',
        }),
        text: 'Lorry on its side, one lane closed; driver out, minor injuries.',
        casualties: { dead: 0, injured: 1, missing: 0, trapped: 0 },
      },
    },
    {
      kind: 'report',
      priority: 'routine',
      body: { incidentId: uuidv7(), stage: 'followup', number: 2, text: 'Road reopened to one lane.' },
    },
  ]);
}

async function shoot(name: string): Promise<void> {
  for (const [w, h] of [
    [1280, 800],
    [1600, 1000],
  ] as const) {
    await desk.setViewportSize({ width: w, height: h });
    await desk.waitForTimeout(150);
    await desk.screenshot({ path: join(SHOTS, `${name}-${w}.png`) });
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  center = await startCenter({ echo: false, vehicleName: 'MCV-07 江北' });
  vehicle = new ReportingVehicle(center.url, center.vehicleId, center.vehicleToken);
  await seed();
  browser = await launchChromium();
  desk = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  desk.on('pageerror', (error) => problems.push(String(error)));
  desk.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await desk.addInitScript((token) => {
    localStorage.setItem('mcv-desk-language', 'en');
    sessionStorage.setItem('mcv-desk-token', token);
  }, center.staffToken);
  await desk.goto(`${center.url}/ui/`);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await center?.dispose();
});

describe('the desk’s Incidents page', () => {
  it('lists incidents with the late one marked', { timeout: 60_000 }, async () => {
    await desk.getByTestId('desk-nav-incidents').click();
    await expect.poll(() => desk.getByTestId('desk-incident-row').count()).toBe(3);
    const late = desk.locator('[data-testid=desk-incident-row][data-late=true]');
    await expect.poll(() => late.count()).toBe(1);
    expect(await late.textContent()).toMatch(/late/);
    await expect.poll(() => desk.getByTestId('desk-incident-photo').count()).toBe(1);
    await shoot('desk-incidents-en');
    await desk.locator('button[lang=zh-CN]').click();
    await expect.poll(() => late.textContent()).toMatch(/迟报/);
    await shoot('desk-incidents-zh-CN');
    await desk.locator('button[lang=en]').click();
  });

  it('shows the thumbnail first and the full photo when it arrives; 签收 reaches the vehicle', { timeout: 60_000 }, async () => {
    await desk.locator(`[data-incident-id="${levee}"]`).click();
    await expect.poll(() => desk.getByTestId('desk-report').count()).toBe(2);
    await expect.poll(() => desk.getByTestId('desk-report-thumb').count()).toBe(1);
    await expect.poll(() => desk.getByTestId('desk-report-photo').count()).toBe(1);
    await desk.setViewportSize({ width: 1600, height: 1000 });
    await desk.screenshot({ path: join(SHOTS, 'desk-incident-thumbnail-en-1600.png') });

    const full1 = await vehicle.upload(photo1Bytes, 'IMG_0412.jpg', 'image/jpeg', { attachmentId: photo1 });
    await vehicle.send([{ kind: 'attachment', priority: 'bulk', body: full1 }]);
    await expect.poll(() => desk.getByTestId('desk-report-photo').count(), { timeout: 10_000 }).toBe(2);
    expect(await desk.getByTestId('desk-report-thumb').count()).toBe(0);

    await desk.locator(`[data-report-id="${firstReportId}"]`).getByTestId('desk-report-ack').click();
    await expect.poll(() => desk.getByTestId('desk-report-acked').count()).toBe(1);
    await vehicle.send();
    expect(vehicle.down.filter((item) => item.kind === 'report-ack').map((item) => item.body)).toEqual([
      { reportId: firstReportId, by: 'Desk Wang' },
    ]);

    await desk.getByTestId('desk-followup-request').click();
    await desk.getByTestId('desk-followup-text').fill('请报告围井后的水位 Report the water level after the relief well');
    await desk.getByTestId('desk-followup-send').click();
    await expect.poll(() => desk.getByRole('status').count()).toBe(1);
    await vehicle.send();
    expect(vehicle.down.filter((item) => item.kind === 'followup-request')).toHaveLength(1);

    await desk.mouse.wheel(0, -5000);
    await shoot('desk-incident-en');
    await desk.locator('button[lang=zh-CN]').click();
    await expect.poll(() => desk.getByTestId('desk-report-acked').textContent()).toMatch(/签收/);
    await shoot('desk-incident-zh-CN');
    await desk.locator('button[lang=en]').click();
  });

  it('lets staff open an incident from a phone call and start an order about it', { timeout: 60_000 }, async () => {
    await desk.getByTestId('desk-nav-incidents').click();
    await desk.getByTestId('desk-incident-new').click();
    await desk.getByTestId('desk-incident-open').click();
    await expect.poll(() => desk.locator('.field-problem').textContent()).toMatch(/title/);
    await desk.getByTestId('desk-incident-title').fill('镇中学屋顶坍塌 School roof collapsed');
    await desk.getByTestId('desk-incident-open').click();
    await expect.poll(() => desk.getByTestId('incident-page').textContent()).toMatch(/Opened at the center by Desk Wang/);
    await desk.getByTestId('desk-incident-order').click();
    await expect.poll(() => desk.getByTestId('order-incident').textContent()).toMatch(/School roof collapsed/);
    await desk.getByTestId('order-text').fill('Send the rescue team to the school');
    await desk.getByTestId('order-issue').click();
    await expect.poll(() => desk.getByTestId('order-issued').count()).toBe(1);
    await vehicle.send();
    const order = vehicle.down.filter((item) => item.kind === 'order').at(-1);
    expect(order?.body).toMatchObject({ incident: { title: '镇中学屋顶坍塌 School roof collapsed' } });
    expect(problems).toEqual([]);
  });
});
