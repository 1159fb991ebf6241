import { afterEach, describe, expect, it } from 'vitest';
import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type {
  ConversationResponse,
  DeskDownlinkItem,
  DeskOrder,
  DeskOrdersResponse,
  QueuedDownlinkResponse,
} from '../../../protocol/sync/desk';
import { DESK_PATHS } from '../../../protocol/sync/http';
import { useTempDirs } from '../../support/tempDir';
import { RIG_LINK, SyncRig, waitForAsync } from '../../support/syncRig';

/** Orders, staff messages and directory updates from the desk reach the crew once; the crew's steps and receipts go back. */

const tempDir = useTempDirs();
const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

describe('downlink', () => {
  it("delivers a desk order to the inbox once, and the crew's steps reach the desk with their times", { timeout: 90_000 }, async () => {
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

    // 签收 → 落实中 → 已完成: each step shown at once, and at the desk with its time and the vehicle's name.
    const acked = await r.call<InboxItemView>('inbox.step', { id: orderId, state: 'acknowledged' });
    expect(acked).toMatchObject({ state: 'acknowledged', readAt: expect.any(Number) });
    await r.call<InboxItemView>('inbox.step', { id: orderId, state: 'in-progress' });
    const done = await r.call<InboxItemView>('inbox.step', { id: orderId, state: 'done' });
    expect(done.state).toBe('done');
    // A finished order takes no further step.
    expect(await r.core.dispatch('inbox.step', { id: orderId, state: 'in-progress' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const orderAtDesk = async () => (await r.desk<DeskOrdersResponse>(`/desk/v1/orders?vehicleId=${r.center.vehicleId}`)).orders[0]!;
    const finished = await waitForAsync(
      'the steps at the desk',
      async () => {
        const atDesk = await orderAtDesk();
        return atDesk.recipients[0]!.state === 'done' ? atDesk : undefined;
      },
      20_000,
    );
    expect(finished.recipients[0]!.steps.map((s) => [s.state, s.by])).toEqual([
      ['issued', expect.any(String)],
      ['delivered', 'MCV-07'],
      ['acknowledged', 'MCV-07'],
      ['in-progress', 'MCV-07'],
      ['done', 'MCV-07'],
    ]);
    const stepItems = (await r.deskItems()).filter((i) => i.kind === 'order-state');
    expect(stepItems.map((i) => [i.body.state, i.priority])).toEqual([
      ['acknowledged', 'flash'],
      ['in-progress', 'flash'],
      ['done', 'flash'],
    ]);

    // A restart of the console does not fetch the order again, nor send a step twice.
    await r.stopCore();
    await r.startCore();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await r.call<InboxItemView[]>('inbox.list')).filter((i) => i.id === orderId)).toHaveLength(1);
    expect((await r.deskItems()).filter((i) => i.kind === 'order-state')).toHaveLength(3);
  });

  it('carries staff messages and read receipts both ways, and a cancellation the crew sees', { timeout: 90_000 }, async () => {
    const r = await SyncRig.start(tempDir(), { profile: 'cellular', capacityKbps: 2000 });
    rigs.push(r);
    const vehicle = r.center.vehicleId;
    const crewMessage = await r.send('堤坝出现管涌', 'immediate');
    await r.desk(`/desk/v1/vehicles/${vehicle}/messages`, { method: 'POST', body: { text: '专家组已出发' } });
    const { order } = await r.desk<{ order: DeskOrder }>('/desk/v1/orders', {
      method: 'POST',
      body: { text: '组织群众转移', priority: 'immediate', to: { vehicleIds: [vehicle] } },
    });
    const staffMessage = await waitForAsync(
      'the staff message in the inbox',
      async () => (await r.call<InboxItemView[]>('inbox.list')).find((i) => i.kind === 'center-message'),
      20_000,
    );
    expect(staffMessage.body).toMatchObject({ text: '专家组已出发' });
    expect((await r.call<InboxItemView[]>('inbox.alerts')).map((i) => i.kind).sort()).toEqual(['center-message', 'order']);

    // The crew reads the staff message: its receipt reaches the desk.
    await r.call('inbox.markRead', { id: staffMessage.id });
    const conversation = () => r.desk<ConversationResponse>(`/desk/v1/vehicles/${vehicle}/conversation`);
    await waitForAsync(
      'the crew’s receipt at the desk',
      async () => (await conversation()).entries.find((e) => e.id === staffMessage.id)?.readAt != null,
      20_000,
    );
    // Staff read the crew's message: the console shows it read at the center, by whom.
    await waitForAsync('the crew message at the desk', async () => (await conversation()).unread === 1, 20_000);
    await r.desk(`/desk/v1/vehicles/${vehicle}/read`, { method: 'POST', body: { ids: [crewMessage.id] } });
    const read = await waitForAsync(
      'the desk’s receipt at the console',
      async () => (await r.call<MessageView[]>('messages.list')).find((m) => m.id === crewMessage.id && m.centerReadAt !== null),
      20_000,
    );
    expect(read.centerReadBy).toBe('Desk Wang');

    // The desk withdraws the order: the crew sees it cancelled, and it takes no step.
    const copy = order.recipients[0]!.itemId;
    await r.desk(`/desk/v1/orders/${order.id}/cancel`, { method: 'POST', body: { reason: '险情已排除' } });
    const cancelled = await waitForAsync(
      'the cancellation at the console',
      async () => (await r.call<InboxItemView[]>('inbox.list')).find((i) => i.id === copy && i.cancelledAt !== null),
      20_000,
    );
    expect(cancelled).toMatchObject({ cancelReason: '险情已排除' });
    expect(await r.core.dispatch('inbox.step', { id: copy, state: 'acknowledged' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'the center cancelled this order' },
    });
    expect((await r.call<InboxItemView[]>('inbox.alerts')).map((i) => i.id)).not.toContain(copy);
  });

  it('refuses a step on an order it does not hold, and one without the reason it needs', { timeout: 60_000 }, async () => {
    const r = await SyncRig.start(tempDir(), { profile: 'cellular', capacityKbps: 2000 });
    rigs.push(r);
    const result = await r.core.dispatch('inbox.step', { id: '0190b6c2-7a3e-7000-8000-000000000000', state: 'acknowledged' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const noReason = await r.core.dispatch('inbox.step', { id: '0190b6c2-7a3e-7000-8000-000000000000', state: 'cannot-do' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await r.call<SyncStatus>('sync.status')).queue.every((l) => l.count === 0)).toBe(true);
  });
});
