import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkRelay } from '../../fixtures/net/LinkRelay';
import type { DeskOrdersResponse, DeskVehiclesResponse } from '../../protocol/sync/desk';
import type { CenterProcess } from '../support/centerProcess';
import { launchChromium, openConsolePage } from '../support/chromium';
import { openDeskPage } from '../support/deskPage';
import { startHost, type RunningHost } from '../support/headlessHost';
import { deskItemsOf, deskRequest, rigConsoleConfig, startCenterBehindRelay } from '../support/syncRig';

/**
 * The command room end to end, in two Chromiums: the desk (served by the real center) sends
 * an order with a deadline to a vehicle whose only link is down (relay profile `down`); the
 * link comes up; the vehicle's console (the headless host) raises the alert over the Links
 * view; the crew acknowledges, starts and finishes it; the desk sees each step with its
 * time. Then a conversation both ways with read receipts on both sides.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
/** The center's name for the vehicle differs from the console's own config (MCV-07): the crew sees the center's. */
const CENTER_NAME = 'MCV-07 江北';
const ORDER = 'Set up a relay at the north levee — 在北堤架设中继站';
let center: CenterProcess;
let relay: LinkRelay;
let host: RunningHost;
let consoleBrowser: Browser;
let deskBrowser: Browser;
let vehicle: Page;
let desk: Page;
let dataDir: string;
const problems: string[] = [];

const nav = (name: string) => vehicle.locator('.nav-rail').getByRole('button', { name });

