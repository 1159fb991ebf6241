import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSbdPayload } from '../../protocol/sbd/sbdPayload';
import { encodeItem } from '../../protocol/sync/codec';
import { QueuedDownlinkResponse } from '../../protocol/sync/desk';
import type { SyncItem } from '../../protocol/sync/items';
import { uuidv7 } from '../../protocol/sync/uuid';
import { desk as deskCall, json } from '../integration/center/centerHttp';
import { startDirectIpRig, type DirectIpRig } from '../integration/center/directIpRig';
import { addCredential } from '../support/centerProcess';
import { launchChromium } from '../support/chromium';
import { openDeskPage } from '../support/deskPage';

/**
 * The Iridium path on the desk, against the real center with DirectIP on and the gateway
 * simulator in front of it (real DirectIP MO frames over TCP), in real Chromium: an order goes
 * down as MT ("queued at the Iridium gateway, position 1"), the crew's message and
 * acknowledgement come up in one MO; the conversation and the order step carry "by Iridium",
 * the vehicle's Iridium panel shows the MO session and the MT answer, and a vehicle with no
 * modem mapped says how to map one. Screenshots in en and zh-CN at 1280×800 and 1600×1000
 * (test-output/desk-iridium/).
 */

const SHOTS = join(process.cwd(), 'test-output', 'desk-iridium');
const IMEI = '300234010753372';
let rig: DirectIpRig;
let browser: Browser;
let noModemId: string;
let momsn: number;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  rig = await startDirectIpRig(IMEI, [IMEI], { vehicleName: 'MCV-07 北川', echo: false });
  noModemId = (await addCredential(rig.center.dataDir, 'vehicles', 'MCV-02 Mianyang', ['--id', 'mcv-02'])).id;
  const { center, gateway } = rig;
  const vehicle = center.vehicleId;

  // Every IP link of the vehicle is down: the center's MT rule sends the flash order by Iridium.
  const ordered = await deskCall(center.url, center.staffToken, `/desk/v1/vehicles/${vehicle}/orders`, {
    text: '立即前往北川中学集合 Go to Beichuan school',
    priority: 'flash',
  });
  if (ordered.status !== 201) throw new Error(`order answered ${ordered.status}`);
  const orderItemId = QueuedDownlinkResponse.parse(json(ordered)).queued[0]!.id;
  await gateway.waitForMt(1);

  // The crew answers by SBD: a message and the order's acknowledgement in one MO session.
  const t = Date.now() - 20_000;
  const items: SyncItem[] = [
    {
      kind: 'message',
      seq: 1,
      id: uuidv7(t),
      priority: 'flash',
      createdAt: t,
      body: { text: '道路塌方，已改走北线 Road blocked, taking the north road' },
    },
    {
      kind: 'order-state',
      seq: 2,
      id: uuidv7(t + 1000),
      priority: 'flash',
      createdAt: t + 1000,
      body: { orderId: orderItemId, state: 'acknowledged' },
    },
  ];
  const mo = await gateway.deliverMo({
    imei: IMEI,
    payload: encodeSbdPayload('mo', vehicle, items.map(encodeItem)),
    location: { latitude: 31.83, longitude: 104.46, cepKm: 4 },
  });
  if (mo.confirmations[0] !== true) throw new Error('the center did not take the MO');
  momsn = 1;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  expect(await rig?.dispose()).toBe(0);
  expect(problems).toEqual([]);
});

async function open(hash: string, language: 'en' | 'zh-CN', width = 1280, height = 800): Promise<Page> {
  return openDeskPage(browser, rig.center, problems, { hash, language, width, height });
}

