import { afterEach, describe, expect, it } from 'vitest';
import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { QueuedDownlinkResponse } from '../../../protocol/sync/desk';
import { IRIDIUM_LINK, IridiumRig } from '../../support/iridiumRig';
import { RIG_LINK, waitForAsync } from '../../support/syncRig';
import { useTempDirs } from '../../support/tempDir';

/**
 * Sync over Iridium SBD with the real console core, the real Iridium driver on a pty
 * against the 9603 simulator, the gateway simulator and the real center's DirectIP
 * listener: a flash message goes by SBD while the only IP link is down, exactly once
 * across both paths; an order comes down by MT and its acknowledgement goes up by SBD.
 */

const tempDir = useTempDirs();
const rigs: IridiumRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

const linkState = async (rig: IridiumRig, id: string) => (await rig.sync.call<LinkStatus[]>('links.list')).find((l) => l.id === id)?.state;

async function startWithIpDown(): Promise<IridiumRig> {
  const rig = await IridiumRig.start(tempDir(), { profile: 'satellite' });
  rigs.push(rig);
  // The console greets the center over IP once (its seq numbering), then the IP link goes down.
  await waitForAsync('the first hello', async () => (await rig.sync.status()).centerVehicleName !== null, 30_000);
  await waitForAsync('the Iridium link up', async () => (await linkState(rig, IRIDIUM_LINK)) === 'up', 30_000);
  rig.sync.relay.setProfile('down');
  await waitForAsync('the IP link down', async () => (await linkState(rig, RIG_LINK)) === 'down', 30_000);
  return rig;
}

describe('sync over Iridium SBD', () => {
  it(
    'a flash message reaches the center by SBD while sessions fail with 32, 35 and 17, and IP does not double it',
    { timeout: 120_000 },
    async () => {
      const rig = await startWithIpDown();
      const r = rig.sync;
      const text = '北川县城道路塌方，车辆无法通行，伤员三名需要直升机转运，请求工程机械支援。'.padEnd(70, '援');
      rig.modem.forceSessionResults([32, 35, 17]);
      const sent = await r.send(text, 'flash');

      const atCenter = await waitForAsync(
        'the message at the center',
        async () => {
          const found = (await r.deskItems()).filter((i) => i.kind === 'message' && i.body.text === text);
          return found.length > 0 ? found : undefined;
        },
        60_000,
      );
      expect(atCenter).toHaveLength(1);
      expect(rig.bridge.forwarded).toHaveLength(1);
      expect(rig.modem.gateway.delivered.at(-1)!.length).toBeLessThanOrEqual(340);

      // The console knows it went by SBD, and that the center has not confirmed it yet.
      const status = await waitForAsync('the SBD figures', async () => {
        const s = await r.status();
        return s.sbd?.month.messages === 1 ? s : undefined;
      });
      expect(status.sbd).toMatchObject({ awaitingConfirmation: 1, monthlyMessages: 50, link: { id: IRIDIUM_LINK } });
      const message = (await r.call<MessageView[]>('messages.list')).find((m) => m.id === sent.id)!;
      expect(message.delivery.state).toBe('queued');
      expect(message.delivery.sbd?.momsn).toBeGreaterThanOrEqual(0);

      // IP returns: the item goes again over IP, the center keeps one copy, the console marks it delivered.
      r.relay.setProfile('satellite');
      await waitForAsync(
        'delivered over IP',
        async () => (await r.call<MessageView[]>('messages.list')).find((m) => m.id === sent.id)?.delivery.state === 'delivered',
        60_000,
      );
      expect((await r.deskItems()).filter((i) => i.kind === 'message' && i.body.text === text)).toHaveLength(1);
      expect((await r.status()).sbd).toMatchObject({ awaitingConfirmation: 0, month: { messages: 1 } });
      // Nothing else went by SBD meanwhile (routine items wait for IP).
      expect(rig.bridge.forwarded).toHaveLength(1);
    },
  );

  it('an order comes down by MT while IP is down, and its acknowledgement goes up by SBD', { timeout: 120_000 }, async () => {
    const rig = await startWithIpDown();
    const r = rig.sync;
    const { queued } = await r.desk<QueuedDownlinkResponse>(`/desk/v1/vehicles/${r.center.vehicleId}/orders`, {
      method: 'POST',
      body: { text: '前往3号桥 评估通行能力', priority: 'flash' },
    });
    const orderId = queued[0]!.id;
    const order = await waitForAsync(
      'the order in the inbox by MT',
      async () => (await r.call<InboxItemView[]>('inbox.list')).find((i) => i.id === orderId),
      60_000,
    );
    expect(order.kind).toBe('order');
    await r.call<InboxItemView>('inbox.step', { id: orderId, state: 'acknowledged' });
    const step = await waitForAsync(
      'the acknowledgement at the center by SBD',
      async () => (await r.deskItems()).find((i) => i.kind === 'order-state' && i.body.orderId === orderId),
      60_000,
    );
    expect(step.body.state).toBe('acknowledged');
    // The gateway hands the message to the center before the modem's +SBDIX answer reaches the
    // console, so the console counts it a moment after the center has it.
    const s: SyncStatus = await waitForAsync('the SBD message counted', async () => {
      const status = await r.status();
      return (status.sbd?.month.messages ?? 0) >= 1 ? status : undefined;
    });
    expect(s.sbd?.month.messages).toBeGreaterThanOrEqual(1);
  });
});