function openDesk(): Promise<Page> {
  return openDeskPage(deskBrowser, center, problems);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-command-'));
  ({ center, relay } = await startCenterBehindRelay({ profile: 'down', center: { vehicleName: CENTER_NAME } }));
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

describe('the command room: an order and a conversation between the desk and a vehicle', () => {
  it(
    'raises the alert in the Links view when the link comes up, and the desk sees every step with its time',
    { timeout: 120_000 },
    async () => {
      // The desk issues a flash order with a deadline while the vehicle cannot be reached.
      await desk.getByTestId('desk-nav-orders').click();
      const composer = desk.getByTestId('order-composer');
      await composer.getByTestId('to-one').click();
      await composer.getByTestId('to-vehicle').selectOption(center.vehicleId);
      await composer.getByTestId('order-text').fill(ORDER);
      await composer.getByTestId('priority-flash').click();
      await composer.getByTestId('deadline-60').click();
      await composer.getByTestId('order-issue').click();
      await expect.poll(() => composer.getByTestId('order-issued').textContent(), { timeout: 10_000 }).toMatch(/Issued to 1 vehicle/);
      const acceptedAt = Date.now();
      const card = desk.locator('[data-testid=order-card]', { hasText: 'north levee' });
      const recipient = card.locator(`[data-testid=order-recipient][data-vehicle-id=${center.vehicleId}]`);
      expect(await recipient.getAttribute('data-state')).toBe('issued');

      // Nothing reaches the vehicle while its link is down.
      const alert = vehicle.getByTestId('command-alert');
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await alert.count()).toBe(0);

      const upAt = Date.now();
      relay.setProfile('cellular');
      await alert.waitFor({ timeout: 15_000 });
      const shownAt = Date.now();
      console.log(
        `order alert on screen ${shownAt - upAt} ms after the link came back (probes need 2 × 300 ms to call it up), ${shownAt - acceptedAt} ms after the center accepted it`,
      );
      expect(shownAt - upAt).toBeLessThan(4000);
      // Over the Links view, with the sender, the first line and a badge on Orders.
      expect(await vehicle.locator('.links-view').count()).toBe(1);
      expect(await alert.textContent()).toContain('Order from Desk Wang');
      expect(await alert.textContent()).toContain('north levee');
      expect(await vehicle.getByTestId('badge-orders').textContent()).toBe('1');
      await vehicle.screenshot({ path: join(SHOTS, 'order-alert-en.png') });
      await vehicle.locator('button[lang=zh-CN]').click();
      await expect.poll(() => alert.textContent()).toContain('Desk Wang 下达指令');
      await vehicle.screenshot({ path: join(SHOTS, 'order-alert-zh-CN.png') });
      await vehicle.locator('button[lang=en]').click();

      // The crew acknowledges from the banner, then starts and finishes it in the Orders view.
      await vehicle.getByTestId('command-alert-act').click();
      await alert.waitFor({ state: 'detached', timeout: 5000 });
      await nav('Orders').click();
      const order = vehicle.locator('[data-testid=order-card]', { hasText: 'north levee' });
      await expect.poll(() => order.getAttribute('data-state')).toBe('acknowledged');
      // A deadline past midnight carries its date.
      expect(await order.locator('.order-deadline').textContent()).toMatch(/Deadline (\d{2}\/\d{2} )?\d{2}:\d{2} · (59|60|61) min left/);
      await order.getByRole('button', { name: 'Start' }).click();
      await expect.poll(() => order.getAttribute('data-state')).toBe('in-progress');
      await vehicle.screenshot({ path: join(SHOTS, 'orders-in-progress-en.png') });
      await order.getByRole('button', { name: 'Done' }).click();
      await expect.poll(() => order.getAttribute('data-state')).toBe('done');
      await vehicle.locator('button[lang=zh-CN]').click();
      await vehicle.screenshot({ path: join(SHOTS, 'orders-done-zh-CN.png') });
      await vehicle.locator('button[lang=en]').click();

      // At the center: each step once, in order, with its time and who.
      await expect
        .poll(
          async () => {
            const { orders } = await deskRequest<DeskOrdersResponse>(center, `/desk/v1/orders?vehicleId=${center.vehicleId}`);
            return orders[0]?.recipients[0]?.steps.map((s) => `${s.state}:${s.by}`);
          },
          { timeout: 15_000 },
        )
        .toEqual([
          'issued:Desk Wang',
          `delivered:${CENTER_NAME}`,
          `acknowledged:${CENTER_NAME}`,
          `in-progress:${CENTER_NAME}`,
          `done:${CENTER_NAME}`,
        ]);
      expect(await vehicle.getByTestId('vehicle-name').textContent()).toBe(CENTER_NAME);
      // The vehicle reports what still waits in its outbox with every exchange; the desk shows it.
      const { vehicles } = await deskRequest<DeskVehiclesResponse>(center, '/desk/v1/vehicles');
      expect(vehicles[0]!.queued).toEqual({ flash: 0, immediate: 0, priority: 0, routine: expect.any(Number), bulk: 0 });
      expect(vehicles[0]!.queuedAt).toBeGreaterThan(acceptedAt);
      const steps = (await deskItemsOf(center)).filter((i) => i.kind === 'order-state');
      expect(steps.map((s) => [s.body.state, s.priority])).toEqual([
        ['acknowledged', 'flash'],
        ['in-progress', 'flash'],
        ['done', 'flash'],
      ]);
      // The desk's page follows without a reload (the finished order is under "all").
      await desk.getByTestId('orders-all').click();
      await expect.poll(() => recipient.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
      expect(await recipient.textContent()).toMatch(/Done \d{2}:\d{2}/);
      await desk.screenshot({ path: join(SHOTS, 'desk-order-done-en.png') });
    },
  );

  it('carries a conversation both ways with delivery and read receipts on both sides', { timeout: 90_000 }, async () => {
    // The crew writes; the desk opens the conversation (which marks it read); the console shows who read it when.
    await nav('Messages').click();
    await vehicle.getByRole('textbox', { name: 'Message text' }).fill('北堤渗水点已封堵 — seepage at the north levee sealed');
    await vehicle.getByRole('button', { name: 'Send' }).click();
    const mine = vehicle.getByTestId('message-item').first();
    await expect.poll(() => mine.getAttribute('data-delivery'), { timeout: 15_000 }).toBe('delivered');

    await desk.getByTestId('desk-nav-messages').click();
    await desk.locator(`[data-testid=messages-vehicle][data-vehicle-id=${center.vehicleId}]`).click();
    const conversation = desk.getByTestId('conversation');
    const incoming = conversation.locator('[data-testid=conversation-entry][data-direction=in]', { hasText: 'seepage' });
    await expect.poll(() => incoming.getAttribute('data-receipt'), { timeout: 30_000 }).toBe('read');
    await expect
      .poll(() => mine.getByTestId('read-at-center').textContent(), { timeout: 15_000 })
      .toMatch(/Read at the center \d{2}:\d{2} · Desk Wang/);

    // The desk writes back: the console raises the alert; opening Messages reads it; the desk sees "read".
    await desk.getByTestId('message-text').fill('收到，继续巡查 — received, keep patrolling');
    await nav('Links').click();
    const sentAt = Date.now();
    await desk.getByTestId('message-send').click();
    const alert = vehicle.getByTestId('command-alert');
    await expect.poll(() => alert.textContent(), { timeout: 15_000, interval: 50 }).toContain('Message from Desk Wang');
    // With the link up, the next poll (pollSeconds 1 here; 15 s by default) brings it.
    console.log(`staff message alert on screen ${Date.now() - sentAt} ms after the desk sent it (link up)`);
    expect(await vehicle.getByTestId('badge-messages').textContent()).toBe('1');
    await nav('Messages').click();
    await expect.poll(() => vehicle.getByTestId('center-message').first().textContent()).toContain('keep patrolling');
    await alert.waitFor({ state: 'detached', timeout: 10_000 });
    const outgoing = conversation.locator('[data-testid=conversation-entry][data-direction=out]', { hasText: 'keep patrolling' });
    await expect.poll(() => outgoing.getAttribute('data-receipt'), { timeout: 30_000 }).toBe('read');
    await vehicle.screenshot({ path: join(SHOTS, 'messages-receipts-en.png') });
    await desk.screenshot({ path: join(SHOTS, 'desk-conversation-en.png') });
    expect(problems).toEqual([]);
  });
});
