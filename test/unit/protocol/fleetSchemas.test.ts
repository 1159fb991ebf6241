import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor } from '../../../protocol/sync/codec';
import { ExchangeRequest, ExchangeResponse } from '../../../protocol/sync/exchange';
import { FleetAnswer, FleetEntry, MAX_FLEET_ENTRIES, fleetEntryOf, fleetPositionOf } from '../../../protocol/sync/fleet';

const answer = { ack: 0, accepted: [], rejected: [], deferred: [], down: [], moreDown: false, serverTime: 1 };
const entry = (id = 'v-0a1b2c'): FleetEntry => [id, '应急二号', 3_060_123, 11_430_456, 1_790_000_000, 3];

describe('fleet positions on the wire', () => {
  it('turn a position into a compact entry and back (1e-5°, whole seconds)', () => {
    const wire = fleetEntryOf({
      vehicleId: 'v-0a1b2c',
      name: 'MCV-02',
      latitude: 30.601234,
      longitude: 114.304567,
      fix: '3d',
      fixAt: 1_790_000_000_999,
    });
    expect(wire).toEqual(['v-0a1b2c', 'MCV-02', 3_060_123, 11_430_457, 1_790_000_000, 3]);
    expect(fleetPositionOf(wire)).toEqual({
      vehicleId: 'v-0a1b2c',
      name: 'MCV-02',
      latitude: 30.60123,
      longitude: 114.30457,
      fix: '3d',
      fixAt: 1_790_000_000_000,
    });
    // A vehicle costs about 35 bytes in CBOR, name included.
    expect(encodeCbor(wire).length).toBeLessThanOrEqual(36);
  });

  it('refuse a bad entry: latitude beyond 90°, a fraction of 1e-5°, no name, an unknown fix', () => {
    expect(FleetEntry.safeParse(entry()).success).toBe(true);
    expect(FleetEntry.safeParse(['v-1', 'A', 9_000_001, 0, 1, 3]).success).toBe(false);
    expect(FleetEntry.safeParse(['v-1', 'A', 1.5, 0, 1, 3]).success).toBe(false);
    expect(FleetEntry.safeParse(['v-1', '', 0, 0, 1, 3]).success).toBe(false);
    expect(FleetEntry.safeParse(['v-1', 'A', 0, 0, 1, 4]).success).toBe(false);
    expect(FleetEntry.safeParse(['v-1', 'A', 0, 0, -1, 3]).success).toBe(false);
    // One bad entry refuses the whole answer (the console keeps nothing of it).
    expect(ExchangeResponse.safeParse({ ...answer, fleet: { rev: 3, vehicles: [entry(), ['v-1', 'A', 0, 0, 1, 4]] } }).success).toBe(false);
  });

  it('take at most 500 vehicles in one answer, and no unknown key', () => {
    const many = Array.from({ length: MAX_FLEET_ENTRIES }, (_, i) => entry(`v-${i}`));
    expect(FleetAnswer.safeParse({ rev: 600, vehicles: many }).success).toBe(true);
    expect(FleetAnswer.safeParse({ rev: 601, vehicles: [...many, entry('v-x')] }).success).toBe(false);
    expect(FleetAnswer.safeParse({ rev: 1, vehicles: [], more: true }).success).toBe(false);
  });

  it('are optional keys of the exchange, checked when present', () => {
    const request = { v: 1, items: [], downAck: 0 };
    expect(ExchangeRequest.safeParse(request).success).toBe(true);
    expect(ExchangeRequest.safeParse({ ...request, fleetSince: 0 }).success).toBe(true);
    expect(ExchangeRequest.safeParse({ ...request, fleetSince: -1 }).success).toBe(false);
    expect(ExchangeRequest.safeParse({ ...request, fleetSince: 2.5 }).success).toBe(false);
    expect(ExchangeResponse.safeParse(answer).success).toBe(true);
    const withFleet = ExchangeResponse.parse(decodeCbor(encodeCbor({ ...answer, fleet: { rev: 7, vehicles: [entry()] } })));
    expect(withFleet.fleet).toEqual({ rev: 7, vehicles: [entry()] });
  });
});
