import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRelay } from '../../fixtures/net/LinkRelay';
import type { CenterProcess } from '../support/centerProcess';
import { launchChromium, openConsolePage } from '../support/chromium';
import { openDeskPage } from '../support/deskPage';
import { startHost, type RunningHost } from '../support/headlessHost';
import { startIridiumSide, type IridiumSide } from '../support/iridiumRig';
import { deskItemsOf, rigConsoleConfig, startCenterBehindRelay } from '../support/syncRig';

/**
 * The crew's flash message goes by Iridium while the only IP link is down: the console
 * (the built headless host in Chromium) says "sent by Iridium" with the month's count, and
 * the desk (the real center in a second Chromium) shows the message with its path.
 * Iridium = the 9603 simulator on a pty + the gateway simulator + the center's DirectIP.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
const TEXT = '北川县城道路塌方，伤员三名需要直升机转运 — road to Beichuan collapsed, 3 injured need airlift';
let center: CenterProcess;
let relay: LinkRelay;
let side: IridiumSide;
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const problems: string[] = [];

const nav = (name: string) => page.locator('.nav-rail').getByRole('button', { name });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-iridium-'));
  side = await startIridiumSide(dataDir);
  ({ center, relay } = await startCenterBehindRelay({ profile: 'cellular', center: { args: side.centerArgs } }));
  await side.attach(center);
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify(rigConsoleConfig(center, relay, { capacityKbps: 2000, links: [side.link] }), null, 2));
  host = await startHost(['--port', '0', '--data-dir', dataDir, '--config', configFile]);
  browser = await launchChromium();
  page = await openConsolePage(browser, host.url, problems);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await relay?.close();
  await center?.dispose();
  await side?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a flash message by Iridium SBD', () => {
  it('goes by Iridium while IP is down; the Sync view counts it against the month, the desk shows it came by Iridium', async () => {
    // The console greets the center over IP first, then the IP link goes down.
    await nav('Sync').click();
    await expect.poll(() => page.getByTestId('sbd-card').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('sync-state').getAttribute('data-state'), { timeout: 20_000 }).toBe('idle');
    relay.setProfile('down');
    await expect.poll(() => page.getByTestId('sync-state').getAttribute('data-state'), { timeout: 20_000 }).not.toBe('idle');

    await nav('Messages').click();
    await page.getByRole('textbox', { name: 'Message text' }).fill(TEXT);
    await page.getByRole('radio', { name: 'Flash' }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    const chip = page.getByTestId('sent-by-iridium').first();
    await expect.poll(() => chip.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await chip.textContent()).toMatch(/^Sent by Iridium .* the center confirms it when IP returns$/);
    await page.screenshot({ path: join(SHOTS, 'messages-sent-by-iridium-en.png') });

    await nav('Sync').click();
    await expect
      .poll(() => page.getByTestId('sbd-month').textContent(), { timeout: 10_000 })
      .toMatch(/^Sent by Iridium: 1 of 50 messages this month/);
    expect(await page.getByTestId('sbd-awaiting').textContent()).toContain("1 item sent by Iridium waits for the center's confirmation");
    expect(await page.locator('.sync-eta').textContent()).toBe(
      'Everything waiting went by Iridium; the center confirms it when an IP link returns.',
    );
    await page.screenshot({ path: join(SHOTS, 'sync-iridium-en-1280x800.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.locator('button[lang="zh-CN"]').click();
    await expect.poll(() => page.getByTestId('sbd-month').textContent(), { timeout: 5000 }).toMatch(/^本月经铱星发出 1 \/ 50 条/);
    await page.screenshot({ path: join(SHOTS, 'sync-iridium-zh-CN-1600x1000.png') });
    await page.locator('button[lang=en]').click();
    await page.setViewportSize({ width: 1280, height: 800 });

    // The center holds it once, and the desk says it came by Iridium.
    const messages = (await deskItemsOf(center)).filter((i) => i.kind === 'message' && i.body.text === TEXT);
    expect(messages).toHaveLength(1);
    const deskProblems: string[] = [];
    const desk = await openDeskPage(browser, center, deskProblems, { language: 'en', hash: `#/messages/${center.vehicleId}` });
    const entry = desk.locator('[data-testid=conversation-entry][data-direction=in]').filter({ hasText: TEXT });
    await entry.waitFor({ timeout: 20_000 });
    expect(await entry.locator('[data-testid=via-badge]').innerText()).toBe('by Iridium');
    await desk.screenshot({ path: join(SHOTS, 'desk-message-by-iridium-en.png') });
    expect(deskProblems).toEqual([]);
    await desk.close();

    // IP returns: the center confirms it, nothing doubled.
    relay.setProfile('cellular');
    await nav('Messages').click();
    const item = page.getByTestId('message-item').first();
    await expect.poll(() => item.getAttribute('data-delivery'), { timeout: 30_000 }).toBe('delivered');
    expect((await deskItemsOf(center)).filter((i) => i.kind === 'message' && i.body.text === TEXT)).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
