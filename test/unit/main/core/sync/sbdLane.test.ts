import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { MoOutcome } from '../../../../../native/iridium/sbdMoTypes';
import { SbdSendConfig } from '../../../../../protocol/config/sbdSendConfig';
import type { LinkStatus } from '../../../../../protocol/links/linkStatus';
import { decodeSbdItems } from '../../../../../protocol/sbd/sbdPayload';
import type { Priority } from '../../../../../protocol/sync/items';
import { uuidv7 } from '../../../../../protocol/sync/uuid';
import type { SbdPort } from '../../../../../main/core/links/sbdPort';
import { enqueueOutbox, markDelivered, parkOutbox, requeueParked } from '../../../../../main/core/store/outboxRepo';
import { sbdAwaitingConfirmation, sbdMonth } from '../../../../../main/core/store/sbdRepo';
import { Store } from '../../../../../main/core/store/Store';
import { SbdLane, type IpState } from '../../../../../main/core/sync/sbd/SbdLane';
import { useTempDirs } from '../../../../support/tempDir';
import { waitFor } from '../../../../support/waitFor';

const tempDir = useTempDirs();
const VEHICLE = 'mcv-07';
const T0 = Date.UTC(2026, 11, 6, 12);

/** A transceiver that answers each message with the next scripted outcome (default: sent), or holds it until released. */
class ScriptedPort implements SbdPort {
  readonly sent: Array<{ bytes: Uint8Array; signal: AbortSignal | undefined }> = [];
  outcomes: Array<'sent' | 'parked' | 'hold'> = [];
  /** When the gateway takes a message. */
  at = T0;
  #momsn = 0;

