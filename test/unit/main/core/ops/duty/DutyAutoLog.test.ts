import { describe, expect, it } from 'vitest';
import { DutyAutoLog, SYNC_TROUBLE_AFTER_MS } from '../../../../../../main/core/ops/duty/DutyAutoLog';
import { EntryCoalescer } from '../../../../../../main/core/ops/duty/EntryCoalescer';
import type { InboxItemView } from '../../../../../../protocol/api/messaging';
import type { SyncStatus } from '../../../../../../protocol/api/syncStatus';
import type { LinkStateChange } from '../../../../../../protocol/links/linkStatus';

const T0 = 1_800_000_000_000;

function rig(language: 'en' | 'zh-CN' = 'en') {
  const written: string[] = [];
  let delivered: { deliveredAt: number; stage: string; number: number }[] = [];
  const auto = new DutyAutoLog({
    write: (topic, text) => written.push(`${topic}: ${text}`),
    language: () => language,
    linkName: (id) => (id === 'lte1' ? '4G' : id),
    reportsDeliveredSince: (since) => delivered.filter((r) => r.deliveredAt > since),
  });
  return { auto, written, setDelivered: (d: typeof delivered) => (delivered = d) };
}

const change = (to: 'up' | 'down', at: number, from: 'up' | 'down' = to === 'up' ? 'down' : 'up'): LinkStateChange => ({
  linkId: 'lte1',
  from,
  to,
  reason: { code: to === 'up' ? 'ok' : 'probes-lost', detail: '3 of 3' },
  at,
});

const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  state: 'idle',
  detail: null,
  centerUrl: 'https://c',
  vehicleId: 'v',
  centerVehicleName: null,
  queue: [],
  delivered: 0,
  parked: [],
  files: { first: [], total: 0 },
  sending: [],
  link: null,
  etaSeconds: null,
  lastContactAt: null,
  lastError: null,
  nextAttemptAt: null,
  ...patch,
});

describe('EntryCoalescer', () => {
  it('writes the first event at once, holds the rest of the minute, then writes one summary', () => {
    const c = new EntryCoalescer<string>(60_000);
    expect(c.offer('a', 'down', 0)).toEqual({ key: 'a', event: 'down', count: 1 });
    expect(c.offer('a', 'up', 1_000)).toBeUndefined();
    expect(c.offer('a', 'down', 2_000)).toBeUndefined();
    expect(c.offer('b', 'up', 2_000)).toEqual({ key: 'b', event: 'up', count: 1 });
    expect(c.nextDueAt()).toBe(60_000);
    expect(c.due(59_999)).toEqual([]);
    expect(c.due(60_000)).toEqual([{ key: 'a', event: 'down', count: 2 }]);
    expect(c.due(200_000)).toEqual([]);
    expect(c.offer('a', 'up', 200_000)).toEqual({ key: 'a', event: 'up', count: 1 });
  });
});

