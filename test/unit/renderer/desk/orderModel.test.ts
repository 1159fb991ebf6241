import { describe, expect, it } from 'vitest';
import type { DeskOrder, DeskOrderRecipient } from '../../../../protocol/sync/desk';
import type { OrderProgress } from '../../../../protocol/sync/orderLifecycle';
import { deadlineIn, parseDeadline, parsePlace } from '../../../../renderer/desk/orders/orderForm';
import {
  deadlineStatus,
  isOpen,
  overdueCount,
  recipientOverdue,
  sortOrders,
  stateCounts,
} from '../../../../renderer/desk/orders/orderModel';

const NOW = new Date(2026, 11, 3, 14, 0).getTime();
const MIN = 60_000;

function recipient(vehicleId: string, state: OrderProgress, overdue = false): DeskOrderRecipient {
  return {
    vehicleId,
    vehicleName: vehicleId,
    itemId: `i-${vehicleId}`,
    state,
    steps: [{ state: 'issued', at: NOW - 60 * MIN, by: 'Desk', reason: null }],
    overdue,
  };
}

function order(id: string, patch: Partial<DeskOrder> = {}): DeskOrder {
  return {
    id,
    text: 'Go',
    priority: 'immediate',
    requireAck: true,
    from: 'Desk',
    createdAt: NOW - 60 * MIN,
    deadline: null,
    target: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    recipients: [recipient('a', 'delivered')],
    ...patch,
  };
}

describe('overdue', () => {
  it('an unfinished recipient past the deadline is overdue, even before the center says so', () => {
    const o = order('o', {
      deadline: NOW - MIN,
      recipients: [recipient('a', 'in-progress'), recipient('b', 'done'), recipient('c', 'cannot-do')],
    });
    expect(o.recipients.map((r) => recipientOverdue(o, r, NOW))).toEqual([true, false, false]);
    expect(overdueCount(o, NOW)).toBe(1);
  });
  it('the center flag counts, the deadline ahead does not, and a cancelled order is never overdue', () => {
    expect(overdueCount(order('o', { recipients: [recipient('a', 'acknowledged', true)] }), NOW)).toBe(1);
    expect(overdueCount(order('o', { deadline: NOW + MIN }), NOW)).toBe(0);
    expect(overdueCount(order('o', { deadline: NOW - MIN, cancelledAt: NOW - 2 * MIN }), NOW)).toBe(0);
  });
  it('the deadline is ahead (with the time left) or passed (with the time over)', () => {
    expect(deadlineStatus(null, NOW)).toEqual({ kind: 'none' });
    expect(deadlineStatus(NOW + 25 * MIN, NOW)).toEqual({ kind: 'ahead', leftMs: 25 * MIN });
    expect(deadlineStatus(NOW - 14 * MIN, NOW)).toEqual({ kind: 'passed', overMs: 14 * MIN });
  });
});

describe('open orders and their order', () => {
  it('open while not cancelled and some recipient unfinished', () => {
    expect(isOpen(order('o'))).toBe(true);
    expect(isOpen(order('o', { recipients: [recipient('a', 'done'), recipient('b', 'cannot-do')] }))).toBe(false);
    expect(isOpen(order('o', { cancelledAt: NOW }))).toBe(false);
  });
  it('overdue first, then open, then the rest, newest first within each', () => {
    const list = [
      order('done-new', { createdAt: NOW, recipients: [recipient('a', 'done')] }),
      order('open-old', { createdAt: NOW - 90 * MIN }),
      order('open-new', { createdAt: NOW - 10 * MIN }),
      order('overdue', { createdAt: NOW - 120 * MIN, deadline: NOW - MIN }),
    ];
    expect(sortOrders(list, NOW).map((o) => o.id)).toEqual(['overdue', 'open-new', 'open-old', 'done-new']);
  });
  it('counts recipients per state in lifecycle order', () => {
    const o = order('o', { recipients: [recipient('a', 'done'), recipient('b', 'issued'), recipient('c', 'done')] });
    expect(stateCounts(o)).toEqual([
      { state: 'issued', count: 1 },
      { state: 'done', count: 2 },
    ]);
  });
});

describe('the order form', () => {
  it('no place when every field is empty; a place with or without its label', () => {
    expect(parsePlace({ latitude: '', longitude: ' ', label: '' })).toEqual({ place: undefined, problems: [] });
    expect(parsePlace({ latitude: '30.65731', longitude: '104,06542', label: ' 集结点 ' })).toEqual({
      place: { latitude: 30.65731, longitude: 104.06542, label: '集结点' },
      problems: [],
    });
    expect(parsePlace({ latitude: '-33.9', longitude: '18.4', label: '' }).place).toEqual({ latitude: -33.9, longitude: 18.4 });
  });
  it('names every problem: a missing half, out of range, not a decimal number, a long label', () => {
    expect(parsePlace({ latitude: '30.1', longitude: '', label: '' }).problems).toEqual(['longitude-missing']);
    expect(parsePlace({ latitude: '', longitude: '', label: 'x' }).problems).toEqual(['latitude-missing', 'longitude-missing']);
    expect(parsePlace({ latitude: '91', longitude: '-181', label: '' }).problems).toEqual(['latitude-range', 'longitude-range']);
    expect(parsePlace({ latitude: '30°N', longitude: '104E', label: '' }).problems).toEqual(['not-number']);
    expect(parsePlace({ latitude: '1', longitude: '1', label: 'x'.repeat(101) }).problems).toEqual(['label-long']);
  });
  it('the deadline is local time, must be in the future, and may be empty', () => {
    expect(parseDeadline('', NOW)).toEqual({ deadline: undefined });
    expect(parseDeadline('2026-12-03T14:30', NOW)).toEqual({ deadline: NOW + 30 * MIN });
    expect(parseDeadline('2026-12-03T13:59', NOW)).toEqual({ deadline: undefined, problem: 'past' });
    expect(parseDeadline('tomorrow', NOW)).toEqual({ deadline: undefined, problem: 'invalid' });
  });
  it('quick deadlines round up to the minute', () => {
    expect(deadlineIn(NOW + 10_000, 30)).toBe('2026-12-03T14:31');
    expect(parseDeadline(deadlineIn(NOW, 120), NOW).deadline).toBe(NOW + 120 * MIN);
  });
});