  sendMo(bytes: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<MoOutcome> {
    this.sent.push({ bytes, signal: options.signal });
    const next = this.outcomes.shift() ?? 'sent';
    const base = { id: this.sent.length, attempts: 1, at: this.at };
    if (next === 'sent') return Promise.resolve({ ...base, status: 'sent', moStatus: 0, momsn: ++this.#momsn });
    if (next === 'parked')
      return Promise.resolve({ ...base, status: 'parked', moStatus: 15, reason: 'access-denied', detail: 'access is denied' });
    return new Promise((resolve) =>
      options.signal?.addEventListener('abort', () => resolve({ ...base, status: 'cancelled', reason: 'withdrawn', detail: 'withdrawn' })),
    );
  }

  onMt(): () => void {
    return () => {};
  }
}

function setup(config: Partial<SbdSendConfig> = {}, linkState: LinkStatus['state'] = 'up') {
  const store = Store.open({ file: join(tempDir(), 'console.db') });
  const port = new ScriptedPort();
  const ip: Record<Priority, IpState> = { flash: 'none', immediate: 'none', priority: 'none', routine: 'none', bulk: 'none' };
  const clock = { now: T0 };
  const changed: number[][] = [];
  const status = { id: 'iridium-1', name: 'Iridium 9603', state: linkState } as LinkStatus;
  const lane = new SbdLane({
    store,
    config: SbdSendConfig.parse(config),
    ports: () => [{ status, port }],
    ipState: (p) => ip[p],
    identity: () => ({ vehicleId: VEHICLE, seqOffset: 0 }),
    onItems: (seqs) => changed.push(seqs),
    onChanged: () => {},
    now: () => clock.now,
  });
  const enqueue = (priority: Priority, text = `text ${priority}`, createdAt = clock.now) =>
    enqueueOutbox(store.db, { id: uuidv7(createdAt), kind: 'message', priority, createdAt, body: { text }, bytes: 40 });
  const settle = async () => {
    lane.wake();
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  return { store, port, ip, clock, changed, lane, enqueue, settle, status };
}

describe('SbdLane', () => {
  it('packs flash and immediate items into one message while no IP link can carry them; routine waits', async () => {
    const t = setup();
    const flash = t.enqueue('flash', '北川县城道路塌方');
    const immediate = t.enqueue('immediate');
    t.enqueue('routine');
    await t.settle();
    expect(t.port.sent).toHaveLength(1);
    const items = decodeSbdItems(t.port.sent[0]!.bytes, 'mo', VEHICLE);
    expect(items.map((i) => [i.seq, i.priority])).toEqual([
      [flash, 'flash'],
      [immediate, 'immediate'],
    ]);
    expect(sbdMonth(t.store.db, T0)).toMatchObject({ messages: 1, bytes: t.port.sent[0]!.bytes.length });
    expect(t.changed).toContainEqual([flash, immediate]);
    // Never sent by SBD twice, though the items stay queued until the center confirms them over IP.
    await t.settle();
    expect(t.port.sent).toHaveLength(1);
    expect(t.lane.view()).toMatchObject({ awaitingConfirmation: 2, month: { messages: 1 }, held: null, link: { id: 'iridium-1' } });
    t.lane.close();
    t.store.close();
  });

  it('sends nothing while IP carries the priority, and waits out a short IP backoff before spending a message', async () => {
    const t = setup();
    t.ip.flash = 'open';
    t.enqueue('flash');
    await t.settle();
    expect(t.port.sent).toHaveLength(0);
    t.ip.flash = 'backing-off';
    await t.settle();
    expect(t.port.sent).toHaveLength(0);
    t.clock.now = T0 + 61_000;
    await t.settle();
    expect(t.port.sent).toHaveLength(1);
    t.lane.close();
    t.store.close();
  });

  it('past the monthly budget only flash items go, and the view says why the others wait', async () => {
    const t = setup({ monthlyMessages: 1 });
    t.enqueue('immediate', 'first');
    await t.settle();
    expect(t.port.sent).toHaveLength(1);
    t.enqueue('immediate', 'second');
    await t.settle();
    expect(t.port.sent).toHaveLength(1);
    expect(t.lane.view()?.held).toMatchObject({ code: 'monthly-budget', items: 1 });
    t.enqueue('flash', 'urgent');
    await t.settle();
    expect(t.port.sent).toHaveLength(2);
    expect(decodeSbdItems(t.port.sent[1]!.bytes, 'mo', VEHICLE).map((i) => i.priority)).toEqual(['flash']);
    t.lane.close();
    t.store.close();
  });

  it('refuses an item too large for one message with the reason, never splits it, and sends the rest', async () => {
    const t = setup();
    const large = t.enqueue('flash', '长'.repeat(400));
    const small = t.enqueue('flash', 'short');
    await t.settle();
    expect(t.port.sent).toHaveLength(1);
    expect(decodeSbdItems(t.port.sent[0]!.bytes, 'mo', VEHICLE).map((i) => i.seq)).toEqual([small]);
    const row = t.store.db.prepare('SELECT sbd_refused, state FROM outbox WHERE seq = ?').get(large) as {
      sbd_refused: string;
      state: string;
    };
    expect(row.state).toBe('queued');
    expect(row.sbd_refused).toMatch(/bytes encoded.*never split/);
    t.lane.close();
    t.store.close();
  });

  it('a message the transceiver refuses for good is held with the reason; the items wait for IP', async () => {
    const t = setup();
    t.port.outcomes = ['parked'];
    t.enqueue('flash');
    await t.settle();
    expect(t.lane.view()?.held).toMatchObject({ code: 'transceiver-refused', items: 1 });
    expect(t.lane.view()?.held?.detail).toContain('access is denied');
    expect(sbdMonth(t.store.db, T0).messages).toBe(0);
    await t.settle();
    expect(t.port.sent).toHaveLength(1);
    t.lane.close();
    t.store.close();
  });

  it('withdraws a message still waiting for its session when IP can take it, and says when no Iridium link is up', async () => {
    const t = setup();
    t.port.outcomes = ['hold'];
    t.enqueue('flash');
    t.lane.wake();
    await waitFor('on the air', () => t.lane.view()?.sending !== null);
    t.ip.flash = 'open';
    t.lane.onPolicy();
    await waitFor('withdrawn', () => t.lane.view()?.sending === null);
    expect(t.port.sent[0]!.signal?.aborted).toBe(true);
    expect(sbdMonth(t.store.db, T0).messages).toBe(0);
    t.ip.flash = 'none';
    t.status.state = 'down';
    await t.settle();
    expect(t.lane.view()).toMatchObject({ link: null, held: { code: 'no-sbd-link', items: 1 } });
    t.lane.close();
    t.store.close();
  });

  it('keeps the month’s use and the count awaiting confirmation in memory, exact across a send, a confirmation and the month’s turn', async () => {
    const t = setup();
    const db = t.store.db;
    /** The figures as the database has them now: what the view must show. */
    const truth = () => {
      const month = sbdMonth(db, t.clock.now);
      return {
        month: { messages: month.messages, bytes: month.bytes },
        lastSentAt: month.lastSentAt,
        awaitingConfirmation: sbdAwaitingConfirmation(db),
      };
    };
    const figures = () => {
      const view = t.lane.view()!;
      return { month: view.month, lastSentAt: view.lastSentAt, awaitingConfirmation: view.awaitingConfirmation };
    };
    expect(figures()).toEqual({ month: { messages: 0, bytes: 0 }, lastSentAt: null, awaitingConfirmation: 0 });

    // Send: two items in one message.
    const flash = t.enqueue('flash');
    const immediate = t.enqueue('immediate');
    await t.settle();
    const bytes = t.port.sent[0]!.bytes.length;
    expect(figures()).toEqual({ month: { messages: 1, bytes }, lastSentAt: T0, awaitingConfirmation: 2 });
    expect(figures()).toEqual(truth());

    // Read from memory: another view asks the database for neither figure.
    const prepare = vi.spyOn(db, 'prepare');
    t.lane.view();
    const asked = prepare.mock.calls.map(([sql]) => sql);
    prepare.mockRestore();
    expect(asked.filter((sql) => sql.includes('sbd_messages') || sql.includes('sbd_message IS NOT NULL'))).toEqual([]);

    // Confirmed over IP (the engine says items changed state): one left awaiting.
    markDelivered(db, [flash], T0 + 1_000);
    t.lane.itemsSettled();
    expect(figures()).toEqual({ month: { messages: 1, bytes }, lastSentAt: T0, awaitingConfirmation: 1 });
    // Parked, then queued again by the operator.
    parkOutbox(db, immediate, 'invalid', 'refused');
    t.lane.itemsSettled();
    expect(figures().awaitingConfirmation).toBe(0);
    requeueParked(db, immediate);
    t.lane.itemsSettled();
    expect(figures()).toEqual(truth());
    expect(figures().awaitingConfirmation).toBe(1);

    // The month turns (the clock alone): nothing sent yet this month, the item still awaits.
    t.clock.now = Date.UTC(2027, 0, 10, 12);
    expect(figures()).toEqual({ month: { messages: 0, bytes: 0 }, lastSentAt: null, awaitingConfirmation: 1 });
    expect(figures()).toEqual(truth());

    // A message in the new month counts in it.
    t.port.at = t.clock.now;
    t.enqueue('flash', 'new month');
    await t.settle();
    const newBytes = t.port.sent[1]!.bytes.length;
    expect(figures()).toEqual({ month: { messages: 1, bytes: newBytes }, lastSentAt: t.clock.now, awaitingConfirmation: 2 });
    expect(figures()).toEqual(truth());
    t.lane.close();
    t.store.close();
  });
});
