import { describe, expect, it } from 'vitest';
import type { DeskVehicle } from '../../../../protocol/sync/desk';
import { fleetMarkers } from '../../../../renderer/desk/map/fleetMapModel';

const NOW = 1_800_000_000_000;

function vehicle(id: string, overrides: Partial<DeskVehicle>): DeskVehicle {
  return {
    id,
    name: id.toUpperCase(),
    lastContactAt: NOW - 5_000,
    position: { latitude: 30.6, longitude: 114.3, fix: '3d', at: NOW - 60_000 },
    links: [{ id: 'lte', name: 'LTE', kind: 'cellular', state: 'up' }],
    linksAt: NOW - 5_000,
    upAck: 0,
    itemCount: 0,
    downPending: 0,
    queued: null,
    queuedAt: null,
    unread: 0,
    openOrders: 0,
    overdueOrders: 0,
    ...overrides,
  };
}

describe('fleetMarkers', () => {
  it('places each vehicle at its last position with the age of that position', () => {
    const { markers, unplaced } = fleetMarkers([vehicle('mcv-07', {})], NOW, 20_000, new Set());
    expect(unplaced).toBe(0);
    expect(markers).toEqual([
      {
        id: 'mcv-07',
        name: 'MCV-07',
        at: [30.6, 114.3],
        positionAgeMs: 60_000,
        tone: 'up',
        contactAgeMs: 5_000,
        links: [{ id: 'lte', name: 'LTE', kind: 'cellular', state: 'up' }],
        live: false,
      },
    ]);
  });

  it('colours by the worst link, grey when silent past the stale limit, and marks live video', () => {
    const { markers } = fleetMarkers(
      [
        vehicle('a', { links: [{ id: 'l', name: 'L', kind: 'cellular', state: 'down' }] }),
        vehicle('b', { links: [] }),
        vehicle('c', { lastContactAt: NOW - 30_000 }),
        vehicle('d', { lastContactAt: null }),
        vehicle('e', {}),
      ],
      NOW,
      20_000,
      new Set(['e']),
    );
    expect(markers.map((m) => [m.id, m.tone, m.live])).toEqual([
      ['a', 'down', false],
      ['b', 'unknown', false],
      ['c', 'silent', false],
      ['d', 'silent', false],
      ['e', 'up', true],
    ]);
    // The silent ones carry why: since when (or never) the center heard from them.
    expect(markers.find((m) => m.id === 'c')!.contactAgeMs).toBe(30_000);
    expect(markers.find((m) => m.id === 'd')!.contactAgeMs).toBeNull();
  });

  it('counts vehicles with no position apart instead of drawing them anywhere', () => {
    const { markers, unplaced } = fleetMarkers([vehicle('a', { position: null }), vehicle('b', {})], NOW, 20_000, new Set());
    expect(markers.map((m) => m.id)).toEqual(['b']);
    expect(unplaced).toBe(1);
  });
});
