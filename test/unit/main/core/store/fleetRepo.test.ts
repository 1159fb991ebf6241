import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../../main/core/store/migrations/index';
import { applyFleetAnswer, fleetSince, listFleet } from '../../../../../main/core/store/fleetRepo';
import { migrate } from '../../../../../platform/sqlite/migrations';
import type { FleetEntry } from '../../../../../protocol/sync/fleet';

const ME = 'v-me';
const S = 1_790_000_000; // seconds

function db(): Database.Database {
  const d = new Database(':memory:');
  migrate(d, MIGRATIONS);
  return d;
}
const b = (fixAt: number, lat = 3_060_000): FleetEntry => ['v-b', 'MCV-B', lat, 11_430_000, fixAt, 3];
const c = (fixAt: number): FleetEntry => ['v-c', 'MCV-C', 3_061_000, 11_431_000, fixAt, 2];

describe('fleet positions kept by the console', () => {
  it('keeps each vehicle once and advances the held revision', () => {
    const d = db();
    expect(fleetSince(d, ME)).toBe(0);
    expect(applyFleetAnswer(d, { vehicleId: ME, since: 0, answer: { rev: 4, vehicles: [b(S), c(S + 5)] }, now: 1000 })).toBe(true);
    expect(fleetSince(d, ME)).toBe(4);
    expect(listFleet(d)).toEqual([
      { vehicleId: 'v-b', name: 'MCV-B', latitude: 30.6, longitude: 114.3, fix: '3d', fixAt: S * 1000, receivedAt: 1000 },
      { vehicleId: 'v-c', name: 'MCV-C', latitude: 30.61, longitude: 114.31, fix: '2d', fixAt: (S + 5) * 1000, receivedAt: 1000 },
    ]);
    // Nothing new: the revision still moves, nothing changed.
    expect(applyFleetAnswer(d, { vehicleId: ME, since: 4, answer: { rev: 6, vehicles: [] }, now: 2000 })).toBe(false);
    expect(fleetSince(d, ME)).toBe(6);
  });

  it('ignores an entry older than the one held for that vehicle, and takes a newer one', () => {
    const d = db();
    applyFleetAnswer(d, { vehicleId: ME, since: 0, answer: { rev: 2, vehicles: [b(S + 60, 3_070_000)] }, now: 1000 });
    expect(applyFleetAnswer(d, { vehicleId: ME, since: 2, answer: { rev: 3, vehicles: [b(S, 3_050_000)] }, now: 2000 })).toBe(false);
    expect(listFleet(d)).toMatchObject([{ vehicleId: 'v-b', latitude: 30.7, fixAt: (S + 60) * 1000, receivedAt: 1000 }]);
    expect(fleetSince(d, ME)).toBe(3);
    expect(applyFleetAnswer(d, { vehicleId: ME, since: 3, answer: { rev: 5, vehicles: [b(S + 120, 3_080_000)] }, now: 3000 })).toBe(true);
    expect(listFleet(d)).toMatchObject([{ vehicleId: 'v-b', latitude: 30.8, fixAt: (S + 120) * 1000, receivedAt: 3000 }]);
  });

  it('drops the vehicles the center names gone (revoked)', () => {
    const d = db();
    applyFleetAnswer(d, { vehicleId: ME, since: 0, answer: { rev: 2, vehicles: [b(S), c(S)] }, now: 1000 });
    expect(applyFleetAnswer(d, { vehicleId: ME, since: 2, answer: { rev: 3, vehicles: [], gone: ['v-c', 'v-unknown'] }, now: 2000 })).toBe(
      true,
    );
    expect(listFleet(d).map((p) => p.vehicleId)).toEqual(['v-b']);
    expect(applyFleetAnswer(d, { vehicleId: ME, since: 3, answer: { rev: 3, vehicles: [], gone: ['v-unknown'] }, now: 3000 })).toBe(false);
  });

  it('asks for everything again when the center numbers below the held revision (restored from a backup)', () => {
    const d = db();
    applyFleetAnswer(d, { vehicleId: ME, since: 0, answer: { rev: 40, vehicles: [b(S)] }, now: 1000 });
    applyFleetAnswer(d, { vehicleId: ME, since: 40, answer: { rev: 12, vehicles: [] }, now: 2000 });
    expect(fleetSince(d, ME)).toBe(0);
    expect(listFleet(d)).toHaveLength(1);
  });

  it('starts afresh under another vehicle id (another token: another fleet), and never keeps its own position', () => {
    const d = db();
    applyFleetAnswer(d, { vehicleId: ME, since: 0, answer: { rev: 9, vehicles: [b(S)] }, now: 1000 });
    expect(fleetSince(d, 'v-other')).toBe(0);
    const mine: FleetEntry = [ME, 'ME', 0, 0, S, 3];
    expect(applyFleetAnswer(d, { vehicleId: 'v-other', since: 0, answer: { rev: 2, vehicles: [c(S), mine] }, now: 2000 })).toBe(true);
    expect(listFleet(d).map((p) => p.vehicleId)).toEqual(['v-c', 'v-me']);
    expect(applyFleetAnswer(d, { vehicleId: ME, since: 0, answer: { rev: 3, vehicles: [mine] }, now: 3000 })).toBe(true);
    expect(listFleet(d)).toEqual([]);
    expect(fleetSince(d, ME)).toBe(3);
  });
});
