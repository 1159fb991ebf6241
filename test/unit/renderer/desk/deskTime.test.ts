import { describe, expect, it } from 'vitest';
import type { ConversationEntry } from '../../../../protocol/sync/desk';
import { clockText, span } from '../../../../renderer/desk/deskTime';
import { receiptState, unreadIds } from '../../../../renderer/desk/messages/receipts';
import { parseRoute, routeHash, type DeskRoute } from '../../../../renderer/desk/shell/deskRoute';
import { cleanEntries, entryProblems } from '../../../../renderer/desk/directory/directoryDraft';

const NOW = new Date(2026, 11, 3, 14, 5, 30).getTime();

describe('desk times', () => {
  it('HH:mm today, with the date on another day', () => {
    expect(clockText(new Date(2026, 11, 3, 9, 7).getTime(), NOW)).toBe('09:07');
    expect(clockText(new Date(2026, 11, 2, 23, 59).getTime(), NOW)).toBe('12-02 23:59');
  });
  it('spans round down and never go negative', () => {
    expect(span(-5)).toEqual({ key: 'now', count: 0 });
    expect(span(4_999)).toEqual({ key: 'now', count: 0 });
    expect(span(42_000)).toEqual({ key: 'seconds', count: 42 });
    expect(span(14 * 60_000 + 59_000)).toEqual({ key: 'minutes', count: 14 });
    expect(span(2 * 3_600_000 + 5 * 60_000)).toEqual({ key: 'hours', count: 2, rest: 5 });
    expect(span(26 * 3_600_000)).toEqual({ key: 'days', count: 1, rest: 2 });
  });
});

describe('receipts', () => {
  const entry = (patch: Partial<ConversationEntry>): ConversationEntry => ({
    direction: 'out',
    id: 'x',
    kind: 'center-message',
    text: 't',
    priority: 'priority',
    from: 'Desk',
    createdAt: 1,
    deliveredAt: null,
    readAt: null,
    readBy: null,
    ...patch,
  });
  it('out: sent, then delivered to the vehicle, then read by the crew', () => {
    expect(receiptState(entry({}))).toBe('sent');
    expect(receiptState(entry({ deliveredAt: 2 }))).toBe('delivered');
    expect(receiptState(entry({ deliveredAt: 2, readAt: 3, readBy: 'crew' }))).toBe('read');
  });
  it('in: unread until staff read it; only those are marked on opening', () => {
    const list = [entry({ direction: 'in', id: 'a' }), entry({ direction: 'in', id: 'b', readAt: 4 }), entry({ id: 'c' })];
    expect(list.map(receiptState)).toEqual(['unread', 'read', 'sent']);
    expect(unreadIds(list)).toEqual(['a']);
  });
});

describe('routes', () => {
  it('every page survives the round trip through the URL hash', () => {
    const routes: DeskRoute[] = [
      { page: 'fleet' },
      { page: 'vehicle', vehicleId: 'mcv-07' },
      { page: 'messages' },
      { page: 'messages', vehicleId: 'v-1a2b3c' },
      { page: 'orders' },
      { page: 'orders', composeTo: 'mcv-07' },
      { page: 'video', vehicleId: 'mcv-07' },
      { page: 'directory' },
      { page: 'map' },
      { page: 'orders', place: { latitude: 30.657312, longitude: 104.065421 } },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
  it('a place in the URL is taken only when both are real coordinates', () => {
    expect(parseRoute('#/orders?lat=91&lon=10')).toEqual({ page: 'orders' });
    expect(parseRoute('#/orders?lat=&lon=10')).toEqual({ page: 'orders' });
    expect(parseRoute('#/orders?lat=abc&lon=10')).toEqual({ page: 'orders' });
    expect(parseRoute('#/orders?lat=-33.5&lon=151.25')).toEqual({ page: 'orders', place: { latitude: -33.5, longitude: 151.25 } });
  });
  it('an unknown or empty hash is the fleet', () => {
    expect(parseRoute('')).toEqual({ page: 'fleet' });
    expect(parseRoute('#/nothing')).toEqual({ page: 'fleet' });
    expect(parseRoute('#/vehicle/')).toEqual({ page: 'fleet' });
  });
});

describe('directory draft', () => {
  it('drops blank rows, trims, and names what is wrong', () => {
    expect(
      cleanEntries([
        { name: ' Team A ', role: ' team', contact: '' },
        { name: '', role: ' ', contact: '' },
      ]),
    ).toEqual([{ name: 'Team A', role: 'team', contact: '' }]);
    expect(entryProblems({ name: '', role: 'r'.repeat(101), contact: 'c'.repeat(201) })).toEqual([
      'name-missing',
      'role-long',
      'contact-long',
    ]);
  });
});
