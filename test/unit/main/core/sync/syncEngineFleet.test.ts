import { describe, expect, it } from 'vitest';
import { fleetSince, listFleet } from '../../../../../main/core/store/fleetRepo';
import type { FleetPositionView } from '../../../../../protocol/api/fleet';
import { useSyncEngineRig, VEHICLE_ID } from '../../../../support/syncEngineRig';
import { waitFor } from '../../../../support/waitFor';

const S = 1_800_000_000; // seconds
/**
 * Lets the engine's round end before the test queues more: a wake() in the last microtasks of
 * a round is lost until the next poll (SyncEngine#planWake replaces its timer with the poll timer).
 */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('SyncEngine and the other vehicles of the center (fleet, scripted center)', () => {
  const rig = useSyncEngineRig();

  it('asks from the revision it holds, keeps the answer and tells who moved', async () => {
    const { engine, center, store, message, fleet } = rig({ fleet: true });
    center.fleet = { rev: 3, vehicles: [['v-b', 'MCV-B', 3_060_000, 11_430_000, S, 3]] };
    const told: FleetPositionView[][] = [];
    fleet!.on('changed', (positions) => told.push(positions));
    engine.start();
    await waitFor('the fleet kept', () => fleetSince(store.db, VEHICLE_ID) === 3, 2000, 5);
    expect(center.calls.filter((c) => c.method === 'exchange').map((c) => c.fleetSince)).toEqual([0]);
    expect(listFleet(store.db)).toMatchObject([{ vehicleId: 'v-b', name: 'MCV-B', latitude: 30.6, longitude: 114.3, fixAt: S * 1000 }]);
    expect(told).toEqual([listFleet(store.db)]);

    // Nothing moved since: the revision goes up, no news.
    center.fleet = { rev: 4, vehicles: [] };
    await settle();
    const seq = message('status');
    engine.wake();
    await waitFor('sent', () => center.calls.some((c) => c.items.some((i) => i.seq === seq)), 2000, 5);
    await waitFor('the fleet kept', () => fleetSince(store.db, VEHICLE_ID) === 4, 2000, 5);
    expect(center.calls.filter((c) => c.method === 'exchange').map((c) => c.fleetSince)).toEqual([0, 3]);
    expect(told).toHaveLength(1);
  });

  it('asks only over the link routine traffic goes on: a flash-only link (HF) carries no fleet', async () => {
    const { engine, center, message } = rig({ fleet: true, routes: { control: 'hf', flash: 'hf', routine: 'vsat' } });
    engine.start();
    await center.waitForCalls(2);
    await settle();
    const seq = message('routine report');
    engine.wake();
    await waitFor('routine sent', () => center.calls.some((c) => c.items.some((i) => i.seq === seq)), 2000, 5);
    await settle();
    const flash = message('flash', 'flash');
    engine.wake();
    await waitFor('flash sent', () => center.calls.some((c) => c.items.some((i) => i.seq === flash)), 2000, 5);
    const exchanges = center.calls.filter((c) => c.method === 'exchange').map((c) => `${c.linkId}:${c.fleetSince ?? '-'}`);
    expect(exchanges).toEqual(['hf:-', 'vsat:0', 'hf:-']);
  });

  it('asks for no fleet over a link as narrow as HF data even when routine traffic goes on it', async () => {
    const { engine, center } = rig({ fleet: true, routes: { control: 'hf', routine: 'hf' } });
    engine.start();
    await center.waitForCalls(2);
    expect(center.calls.map((c) => `${c.method}@${c.linkId}:${c.fleetSince ?? '-'}`)).toEqual(['hello@hf:-', 'exchange@hf:-']);
  });

  it('asks for no fleet when no link carries routine traffic', async () => {
    const { engine, center } = rig({ fleet: true, routes: { routine: null } });
    engine.start();
    await center.waitForCalls(2);
    expect(center.calls.map((c) => `${c.method}@${c.linkId}:${c.fleetSince ?? '-'}`)).toEqual(['hello@5g:-', 'exchange@5g:-']);
  });
  it('delivers the exchange’s items even when the fleet cannot be kept (logged; asked again next time)', async () => {
    const { engine, center, store, message, outbox } = rig({ fleet: true });
    center.fleet = { rev: 3, vehicles: [['v-b', 'MCV-B', 3_060_000, 11_430_000, S, 3]] };
    store.db.exec('DROP TABLE fleet_positions');
    const seq = message('fuel at 60 %');
    engine.start();
    await waitFor('delivered', () => outbox(seq).state === 'delivered', 2000, 5);
    expect(fleetSince(store.db, VEHICLE_ID)).toBe(0);
    expect(engine.status().lastError).toBeNull();
  });
});
