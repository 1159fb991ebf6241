import { afterEach, describe, expect, it } from 'vitest';
import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { DeskDownlinkItem, QueuedDownlinkResponse } from '../../../protocol/sync/desk';
import { DESK_PATHS } from '../../../protocol/sync/http';
import { useTempDirs } from '../../support/tempDir';
import { RIG_LINK, SyncRig, waitForAsync } from '../../support/syncRig';

/** Orders and directory updates from the desk reach the crew once, and the crew's acknowledgement goes back. */

const tempDir = useTempDirs();
const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

describe('downlink', () => {
  it("delivers a desk order to the inbox once, and the crew's acknowledgement reaches the desk", { timeout: 90_000 }, async () => {
    const r = await SyncRig.start(tempDir(), { profile: 'satellite', capacityKbps: 512 });
    rigs.push(r);
    await waitForAsync(
      'link up',
      async () => (await r.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state === 'up',
      20_000,
    );
    const ordersPath = `/desk/v1/vehicles/${r.center.vehicleId}/orders`;
    const { queued } = await r.desk<QueuedDownlinkResponse>(ordersPath, {
      method: 'POST',
      body: { text: '前往3号桥 评估通行能力', priority: 'flash' },
    });
    const orderId = queued[0]!.id;
    await r.desk(DESK_PATHS.directory, {
      method: 'POST',
      body: { entries: [{ name: '市应急指挥中心', role: '值班室', contact: '+86 10 12345678' }] },
    });

    const order = await waitForAsync(
      'the order in the inbox',
      async () => (await r.call<InboxItemView[]>('inbox.list')).find((i) => i.id === orderId),
      20_000,
    );
    expect(order).toMatchObject({ kind: 'order', priority: 'flash', readAt: null, ackedBy: null });
    expect(order.kind === 'order' && order.body.text).toBe('前往3号桥 评估通行能力');
    const directory = await waitForAsync(
      'the directory in the inbox',
      async () => (await r.call<InboxItemView[]>('inbox.list')).find((i) => i.kind === 'directory'),
      20_000,
    );
    expect(directory.kind === 'directory' && directory.body.entries).toEqual([
      { name: '市应急指挥中心', role: '值班室', contact: '+86 10 12345678' },
    ]);
    const deskOrder = () => r.desk<{ items: DeskDownlinkItem[] }>(ordersPath).then(({ items }) => items.find((i) => i.id === orderId)!);
    await waitForAsync('the desk sees the order delivered', async () => (await deskOrder()).deliveredAt !== null, 20_000);

    const reply = await r.call<MessageView>('inbox.acknowledge', { id: orderId, text: '收到 正在前往' });
    expect(reply).toMatchObject({ replyTo: orderId, priority: 'flash', text: '收到 正在前往' });
    // Acknowledging twice returns the same reply, not a second message.
    expect((await r.call<MessageView>('inbox.acknowledge', { id: orderId, text: '收到' })).id).toBe(reply.id);
    const atDesk = await waitForAsync('the reply at the desk', async () => (await r.deskItems()).find((i) => i.id === reply.id), 20_000);
    expect(atDesk.body).toMatchObject({ text: '收到 正在前往', replyTo: orderId });
    expect((await r.call<InboxItemView[]>('inbox.list')).find((i) => i.id === orderId)).toMatchObject({ ackedBy: reply.id });

    // A restart of the console does not fetch the order again.
    await r.stopCore();
    await r.startCore();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await r.call<InboxItemView[]>('inbox.list')).filter((i) => i.id === orderId)).toHaveLength(1);
    expect((await r.deskItems()).filter((i) => i.id === reply.id)).toHaveLength(1);
  });

  it('refuses to acknowledge an order it does not hold', { timeout: 60_000 }, async () => {
    const r = await SyncRig.start(tempDir(), { profile: 'cellular', capacityKbps: 2000 });
    rigs.push(r);
    const result = await r.core.dispatch('inbox.acknowledge', { id: '0190b6c2-7a3e-7000-8000-000000000000', text: 'ok' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await r.call<MessageView[]>('messages.list')).toHaveLength(0);
  });
});
