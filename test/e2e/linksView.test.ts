import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendControlCommand } from '../../fixtures/devices/controlSocket';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * The Links view in Chromium against the headless host in demo mode: the tiles show
 * what the simulated modems report, and follow them when they change.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;

type SimAnswer = { ok: boolean; state: { rsrpDbm: number; registration: string }; error?: string };
const sim = async (id: 'demo-5g' | 'demo-lte', command: string): Promise<SimAnswer> => {
  const answer = (await sendControlCommand(join(dataDir, 'demo', `${id}.ctl`), command)) as SimAnswer;
  if (!answer.ok) throw new Error(`${command}: ${answer.error}`);
  return answer;
};
const tile = (id: string) => page.locator(`[data-testid=link-tile][data-link-id="${id}"]`);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-'));
  host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir]);
  // Hold the demo modems still, so the test compares against known values.
  await sim('demo-5g', 'wander off');
  await sim('demo-lte', 'wander off');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'en-US' });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto(host.url);
  await page.locator('button[lang=en]').click();
  await tile('demo-5g').waitFor();
  expect(problems).toEqual([]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Links view (demo mode)', () => {
  it('shows a live tile per simulated modem with the simulator\'s values', async () => {
    const { state } = await sim('demo-5g', 'signal -87 15 -10');
    await expect.poll(() => tile('demo-5g').getAttribute('data-state'), { timeout: 5000 }).toBe('up');
    await expect.poll(() => tile('demo-5g').getByTestId('signal-value').textContent(), { timeout: 5000 }).toBe('\u221287');
    expect(state.rsrpDbm).toBe(-87);
    await expect.poll(() => tile('demo-5g').getByTestId('sinr').textContent()).toBe('15 dB');
    expect(await tile('demo-5g').getByTestId('technology').textContent()).toBe('5G SA');
    expect(await tile('demo-5g').getByTestId('operator').textContent()).toBe('CHINA MOBILE · 460-00');
    expect(await tile('demo-lte').getByTestId('technology').textContent()).toBe('4G LTE');
    expect(await page.locator('.demo-badge').textContent()).toBe('Demo vehicle');
    await page.screenshot({ path: join(SHOTS, 'links-en-dark.png') });
  });

  it('follows a signal change within 2 s', async () => {
    const started = Date.now();
    await sim('demo-5g', 'signal -103 4 -14');
    await expect.poll(() => tile('demo-5g').getByTestId('signal-value').textContent(), { timeout: 2000, interval: 50 }).toBe('\u2212103');
    console.log(`signal change reached the tile in ${Date.now() - started} ms`);
  });

  it('turns the tile down within 2 s when the modem loses registration, and up again when it is back', async () => {
    const started = Date.now();
    await sim('demo-5g', 'reg lost');
    await expect.poll(() => tile('demo-5g').getAttribute('data-state'), { timeout: 2000, interval: 50 }).toBe('down');
    console.log(`registration loss reached the tile in ${Date.now() - started} ms`);
    expect(await tile('demo-5g').getByTestId('reason').textContent()).toContain('Searching for a network');
    await page.screenshot({ path: join(SHOTS, 'links-fault.png') });
    await sim('demo-5g', 'reg home');
    await expect.poll(() => tile('demo-5g').getAttribute('data-state'), { timeout: 2000, interval: 50 }).toBe('up');
  });

  it('switches to Chinese and the light theme at run time', async () => {
    await page.locator('button[lang=zh-CN]').click();
    await expect.poll(() => page.locator('#links-title').textContent()).toBe('通信链路');
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('light');
    expect(await tile('demo-5g').getByTestId('state').textContent()).toBe('正常');
    await page.screenshot({ path: join(SHOTS, 'links-zh-light.png') });
    await page.locator('button[lang=en]').click();
    await page.getByTestId('theme-toggle').click();
  });

  it('shows an unresponsive modem as unknown with its reason, and stale values as old', async () => {
    await sim('demo-lte', 'silence on');
    await expect.poll(() => tile('demo-lte').getAttribute('data-state'), { timeout: 20_000, interval: 200 }).toBe('unknown');
    expect(await tile('demo-lte').getByTestId('reason').textContent()).toContain('Modem not responding');
    await expect.poll(() => tile('demo-lte').locator('.stale-tag').count(), { timeout: 15_000, interval: 200 }).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'links-unresponsive.png') });
    await sim('demo-lte', 'silence off');
    await expect.poll(() => tile('demo-lte').getAttribute('data-state'), { timeout: 15_000, interval: 200 }).toBe('up');
  });

  it('marks the tiles as last known status when the console core goes away', async () => {
    await host.stop();
    await expect.poll(() => page.getByTestId('core-status').getAttribute('class'), { timeout: 10_000 }).toContain('closed');
    expect(await page.getByTestId('cut-off').textContent()).toContain('no contact with the console core');
    expect(await page.locator('.tile-grid.cut-off [data-testid=link-tile]').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'links-core-unreachable.png') });
  });
});
