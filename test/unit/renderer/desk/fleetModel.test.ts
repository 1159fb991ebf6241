import { describe, expect, it } from 'vitest';
import type { DeskVehicle } from '../../../../protocol/sync/desk';
import { fleetView, type FleetQuery } from '../../../../renderer/desk/fleet/fleetModel';
import { attention, contactOf, needsAttention, worstLink } from '../../../../renderer/desk/fleet/vehicleHealth';

const NOW = 1_800_000_000_000;
const MIN = 60_000;
const STALE = 10 * MIN;

function vehicle(id: string, patch: Partial<DeskVehicle> = {}): DeskVehicle {
  return {
    id,
    name: id.toUpperCase(),
    lastContactAt: NOW - MIN,
    position: null,
    links: [],
    linksAt: null,
    upAck: 0,
    itemCount: 0,
    downPending: 0,
    queued: null,
    queuedAt: null,
    unread: 0,
    openOrders: 0,
    overdueOrders: 0,
    ...patch,
  };
}

const context = { now: NOW, staleAfterMs: STALE, live: new Set(['b']) };
const query = (patch: Partial<FleetQuery> = {}): FleetQuery => ({ text: '', show: 'all', sort: 'attention', ...patch });

describe('vehicle contact', () => {
  it('a vehicle heard within its expected interval is in contact, with its age', () => {
    expect(contactOf(vehicle('a', { lastContactAt: NOW - 9 * MIN }), NOW, STALE)).toEqual({
      state: 'ok',
      at: NOW - 9 * MIN,
      ageMs: 9 * MIN,
    });
  });
  it('a vehicle silent longer than expected is stale, with the time and the interval', () => {
    expect(contactOf(vehicle('a', { lastContactAt: NOW - 14 * MIN }), NOW, STALE)).toEqual({
      state: 'stale',
      at: NOW - 14 * MIN,
      ageMs: 14 * MIN,
      expectedMs: STALE,
    });
  });
  it('a vehicle never heard from says so', () => {
    expect(contactOf(vehicle('a', { lastContactAt: null }), NOW, STALE)).toEqual({ state: 'never' });
  });
  it('a contact time ahead of the desk clock counts as now, never negative', () => {
    expect(contactOf(vehicle('a', { lastContactAt: NOW + 5000 }), NOW, STALE)).toMatchObject({ state: 'ok', ageMs: 0 });
  });
});

describe('worst link', () => {
  const link = (state: 'up' | 'down' | 'degraded' | 'unknown') => ({ id: state, name: state, kind: 'cellular', state });
  it('no links reported is none; all up is up; up with a down one is degraded; only down is down', () => {
    expect(worstLink(vehicle('a'))).toBe('none');
    expect(worstLink(vehicle('a', { links: [link('up'), link('up')] }))).toBe('up');
    expect(worstLink(vehicle('a', { links: [link('up'), link('down')] }))).toBe('degraded');
    expect(worstLink(vehicle('a', { links: [link('down'), link('unknown')] }))).toBe('down');
    expect(worstLink(vehicle('a', { links: [link('unknown')] }))).toBe('unknown');
  });
});

describe('fleet sorting and filtering', () => {
  const fleet = [
    vehicle('a'),
    vehicle('b', { unread: 3 }),
    vehicle('c', { lastContactAt: NOW - 30 * MIN }),
    vehicle('d', { openOrders: 2, overdueOrders: 1 }),
    vehicle('e', { lastContactAt: null, openOrders: 1 }),
  ];
  const ids = (list: DeskVehicle[]) => list.map((v) => v.id);

  it('attention first: silent vehicles, then overdue orders, then unread, then the rest by name', () => {
    expect(ids(fleetView(fleet, query(), context))).toEqual(['e', 'c', 'd', 'b', 'a']);
    expect(attention(fleet[2]!, NOW, STALE)).toBeGreaterThan(attention(fleet[3]!, NOW, STALE));
  });
  it('by name uses numeric order (MCV-2 before MCV-10)', () => {
    const named = [vehicle('x', { name: 'MCV-10' }), vehicle('y', { name: 'MCV-2' })];
    expect(ids(fleetView(named, query({ sort: 'name' }), context))).toEqual(['y', 'x']);
  });
  it('by contact puts the never-heard and the longest silent first', () => {
    expect(ids(fleetView(fleet, query({ sort: 'contact' }), context)).slice(0, 2)).toEqual(['e', 'c']);
  });
  it('filters: need attention, no contact, live, unread, open orders', () => {
    expect(ids(fleetView(fleet, query({ show: 'attention', sort: 'name' }), context))).toEqual(['b', 'c', 'd', 'e']);
    expect(ids(fleetView(fleet, query({ show: 'stale', sort: 'name' }), context))).toEqual(['c', 'e']);
    expect(ids(fleetView(fleet, query({ show: 'live' }), context))).toEqual(['b']);
    expect(ids(fleetView(fleet, query({ show: 'unread' }), context))).toEqual(['b']);
    expect(ids(fleetView(fleet, query({ show: 'orders', sort: 'orders' }), context))).toEqual(['d', 'e']);
  });
  it('search matches name or id, case-insensitive, and does not change the input', () => {
    const copy = [...fleet];
    expect(ids(fleetView(fleet, query({ text: ' B ' }), context))).toEqual(['b']);
    expect(fleet).toEqual(copy);
  });
  it('a vehicle with unread messages or overdue orders needs attention even when in contact', () => {
    expect(needsAttention(vehicle('a', { unread: 1 }), NOW, STALE)).toBe(true);
    expect(needsAttention(vehicle('a', { openOrders: 4 }), NOW, STALE)).toBe(false);
  });
});
