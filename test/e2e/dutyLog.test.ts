import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRelay } from '../../fixtures/net/LinkRelay';
import type { DeskDutyVehicle } from '../../protocol/sync/deskDuty';
import type { CenterProcess } from '../support/centerProcess';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';
import { deskRequest, rigConsoleConfig, startCenterBehindRelay, waitForAsync } from '../support/syncRig';

/**
 * The duty log in Chromium: the crew starts a shift, logs a phone call (接报), signs a
 * handover (both confirm steps) and prints the sheet (page.pdf of the print media); the
 * desk then shows the vehicle's new shift. Screenshots of the Duty view, the handover sheet
 * and the desk's Duty page, en and zh-CN, 1280×800 and 1600×1000.
 */

const SHOTS = join(process.cwd(), 'test-output', 'duty');
let center: CenterProcess;
let relay: LinkRelay;
let host: RunningHost;
let browser: Browser;
let vehicle: Page;
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-duty-'));
  ({ center, relay } = await startCenterBehindRelay({ profile: 'clear' }));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify(rigConsoleConfig(center, relay, { capacityKbps: 2000 }), null, 2));
  host = await startHost(['--port', '0', '--data-dir', dataDir, '--config', configFile]);
  browser = await launchChromium();
  vehicle = await openConsolePage(browser, host.url, problems);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await relay?.close();
  await center?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

async function shoot(page: Page, name: string, language: 'en' | 'zh-CN'): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SHOTS, `${name}-${language}-${width}.png`), fullPage: false });
  }
}

describe('the duty log', () => {
  it('logs a call, signs a handover, prints the sheet, and the desk sees the new shift', { timeout: 60_000 }, async () => {
    await vehicle.locator('.nav-rail').getByRole('button', { name: 'Duty' }).click();
    await expect.poll(() => vehicle.getByTestId('duty-shift').textContent()).toContain('Nobody is signed on');

    await vehicle.getByLabel('Officer on duty').fill('Wang Wei 王伟');
    await vehicle.getByLabel('Leader on duty').fill('Zhang Qiang 张强');
    await vehicle.getByRole('button', { name: 'Start shift' }).click();
    await expect.poll(() => vehicle.getByTestId('duty-shift').textContent()).toContain('Zhang Qiang 张强');

    await vehicle.getByLabel("Caller's unit").fill('Qingshan township 青山镇');
    await vehicle.getByLabel('Name', { exact: true }).fill('Liu Ming 刘明');
    await vehicle.getByLabel('Phone', { exact: true }).fill('13800000000');
    await vehicle.getByLabel('What was reported').fill('Seepage at the east dike 东堤渗水');
    await vehicle.getByRole('button', { name: 'Log the call' }).click();
    await expect.poll(() => vehicle.getByTestId('duty-call').first().textContent()).toContain('Seepage at the east dike');
    await vehicle.getByPlaceholder('Write an entry…').fill('Generator refuelled 发电机已加油');
    await vehicle.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => vehicle.locator('.duty-entries').textContent()).toContain('Generator refuelled');
    await shoot(vehicle, 'duty-view', 'en');

    await vehicle.getByRole('button', { name: 'Hand over the shift…' }).click();
    await expect.poll(() => vehicle.getByLabel('Equipment and links').inputValue()).toContain('VSAT-1');
    await vehicle.getByLabel('Hazards to watch').fill('Rain tonight 夜间降雨');
    await vehicle.getByLabel('Incoming officer').fill('Li Na 李娜');
    await shoot(vehicle, 'handover-form', 'en');
    const sign = vehicle.getByRole('button', { name: 'Sign handover' });
    expect(await sign.isDisabled()).toBe(true);
    await vehicle.getByText('(outgoing) confirms the record').click();
    await vehicle.getByText('(incoming) confirms taking over').click();
    await sign.click();

    const sheet = vehicle.getByTestId('handover-sheet');
    await expect.poll(() => sheet.textContent()).toContain('Li Na 李娜');
    expect(await sheet.textContent()).toContain('Wang Wei 王伟');
    expect(await sheet.textContent()).toContain('Rain tonight');
    await vehicle.emulateMedia({ media: 'print' });
    // Printed, the sheet is all there is: the frame around it is hidden.
    expect(await vehicle.locator('.nav-rail').isVisible()).toBe(false);
    expect(await vehicle.locator('.handover-sheet h1').isVisible()).toBe(true);
    await shoot(vehicle, 'handover-sheet', 'en');
    const pdf = await vehicle.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(SHOTS, 'handover-en.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await vehicle.emulateMedia({ media: 'screen' });

    // The same in Chinese.
    await vehicle.locator('button[lang=zh-CN]').click();
    await expect.poll(() => sheet.textContent()).toContain('值班交接班记录');
    await vehicle.emulateMedia({ media: 'print' });
    await shoot(vehicle, 'handover-sheet', 'zh-CN');
    writeFileSync(join(SHOTS, 'handover-zh-CN.pdf'), await vehicle.pdf({ format: 'A4', printBackground: true }));
    await vehicle.emulateMedia({ media: 'screen' });
    await vehicle.getByRole('button', { name: '返回值班日志' }).click();
    await expect.poll(() => vehicle.getByTestId('duty-shift').textContent()).toContain('李娜');
    await shoot(vehicle, 'duty-view', 'zh-CN');

    // The desk: the vehicle's new shift, then its page in both languages.
    const shift = await waitForAsync('the new shift at the desk', async () => {
      const { vehicles } = await deskRequest<{ vehicles: DeskDutyVehicle[] }>(center, '/desk/v1/duty/vehicles');
      const v = vehicles.find((x) => x.vehicleId === center.vehicleId);
      return v?.shift?.onDuty.includes('Li Na 李娜') && v.shift;
    });
    expect(shift.leader).toBe('Zhang Qiang 张强');
    for (const language of ['en', 'zh-CN'] as const) {
      const desk = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await desk.addInitScript(
        ([token, lang]) => {
          localStorage.setItem('mcv-desk-language', lang!);
          sessionStorage.setItem('mcv-desk-token', token!);
        },
        [center.staffToken, language],
      );
      await desk.goto(`${center.url}/ui/#/duty`);
      await expect.poll(() => desk.getByTestId('duty-vehicle').first().textContent(), { timeout: 10_000 }).toContain('Li Na 李娜');
      await shoot(desk, 'desk-duty', language);
      if (language === 'en') {
        // The center's own duty, with the console's screens.
        await desk.getByTestId('duty-tab-center').click();
        await desk.getByLabel('Officer on duty').fill('Zhou Min 周敏');
        await desk.getByLabel('Leader on duty').fill('Wu Gang 吴刚');
        await desk.getByRole('button', { name: 'Start shift' }).click();
        await expect.poll(() => desk.getByTestId('duty-shift').textContent()).toContain('Wu Gang 吴刚');
        await shoot(desk, 'desk-duty-center', language);
      }
      await desk.close();
    }
    expect(problems).toEqual([]);
  });
});
