import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendControlCommand } from '../../fixtures/devices/controlSocket';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * The Links view in Chromium against the headless host in demo mode: six links with
 * live values, charts, the link policy, and the tiles following the simulators.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

type SimAnswer = { ok: boolean; state: Record<string, unknown>; error?: string };
const sim = async (key: string, command: string): Promise<SimAnswer> => {
  const answer = (await sendControlCommand(join(dataDir, 'demo', `${key}.ctl`), command)) as SimAnswer;
  if (!answer.ok) throw new Error(`${key} ${command}: ${answer.error}`);
  return answer;
};
const tile = (id: string) => page.locator(`[data-testid=link-tile][data-link-id="${id}"]`);
const policyLink = (trafficClass: string) => page.getByTestId(`policy-${trafficClass}`).getAttribute('data-policy-link');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-'));
  host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir]);
  // Hold the demo modems still, so the test compares against known values.
  await sim('demo-5g', 'wander off');
  await sim('demo-lte', 'wander off');
  browser = await launchChromium();
  page = await openConsolePage(browser, host.url, problems);
  await tile('demo-5g').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Links view (demo mode)', () => {
  it('shows all six links of the demo vehicle with live values', async () => {
    await expect.poll(() => page.getByTestId('link-tile').count(), { timeout: 10_000 }).toBe(6);
    const ids = ['demo-5g', 'demo-lte', 'demo-iridium', 'demo-hf', 'demo-gnss', 'demo-vsat'];
    for (const id of ids) {
      await expect.poll(() => tile(id).getAttribute('data-state'), { timeout: 15_000, message: id }).toMatch(/up|degraded/);
    }
    await expect.poll(() => tile('demo-hf').getByTestId('signal-value').textContent(), { timeout: 5000 }).toMatch(/^\d+\.\d{3} \d{3} MHz$/);
    expect(await tile('demo-gnss').getByTestId('signal-value').textContent()).toMatch(/^\d+\.\d{5}° [NS] \d+\.\d{5}° [EW]$/);
    expect(await tile('demo-gnss').getByTestId('gnss-fix').textContent()).toBe('3D fix');
    await expect.poll(() => tile('demo-iridium').getByTestId('signal-value').textContent(), { timeout: 15_000 }).toMatch(/^[0-5]$/);
    await expect.poll(() => tile('demo-vsat').getByTestId('signal-value').textContent(), { timeout: 15_000 }).toMatch(/^\d{3,4}$/);
    expect(Number(await tile('demo-vsat').getByTestId('signal-value').textContent())).toBeGreaterThanOrEqual(550);
    await expect.poll(() => tile('demo-5g').getByTestId('path').textContent(), { timeout: 10_000 }).toMatch(/RTT \d+ ms/);
    expect(await page.locator('.demo-badge').textContent()).toBe('Demo vehicle');
    await page.screenshot({ path: join(SHOTS, 'links-six-en-dark.png') });
  });

  it("shows the simulator's values and follows a signal change within 2 s", async () => {
    const { state } = await sim('demo-5g', 'signal -87 15 -10');
    expect(state.rsrpDbm).toBe(-87);
    await expect.poll(() => tile('demo-5g').getByTestId('signal-value').textContent(), { timeout: 5000 }).toBe('\u221287');
    await expect.poll(() => tile('demo-5g').getByTestId('sinr').textContent()).toBe('15 dB');
    expect(await tile('demo-5g').getByTestId('technology').textContent()).toBe('5G SA');
    expect(await tile('demo-5g').getByTestId('operator').textContent()).toBe('CHINA MOBILE · 460-00');
    const started = Date.now();
    await sim('demo-5g', 'signal -103 4 -14');
    await expect.poll(() => tile('demo-5g').getByTestId('signal-value').textContent(), { timeout: 2000, interval: 50 }).toBe('\u2212103');
    console.log(`signal change reached the tile in ${Date.now() - started} ms`);
  });

  it("draws the selected link's charts and state timeline", async () => {
    await tile('demo-5g').click();
    const panel = page.getByTestId('history-panel');
    await panel.waitFor();
    await expect.poll(() => panel.locator('[data-testid=chart-rsrpDbm] canvas').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => panel.locator('[data-testid=chart-latencyMs] canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => panel.getByTestId('timeline').locator('li').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await panel.screenshot({ path: join(SHOTS, 'link-history.png') });
    await page.getByRole('button', { name: 'Last day' }).click();
    await expect.poll(() => panel.locator('[data-testid=chart-rsrpDbm] canvas').count()).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByTestId('history-panel').count()).toBe(0);
  });

  it('moves live video to the next best link within the detection time when 5G fails, and says so', async () => {
    await expect.poll(() => policyLink('live'), { timeout: 10_000 }).toBe('demo-5g');
    // The 5G path stops answering: 3 lost probes at 1 s, plus the last one's 1 s timeout.
    const detectionMs = 3 * 1000 + 1000;
    const started = Date.now();
    await sim('demo-5g-path', 'down');
    await expect.poll(() => policyLink('live'), { timeout: detectionMs + 2000, interval: 100 }).toBe('demo-lte');
    const moved = Date.now() - started;
    console.log(`live moved to LTE-2 ${moved} ms after the 5G path failed (detection time ${detectionMs} ms)`);
    expect(await page.getByTestId('policy-live').textContent()).toContain('LTE-2');
    expect(await tile('demo-5g').getAttribute('data-state')).toBe('down');
    expect(await tile('demo-5g').getByTestId('reason').textContent()).toMatch(/^\d+ probes lost in a row/);
    await page.screenshot({ path: join(SHOTS, 'links-5g-failed.png') });
    await sim('demo-5g-path', 'up');
    // Back after 5 good probes; 5G is clearly wider, so live returns to it.
    await expect.poll(() => policyLink('live'), { timeout: 15_000, interval: 200 }).toBe('demo-5g');
  });

  it('turns the tile down within 2 s when the modem loses registration, and up again after the hold', async () => {
    await expect.poll(() => tile('demo-5g').getAttribute('data-state'), { timeout: 10_000 }).toBe('up');
    const started = Date.now();
    await sim('demo-5g', 'reg lost');
    await expect.poll(() => tile('demo-5g').getAttribute('data-state'), { timeout: 2000, interval: 50 }).toBe('down');
    console.log(`registration loss reached the tile in ${Date.now() - started} ms`);
    expect(await tile('demo-5g').getByTestId('reason').textContent()).toContain('Searching for a network');
    await sim('demo-5g', 'reg home');
    await expect.poll(() => tile('demo-5g').getByTestId('reason').textContent(), { timeout: 3000, interval: 100 }).toContain('Recovering');
    await expect.poll(() => tile('demo-5g').getAttribute('data-state'), { timeout: 8000, interval: 100 }).toBe('up');
  });

  it('switches to Chinese and the light theme at run time', async () => {
    await page.locator('button[lang=zh-CN]').click();
    await page.getByTestId('theme-toggle').click();
    try {
      await expect.poll(() => page.locator('#links-title').textContent()).toBe('通信链路');
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
      expect(await page.getByTestId('policy-live').textContent()).toContain('实时视频');
      expect(await tile('demo-gnss').getByTestId('gnss-fix').textContent()).toBe('三维定位');
      await page.screenshot({ path: join(SHOTS, 'links-zh-light.png') });
    } finally {
      await page.locator('button[lang=en]').click();
      await page.getByTestId('theme-toggle').click();
    }
  });

  it('keeps a link up on its path while its modem is silent, saying the modem does not answer and its values are old', async () => {
    await sim('demo-lte', 'silence on');
    await expect
      .poll(() => tile('demo-lte').getByTestId('reason').textContent(), { timeout: 25_000, interval: 200 })
      .toMatch(/Modem not responding|Readings are out of date/);
    expect(await tile('demo-lte').getAttribute('data-state')).toBe('up'); // the probes still come back
    await expect.poll(() => tile('demo-lte').locator('.stale-tag').count(), { timeout: 15_000, interval: 200 }).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'links-modem-silent.png') });
    await sim('demo-lte-path', 'down');
    await expect.poll(() => tile('demo-lte').getAttribute('data-state'), { timeout: 10_000, interval: 200 }).toBe('down');
    await sim('demo-lte-path', 'up');
    await sim('demo-lte', 'silence off');
    await expect.poll(() => tile('demo-lte').getAttribute('data-state'), { timeout: 20_000, interval: 200 }).toMatch(/up|degraded/);
  });

  it('disables "Go live" with its reason when no center is configured (demo alone)', async () => {
    await page.locator('.nav-rail').getByRole('button', { name: 'Video' }).click();
    expect(await page.getByTestId('go-live').isEnabled()).toBe(false);
    expect(await page.getByTestId('go-live-why').textContent()).toContain('No command center is configured');
    await page.locator('.nav-rail').getByRole('button', { name: 'Links' }).click();
    await tile('demo-5g').waitFor();
  });

  it('marks the tiles as last known status when the console core goes away', async () => {
    expect(problems).toEqual([]);
    await host.stop();
    await expect.poll(() => page.getByTestId('core-status').getAttribute('class'), { timeout: 10_000 }).toContain('closed');
    expect(await page.getByTestId('cut-off').textContent()).toContain('no contact with the console core');
    expect(await page.locator('.tile-grid.cut-off [data-testid=link-tile]').count()).toBe(6);
    await page.screenshot({ path: join(SHOTS, 'links-core-unreachable.png') });
  });
});
