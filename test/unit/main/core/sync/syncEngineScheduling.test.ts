import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../../../main/core/ops/AttachmentService';
import { messagesForSeqs } from '../../../../../main/core/store/messagesRepo';
import { maxOutboxSeq } from '../../../../../main/core/store/outboxRepo';
import { CenterRequestError } from '../../../../../main/core/sync/CenterRequestError';
import { T0, useSyncEngineRig, type SyncEngineRig } from '../../../../support/syncEngineRig';
import { waitFor } from '../../../../support/waitFor';

/** Long enough for everything the engine does at once (a 0 ms wake, in-memory answers, SQLite). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const never = new Promise<void>(() => undefined);

/** Starts the engine with one bulk item whose exchange over VSAT the center holds until `until` settles; resolves with its seq once it is on the air. */
async function bulkOnTheAir({ center, engine, message }: SyncEngineRig, until = never): Promise<number> {
  center.when((call) => (call.method === 'exchange' && call.linkId === 'vsat' ? { until } : undefined), 1);
  const bulk = message('inventory', 'bulk');
  engine.start();
  await center.waitForCalls(2);
  return bulk;
}

describe('SyncEngine scheduling (scripted center)', () => {
  const rig = useSyncEngineRig();

  it('sends flash before immediate before routine before bulk, each class on the link the policy gives it', async () => {
    const { engine, center, message, outbox } = rig({ routes: { control: '5g', flash: '5g', routine: 'vsat', bulk: 'hf' } });
    // Queued least urgent first, so order by seq would be the wrong order.
    const bulk = message('log file index', 'bulk');
    const routine = message('fuel at 60 %', 'routine');
    const immediate = message('road blocked at km 12', 'immediate');
    const flash = message('casualty, need medevac', 'flash');
    engine.start();
    await waitFor('all delivered', () => [bulk, routine, immediate, flash].every((seq) => outbox(seq).state === 'delivered'), 2000, 5);
    expect(center.describe()).toBe(`hello@5g exchange@5g[${flash}] exchange@vsat[${immediate},${routine}] exchange@hf[${bulk}]`);
    expect(center.calls.slice(1).map((c) => c.items.map((i) => i.priority))).toEqual([['flash'], ['immediate', 'routine'], ['bulk']]);
  });

  it('does not lose a wake that comes while a poll is on the air: the new item goes when the poll ends, not a poll interval later', async () => {
    const { engine, center, message, outbox } = rig({ routes: { control: '5g', routine: '5g' } });
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    center.when((call) => (call.method === 'exchange' && call.items.length === 0 ? { until } : undefined), 1);
    engine.start();
    await center.waitForCalls(2);
    const seq = message('written during the poll');
    engine.wake();
    // The poll ends before the wake's 0 ms timer fires: the run ending must not plan its next look over the wake.
    release();
    await waitFor('the new item delivered', () => outbox(seq).state === 'delivered', 2000, 5);
    expect(center.describe()).toBe(`hello@5g exchange@5g[] exchange@5g[${seq}]`);
  });

  it('stops an exchange in flight for a more urgent item whose class goes on another link, and sends both without a failure', async () => {
    const engineRig = rig({ routes: { flash: '5g', bulk: 'vsat' } });
    const { engine, center, message, outbox } = engineRig;
    const bulk = await bulkOnTheAir(engineRig);
    const flash = message('evacuate now', 'flash');
    engine.wake();
    await waitFor('both delivered', () => outbox(bulk).state === 'delivered' && outbox(flash).state === 'delivered', 2000, 5);
    expect(center.describe()).toBe(`hello@5g exchange@vsat[${bulk}]! exchange@5g[${flash}] exchange@vsat[${bulk}]`);
    // Preempted is not failed: no attempt counted, no backoff.
    expect(outbox(bulk).attempts).toBe(0);
    expect(engine.status().nextAttemptAt).toBeNull();
  });

  it('lets a more urgent item for the same link wait for the exchange in flight', async () => {
    const engineRig = rig({ routes: { flash: 'vsat', bulk: 'vsat' } });
    const { engine, center, message, outbox } = engineRig;
    let answer = () => undefined as void;
    const bulk = await bulkOnTheAir(engineRig, new Promise<void>((resolve) => (answer = resolve)));
    const flash = message('evacuate now', 'flash');
    engine.wake();
    await settle();
    expect(center.describe()).toBe(`hello@5g exchange@vsat[${bulk}]`);
    answer();
    await waitFor('flash delivered', () => outbox(flash).state === 'delivered', 2000, 5);
    expect(center.describe()).toBe(`hello@5g exchange@vsat[${bulk}] exchange@vsat[${flash}]`);
  });

  it('stops an exchange in flight when the policy moves its class off its link, and sends it on the new one', async () => {
    const engineRig = rig({ routes: { bulk: 'vsat' } });
    const { center, outbox, route } = engineRig;
    const bulk = await bulkOnTheAir(engineRig);
    route({ bulk: 'hf' });
    await waitFor('delivered', () => outbox(bulk).state === 'delivered', 2000, 5);
    expect(center.describe()).toBe(`hello@5g exchange@vsat[${bulk}]! exchange@hf[${bulk}]`);
    // Stopped on purpose is not a failure: the Sync view shows none ("stopped for something more urgent" misled operators).
    expect(outbox(bulk).attempts).toBe(0);
    expect(engineRig.engine.status().lastError).toBeNull();
  });

  it('backs off a failing link exponentially with jitter, does not slow another link, and retries at once on a policy change', async () => {
    const { engine, center, clock, message, outbox, route, store } = rig({
      routes: { control: 'vsat', routine: '5g', bulk: 'vsat' },
      random: () => 0.5,
    });
    let fiveGDown = true;
    center.when((call) =>
      call.linkId === '5g' && fiveGDown
        ? { fail: new CenterRequestError('transient', 'unreachable', 'cannot reach the center at 5g.center.test: ECONNREFUSED') }
        : undefined,
    );
    const routine = message('fuel at 60 %');
    const bulk = message('log file index', 'bulk');
    engine.start();
    await waitFor('bulk delivered over VSAT', () => outbox(bulk).state === 'delivered', 2000, 5);
    expect(center.describe()).toBe(`hello@vsat exchange@5g[${routine}] exchange@vsat[${bulk}]`);
    expect(outbox(routine)).toMatchObject({ state: 'queued', attempts: 1 });
    // The failure is kept with its code, which the Messages view shows translated (the message is detail).
    expect(outbox(routine).lastError).toBe('unreachable: cannot reach the center at 5g.center.test: ECONNREFUSED');
    expect(messagesForSeqs(store.db, [routine])[0]?.delivery).toMatchObject({ lastErrorCode: 'unreachable', attempts: 1 });
    // First failure: a 1 s ceiling, half of it fixed and half jitter (random 0.5): 750 ms.
    expect(engine.status().nextAttemptAt).toBe(T0 + 750);

    clock.now = T0 + 749;
    engine.wake();
    await settle();
    expect(center.calls).toHaveLength(3);
    clock.now = T0 + 750;
    engine.wake();
    await center.waitForCalls(4);
    // Second failure: the ceiling doubles to 2 s: 1500 ms from now.
    await waitFor('second backoff', () => engine.status().nextAttemptAt === T0 + 750 + 1500, 2000, 5);

    // A link coming up (any policy change) retries at once, the clock unmoved.
    fiveGDown = false;
    route({});
    await waitFor('routine delivered', () => outbox(routine).state === 'delivered', 2000, 5);
    expect(center.describe(center.calls.slice(3))).toBe(`exchange@5g[${routine}] exchange@5g[${routine}]`);
    expect(engine.status().nextAttemptAt).toBeNull();
  });

  it('uploads a file beside the exchanges and sends its item only once the center holds the whole file', async () => {
    const { engine, center, store, attachmentsDir, outbox } = rig({ routes: { bulk: 'vsat' } });
    const source = join(attachmentsDir, '..', 'photo.jpg');
    writeFileSync(source, Buffer.alloc(3000, 7));
    const attachments = new AttachmentService({ store, dir: attachmentsDir, onOutbox: () => engine.wake() });
    const view = await attachments.add({ sourcePath: source, priority: 'bulk' });
    const seq = maxOutboxSeq(store.db);
    engine.start();
    await waitFor('delivered', () => outbox(seq).state === 'delivered', 2000, 5);
    expect(center.files.get(view.id)).toEqual({ attachmentId: view.id, offset: 3000, size: 3000, complete: true });
    const order = center.calls.map((c) => `${c.method}@${c.linkId}${c.items.length > 0 ? `[${c.items.map((i) => i.seq).join(',')}]` : ''}`);
    expect(order.indexOf(`exchange@vsat[${seq}]`)).toBeGreaterThan(order.indexOf('patchAttachment@vsat'));
    expect(order.filter((c) => c.startsWith('createAttachment') || c.startsWith('patchAttachment'))).toEqual([
      'createAttachment@vsat',
      'patchAttachment@vsat',
    ]);
  });
});