describe('the Iridium path on the desk', () => {
  it('marks the message that came by Iridium in the conversation, with its MOMSN in the tooltip', { timeout: 30_000 }, async () => {
    const page = await open(`#/messages/${rig.center.vehicleId}`, 'en');
    const entry = page.locator('[data-testid=conversation-entry][data-direction=in]');
    await entry.waitFor();
    const badge = entry.locator('[data-testid=via-badge]');
    expect(await badge.innerText()).toBe('by Iridium');
    expect(await badge.getAttribute('data-momsn')).toBe(String(momsn));
    expect(await badge.getAttribute('title')).toMatch(/^Came by Iridium SBD \(no IP link could carry it\): MOMSN 1, session at \d\d:\d\d/);
    // The staff's order went out, not in: no badge on it.
    expect(await page.locator('[data-testid=conversation-entry][data-direction=out] [data-testid=via-badge]').count()).toBe(0);
    await page.close();
  });

  it('marks the acknowledgement step of the order', { timeout: 30_000 }, async () => {
    const page = await open('#/orders', 'en');
    const step = page.locator('[data-testid=order-recipient] .step-acknowledged');
    await step.waitFor();
    expect(await step.locator('[data-testid=via-badge]').innerText()).toBe('by Iridium');
    await page.close();
  });

  it('shows the vehicle’s Iridium panel: IMEI, the MO session and the gateway’s MT answer in words', { timeout: 30_000 }, async () => {
    const page = await open(`#/vehicle/${rig.center.vehicleId}`, 'en');
    const panel = page.locator('[data-testid=iridium-panel]');
    await panel.locator('[data-testid=iridium-mo-row]').waitFor();
    expect(await panel.getAttribute('data-imei')).toBe(IMEI);
    const moRow = panel.locator('[data-testid=iridium-mo-row]');
    expect(await moRow.getAttribute('data-momsn')).toBe('1');
    expect(await moRow.innerText()).toMatch(/2 of 2 held\s+Completed/);
    const mtRow = panel.locator('[data-testid=iridium-mt-row]').first();
    expect(await mtRow.getAttribute('data-state')).toBe('queued');
    expect(await mtRow.innerText()).toContain('Queued at the Iridium gateway, position 1');
    await page.close();

    const zh = await open(`#/vehicle/${rig.center.vehicleId}`, 'zh-CN');
    const zhPanel = zh.locator('[data-testid=iridium-panel]');
    await zhPanel.locator('[data-testid=iridium-mt-row]').waitFor();
    expect(await zhPanel.locator('[data-testid=iridium-mt-row]').first().innerText()).toContain('已在铱星网关排队，第 1 位');
    expect(await zhPanel.locator('[data-testid=iridium-mo-row]').innerText()).toContain('保留 2 / 2 条');
    await zh.close();
  });

  it('says why a vehicle with no modem mapped shows nothing, and how to map one', { timeout: 30_000 }, async () => {
    const page = await open(`#/vehicle/${noModemId}`, 'en');
    const empty = page.locator('[data-testid=iridium-empty]');
    await empty.waitFor();
    expect(await empty.getAttribute('data-why')).toBe('no-imei');
    expect(await empty.innerText()).toContain(`center -- vehicles set ${noModemId} --imei <15 digits>`);
    await page.close();
  });

  it('takes screenshots in en and zh-CN at 1280×800 and 1600×1000', { timeout: 90_000 }, async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      for (const [width, height] of [
        [1280, 800],
        [1600, 1000],
      ] as const) {
        const tag = `${language}-${width}x${height}`;
        const messages = await open(`#/messages/${rig.center.vehicleId}`, language, width, height);
        await messages.locator('[data-testid=via-badge]').first().waitFor();
        await messages.screenshot({ path: join(SHOTS, `messages-${tag}.png`) });
        await messages.close();
        const vehicle = await open(`#/vehicle/${rig.center.vehicleId}`, language, width, height);
        const panel = vehicle.locator('[data-testid=iridium-panel]');
        await panel.locator('[data-testid=iridium-mt-row]').first().waitFor();
        await panel.scrollIntoViewIfNeeded();
        await vehicle.screenshot({ path: join(SHOTS, `vehicle-${tag}.png`) });
        await panel.screenshot({ path: join(SHOTS, `panel-${tag}.png`) });
        await vehicle.close();
        const orders = await open('#/orders', language, width, height);
        await orders.locator('[data-testid=order-recipient] [data-testid=via-badge]').first().waitFor();
        await orders.screenshot({ path: join(SHOTS, `orders-${tag}.png`) });
        await orders.close();
        const noModem = await open(`#/vehicle/${noModemId}`, language, width, height);
        const empty = noModem.locator('[data-testid=iridium-panel]');
        await empty.locator('[data-testid=iridium-empty]').waitFor();
        await empty.scrollIntoViewIfNeeded();
        await noModem.screenshot({ path: join(SHOTS, `no-modem-${tag}.png`) });
        await noModem.close();
      }
    }
  });
});