describe('DutyAutoLog', () => {
  it('turns a link flapping 200 times in a minute into two entries: the first change and one summary', () => {
    const { auto, written } = rig();
    for (let i = 0; i < 200; i++) auto.onLinkChange(change(i % 2 === 0 ? 'down' : 'up', T0 + i * 250));
    auto.tick(T0 + 30_000);
    expect(written).toEqual(['link: Link 4G: up → down (Probes lost: 3 of 3)']);
    auto.tick(T0 + 60_000);
    expect(written).toEqual([
      'link: Link 4G: up → down (Probes lost: 3 of 3)',
      'link: Link 4G: 199 changes in the last minute, now up (Working: 3 of 3)',
    ]);
  });

  it('writes in the console language', () => {
    const { auto, written } = rig('zh-CN');
    auto.onLinkChange(change('down', T0));
    // The reason in words of the log's language; the English device detail stays out.
    expect(written).toEqual(['link: 链路 4G：正常 → 中断（探测包丢失）']);
  });

  it('says a link the probes made up while its device still connects, instead of "up (connecting)"', () => {
    for (const [language, text] of [
      ['en', 'link: Link 4G: down → up (probes answer; the device: Connecting to the device)'],
      ['zh-CN', 'link: 链路 4G：中断 → 正常（探测有应答；设备：正在连接设备）'],
    ] as const) {
      const { auto, written } = rig(language);
      auto.onLinkChange({ ...change('up', T0), from: 'down', reason: { code: 'connecting' } });
      expect(written).toEqual([text]);
    }
  });

  it('logs orders received and the crew’s steps on them, once per step', () => {
    const { auto, written } = rig();
    const order = {
      kind: 'order',
      id: '0190a0b0-0000-7000-8000-000000000001',
      body: { text: 'Survey the dike at Qingshan\nthen report', from: 'desk', requireAck: true },
      state: null,
      stateReason: null,
    } as unknown as InboxItemView;
    auto.onInboxAdded([order]);
    auto.onInboxChanged([{ ...order, state: 'acknowledged' } as InboxItemView]);
    auto.onInboxChanged([{ ...order, state: 'acknowledged' } as InboxItemView]);
    auto.onInboxChanged([{ ...order, state: 'cannot-do', stateReason: 'road closed' } as InboxItemView]);
    expect(written).toEqual([
      'order: Order received: Survey the dike at Qingshan',
      'order: Order "Survey the dike at Qingshan": acknowledged',
      'order: Order "Survey the dike at Qingshan": cannot do (road closed)',
    ]);
  });

  it('logs reports as the center takes them, not those delivered before the start', () => {
    const { auto, written, setDelivered } = rig();
    setDelivered([{ deliveredAt: T0 - 1, stage: 'first', number: 0 }]);
    auto.onSyncStatus(status({ delivered: 5 }), T0);
    setDelivered([
      { deliveredAt: T0 - 1, stage: 'first', number: 0 },
      { deliveredAt: T0 + 10, stage: 'followup', number: 2 },
    ]);
    auto.onSyncStatus(status({ delivered: 6 }), T0 + 20);
    auto.onSyncStatus(status({ delivered: 6 }), T0 + 30);
    expect(written).toEqual(['report: Report delivered to the center: follow-up 2']);
  });

  it('logs a live video session once when it starts and when it ends, with its length', () => {
    const { auto, written } = rig();
    auto.onVideoSession(true, 'VSAT-A', T0);
    auto.onVideoSession(true, 'VSAT-A', T0 + 1000);
    auto.onVideoSession(false, undefined, T0 + 12 * 60_000);
    auto.onVideoSession(false, undefined, T0 + 13 * 60_000);
    expect(written).toEqual([
      'video: Live video to the center started (over VSAT-A)',
      'video: Live video to the center ended after 12 min',
    ]);
  });

  it('logs the center’s 签收 of a report as an exchange brings it down', () => {
    const { auto, written } = rig();
    auto.onReportsAcked([{ by: 'Desk Wang' }]);
    auto.onReportsAcked([]);
    expect(written).toEqual(['report: Report receipted at the center by Desk Wang']);
  });

  it('says when the center has been unreachable for a while, once, and when it is back', () => {
    const { auto, written } = rig();
    const failing = status({ state: 'backoff', lastContactAt: T0, lastError: { at: T0 + 1_000, code: 'unreachable', message: 'x' } });
    auto.onSyncStatus(failing, T0 + 1_000);
    auto.tick(T0 + SYNC_TROUBLE_AFTER_MS);
    expect(written).toEqual([]);
    auto.tick(T0 + 1_000 + SYNC_TROUBLE_AFTER_MS);
    auto.tick(T0 + 1_000 + 2 * SYNC_TROUBLE_AFTER_MS);
    expect(written).toEqual(['sync: Center unreachable for 5 min (unreachable)']);
    auto.onSyncStatus(status({ lastContactAt: T0 + 1_000 + 12 * 60_000, lastError: failing.lastError }), T0 + 1_000 + 12 * 60_000);
    expect(written).toEqual(['sync: Center unreachable for 5 min (unreachable)', 'sync: Center reachable again after 12 min']);
  });

  it('says nothing about a short outage', () => {
    const { auto, written } = rig();
    auto.onSyncStatus(
      status({ state: 'backoff', lastContactAt: T0, lastError: { at: T0 + 1_000, code: 'timeout', message: 'x' } }),
      T0 + 1_000,
    );
    auto.onSyncStatus(status({ lastContactAt: T0 + 60_000 }), T0 + 60_000);
    expect(written).toEqual([]);
  });
});
