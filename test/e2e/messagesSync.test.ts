import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRelay } from '../../fixtures/net/LinkRelay';
import type { QueuedDownlinkResponse } from '../../protocol/sync/desk';
import type { CenterProcess } from '../support/centerProcess';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';
import { deskItemsOf, deskRequest, rigConsoleConfig, startCenterBehindRelay } from '../support/syncRig';

/**
 * An operator writes to the center while the only link is down: the message waits in the
 * queue the Sync view shows; the link comes up; the center's desk API holds it once. Then
 * an order from the desk raises the alert and is acknowledged from it.
 * Console = the built headless host in Chromium; center = the real center process; the
 * link = the userspace relay between them (its `down` profile drops everything).
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
const TEXT = 'Road to shelter 3 flooded, crews rerouting via G107 — 3号安置点道路被淹';
let center: CenterProcess;
let relay: LinkRelay;
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

const nav = (name: string) => page.locator('.nav-rail').getByRole('button', { name });
const syncState = () => page.getByTestId('sync-state').getAttribute('data-state');

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-sync-'));
  ({ center, relay } = await startCenterBehindRelay({ profile: 'down' }));
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify(rigConsoleConfig(center, relay, { capacityKbps: 2000 }), null, 2));
  host = await startHost(['--port', '0', '--data-dir', dataDir, '--config', configFile]);
  browser = await launchChromium();
  page = await openConsolePage(browser, host.url, problems);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await relay?.close();
  await center?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Messages and Sync views against the real center', () => {
  it('queues a message written while the link is down, shows it in the queue, and delivers it once when the link comes up', async () => {
    await nav('Messages').click();
    await page.getByRole('textbox', { name: 'Message text' }).fill(TEXT);
    await page.getByRole('radio', { name: 'Immediate' }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    const item = page.getByTestId('message-item').first();
    await expect.poll(() => item.getAttribute('data-delivery'), { timeout: 5000 }).toBe('queued');
    expect(await item.locator('.message-text').textContent()).toBe(TEXT);

    await nav('Sync').click();
    await expect.poll(() => page.getByTestId('queue-immediate').getAttribute('data-count'), { timeout: 5000 }).toBe('1');
    await expect.poll(syncState, { timeout: 10_000 }).toBe('waiting-link');
    expect(await page.getByTestId('sync-state').textContent()).toMatch(/link/i);
    // What holds them, by the policy's decision for their class.
    await expect
      .poll(() => page.getByTestId('held-why').textContent(), { timeout: 5000 })
      .toMatch(/Immediate.*wait — no link that may carry/);
    await page.screenshot({ path: join(SHOTS, 'sync-queued-link-down.png') });
    expect(await deskItemsOf(center)).toHaveLength(0);

    const upAt = Date.now();
    relay.setProfile('cellular');
    // The messages the center holds (the console's own duty-log entries — the link went down — follow as routine items).
    const messages = async () => (await deskItemsOf(center)).filter((i) => i.kind === 'message');
    await expect.poll(async () => (await messages()).map((i) => i.body.text), { timeout: 30_000, interval: 200 }).toEqual([TEXT]);
    console.log(`delivered ${Date.now() - upAt} ms after the link came up (probe upAfter 2 × 300 ms)`);
    await expect.poll(() => page.getByTestId('queue-total').textContent(), { timeout: 10_000 }).toBe('0');
    await expect.poll(syncState, { timeout: 10_000 }).toBe('idle');
    await page.screenshot({ path: join(SHOTS, 'sync-delivered.png') });

    await nav('Messages').click();
    await expect.poll(() => item.getAttribute('data-delivery'), { timeout: 5000 }).toBe('delivered');
    // Still once, after the console has had time to try again if it were going to.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const items = await messages();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'message', priority: 'immediate', body: { text: TEXT } });
  });

  it('raises the alert for an order from the desk, and the crew acknowledges it from the banner', async () => {
    const { queued } = await deskRequest<QueuedDownlinkResponse>(center, `/desk/v1/vehicles/${center.vehicleId}/orders`, {
      method: 'POST',
      body: { text: '前往3号桥 评估通行能力 Proceed to bridge 3 and assess', priority: 'flash' },
    });
    const alert = page.getByTestId('command-alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('Proceed to bridge 3');
    await page.getByTestId('command-alert-act').click();
    await expect
      .poll(async () => (await deskItemsOf(center)).find((i) => i.kind === 'order-state' && i.body.orderId === queued[0]!.id)?.priority, {
        timeout: 15_000,
      })
      .toBe('flash');
    await alert.waitFor({ state: 'detached', timeout: 5000 });
    await nav('Orders').click();
    await expect.poll(() => page.getByTestId('order-card').first().getAttribute('data-state'), { timeout: 5000 }).toBe('acknowledged');
    await nav('Messages').click();
    await expect.poll(() => page.getByTestId('message-item').first().getAttribute('data-delivery'), { timeout: 5000 }).toBe('delivered');
    await page.screenshot({ path: join(SHOTS, 'messages-en.png') });
    await page.locator('button[lang=zh-CN]').click();
    await page.screenshot({ path: join(SHOTS, 'messages-zh-CN.png') });
    await nav('同步').click();
    await page.screenshot({ path: join(SHOTS, 'sync-zh-CN.png') });
    await page.locator('button[lang=en]').click();
    expect(problems).toEqual([]);
  });

  it('says before "Go live" that the center runs no live video, and why (this machine has no mediasoup worker)', async () => {
    await nav('Video').click();
    const why = page.getByTestId('go-live-why');
    await expect.poll(() => why.count(), { timeout: 10_000 }).toBe(1);
    expect(await why.textContent()).toBe('Live video off: mediasoup is not installed at the center');
    expect(await page.getByTestId('go-live').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'video-center-no-media-en.png') });
    await page.locator('button[lang=zh-CN]').click();
    await expect.poll(() => why.textContent()).toBe('实时视频未开启：指挥中心未安装 mediasoup');
    await page.screenshot({ path: join(SHOTS, 'video-center-no-media-zh-CN.png') });
    await page.locator('button[lang=en]').click();
  });
});
