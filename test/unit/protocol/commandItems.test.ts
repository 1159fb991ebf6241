import { describe, expect, it } from 'vitest';
import { WireError, decodeItem, encodeItem, encodeCbor } from '../../../protocol/sync/codec';
import type { SyncItem } from '../../../protocol/sync/items';
import { crewSteps, furthest, refuseCrewStep, type OrderProgress } from '../../../protocol/sync/orderLifecycle';
import { uuidv7 } from '../../../protocol/sync/uuid';

const V = 'mcv-07';
const T = 1_790_000_000_000;
const ORDER = uuidv7(T);

function item(kind: SyncItem['kind'], body: unknown, priority: SyncItem['priority'] = 'immediate'): SyncItem {
  return { kind, seq: 9, id: uuidv7(T + 1), priority, createdAt: T, body } as SyncItem;
}

describe('command items on the wire', () => {
  it('round-trips order steps, receipts, staff messages, cancellations and orders with deadline and place', () => {
    const items = [
      item('order-state', { orderId: ORDER, state: 'acknowledged' }),
      item('order-state', { orderId: ORDER, state: 'cannot-do', reason: '道路塌方，无法通行' }),
      item('receipt', { read: [ORDER, uuidv7(T + 5)] }, 'routine'),
      item('receipt', { read: [ORDER], by: '王 Wang' }, 'routine'),
      item('center-message', { text: '沙袋两小时内送到', from: '王 Wang' }, 'priority'),
      item('order-cancel', { orderId: ORDER, from: '王 Wang' }),
      item('order-cancel', { orderId: ORDER, from: '王 Wang', reason: '任务取消' }),
      item('order', { text: '前往江北堤段', from: '王 Wang', requireAck: true, deadline: T + 3_600_000 }),
      item('order', {
        text: '前往江北堤段',
        from: '王 Wang',
        requireAck: true,
        target: { latitude: 30.6123456, longitude: 114.3, label: '江北' },
      }),
      item('order', { text: 'plain', from: 'Li', requireAck: false }),
    ];
    for (const original of items) expect(decodeItem(encodeItem(original), V)).toEqual(original);
  });

  it('keeps a crew step and an acknowledgement receipt small enough for one Iridium SBD message', () => {
    expect(encodeItem(item('order-state', { orderId: ORDER, state: 'done' })).length).toBeLessThan(60);
    expect(encodeItem(item('order-state', { orderId: ORDER, state: 'cannot-do', reason: '道'.repeat(90) })).length).toBeLessThan(340);
  });

  it('an order without deadline or place keeps the three-field form older consoles read', () => {
    const bytes = encodeItem(item('order', { text: 'x', from: 'y', requireAck: true }));
    const id = decodeItem(bytes, V).id;
    const idBytes = Uint8Array.from(
      id
        .replaceAll('-', '')
        .match(/../g)!
        .map((h) => parseInt(h, 16)),
    );
    expect(Array.from(bytes)).toEqual(Array.from(encodeCbor([1, 10, 1, 9, T / 1000, idBytes, 'x', 'y', true])));
    expect(decodeItem(bytes, V)).toMatchObject({ body: { text: 'x', from: 'y', requireAck: true } });
  });

  it('refuses a cannot-do without its reason, an empty receipt and a bad state code', () => {
    const noReason = encodeItem(item('order-state', { orderId: ORDER, state: 'done' }));
    // Rewrite the state code to cannot-do (3) without a reason.
    const tampered = Uint8Array.from(noReason);
    tampered[tampered.length - 1] = 3;
    expect(() => decodeItem(tampered, V)).toThrow(WireError);
    tampered[tampered.length - 1] = 9;
    expect(() => decodeItem(tampered, V)).toThrow(/bad order-state body/);
    expect(() => encodeItem(item('receipt', { read: [] }))).not.toThrow();
    expect(() => decodeItem(encodeItem(item('receipt', { read: [] })), V)).toThrow(WireError);
  });
});

describe('order lifecycle', () => {
  const ALL: OrderProgress[] = ['issued', 'delivered', 'acknowledged', 'in-progress', 'done', 'cannot-do'];

  it('lets the crew take only the next steps, in order', () => {
    expect(crewSteps('delivered', false)).toEqual(['acknowledged', 'cannot-do']);
    expect(crewSteps('acknowledged', false)).toEqual(['in-progress', 'done', 'cannot-do']);
    expect(crewSteps('in-progress', false)).toEqual(['done', 'cannot-do']);
    for (const from of ALL) expect(crewSteps(from, true)).toEqual([]);
  });

  it('refuses every illegal transition with a reason', () => {
    const legal = new Set([
      'delivered>acknowledged',
      'delivered>cannot-do',
      'acknowledged>in-progress',
      'acknowledged>done',
      'acknowledged>cannot-do',
      'in-progress>done',
      'in-progress>cannot-do',
    ]);
    for (const from of ALL) {
      for (const to of ['acknowledged', 'in-progress', 'done', 'cannot-do'] as const) {
        const refusal = refuseCrewStep(from, to, false);
        if (legal.has(`${from}>${to}`)) expect(refusal, `${from} → ${to}`).toBeUndefined();
        else expect(refusal, `${from} → ${to}`).toMatch(/./);
        expect(refuseCrewStep(from, to, true)).toBe('the center cancelled this order');
      }
    }
  });

  it('keeps the furthest state, and the first of two finishing states', () => {
    expect(furthest('acknowledged', 'delivered')).toBe('acknowledged');
    expect(furthest('delivered', 'done')).toBe('done');
    expect(furthest('cannot-do', 'done')).toBe('cannot-do');
  });
});
