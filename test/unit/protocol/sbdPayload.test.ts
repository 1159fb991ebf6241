import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeItem } from '../../../protocol/sync/codec';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { crc16, crc32 } from '../../../protocol/sbd/crc';
import {
  SBD_FRAME_BYTES,
  SBD_MO_MAX_BYTES,
  SBD_MT_MAX_BYTES,
  SbdPayloadError,
  decodeSbdItems,
  decodeSbdPayload,
  encodeSbdPayload,
  packSbdItems,
  vehicleTag,
} from '../../../protocol/sbd/sbdPayload';

const VEHICLE = 'mcv-07';
const AT = 1_790_000_000_000;
const ascii = (text: string) => new TextEncoder().encode(text);

function message(seq: number, text: string, priority: SyncItem['priority'] = 'flash'): SyncItem {
  return {
    kind: 'message',
    seq,
    id: uuidv7(AT + seq),
    priority,
    createdAt: AT,
    body: { text, latitude: 30.9956612, longitude: 103.6254419 },
  };
}

function order(seq: number, text: string): SyncItem {
  return { kind: 'order', seq, id: uuidv7(AT + seq), priority: 'flash', createdAt: AT, body: { text, from: '王 Desk', requireAck: true } };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof SbdPayloadError) return error.code;
    throw error;
  }
}

describe('SBD checks', () => {
  it('computes the standard check values', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc16(ascii('123456789'))).toBe(0x29b1);
  });
});

describe('SBD payload', () => {
  it('round-trips an MO with two items, the vehicle tag and the whole-payload CRC', () => {
    const items = [message(41, '道路塌方，请求支援'), message(42, 'second')];
    const payload = encodeSbdPayload('mo', VEHICLE, items.map(encodeItem));
    expect(payload[0]).toBe(0x10);
    expect((payload[1]! << 8) | payload[2]!).toBe(vehicleTag(VEHICLE));
    expect(payload[3]).toBe(2);
    expect(decodeSbdItems(payload, 'mo', VEHICLE)).toEqual(items);
    const framed = decodeSbdPayload(payload, { direction: 'mo' });
    expect(framed.items.map((w) => Array.from(w))).toEqual(items.map((i) => Array.from(encodeItem(i))));
  });

  it('fits a flash message of 70 Chinese characters with position in one MO message', () => {
    const text = '道路塌方车辆无法通行请求派遣工程机械伤员三名已就地救治需要直升机转运'.padEnd(70, '救');
    const packing = packSbdItems('mo', VEHICLE, [message(7, text)]);
    expect(packing.refused).toEqual([]);
    expect(packing.payload!.length).toBeLessThanOrEqual(SBD_MO_MAX_BYTES);
    expect(decodeSbdItems(packing.payload!, 'mo', VEHICLE)[0]!.body).toEqual(message(7, text).body);
  });

  it('refuses an item too large for one message with the reason, never splitting it', () => {
    const big = message(9, '长'.repeat(200));
    const small = message(10, 'ok');
    const packing = packSbdItems('mo', VEHICLE, [big, small]);
    expect(packing.packed).toEqual([small]);
    expect(packing.refused).toHaveLength(1);
    expect(packing.refused[0]!.item).toBe(big);
    expect(packing.refused[0]!.reason).toMatch(/never split/);
    expect(codeOf(() => encodeSbdPayload('mo', VEHICLE, [encodeItem(big)]))).toBe('too-large');
  });

  it('leaves for the next message what fits alone but not beside the others', () => {
    const items = [1, 2, 3, 4].map((n) => message(n, '中'.repeat(30)));
    const packing = packSbdItems('mt', VEHICLE, items);
    expect(packing.packed.length).toBeGreaterThan(0);
    expect(packing.packed.length + packing.left.length).toBe(4);
    expect(packing.payload!.length).toBeLessThanOrEqual(SBD_MT_MAX_BYTES);
    expect(packing.left.length).toBeGreaterThan(0);
  });

  it('keeps MO and MT apart: an MT payload read as MO is refused', () => {
    const payload = encodeSbdPayload('mt', VEHICLE, [encodeItem(order(3, 'go'))]);
    expect(codeOf(() => decodeSbdPayload(payload, { direction: 'mo' }))).toBe('wrong-direction');
    expect(decodeSbdItems(payload, 'mt', VEHICLE)[0]!.kind).toBe('order');
  });

  it('refuses a payload whose check does not match, a wrong vehicle, a bad version, empty and cut ones', () => {
    const payload = encodeSbdPayload('mo', VEHICLE, [encodeItem(message(5, 'x'))]);
    for (let i = 0; i < payload.length; i++) {
      const bent = payload.slice();
      bent[i] = bent[i]! ^ 0x01;
      expect(codeOf(() => decodeSbdPayload(bent, { direction: 'mo' }))).toBe('bad-check');
    }
    expect(codeOf(() => decodeSbdPayload(payload.subarray(0, payload.length - 1), { direction: 'mo' }))).toBe('bad-check');
    expect(codeOf(() => decodeSbdPayload(payload, { direction: 'mo', vehicleId: 'mcv-08' }))).toBe('wrong-vehicle');
    expect(codeOf(() => decodeSbdPayload(new Uint8Array(5), { direction: 'mo' }))).toBe('too-short');
    expect(codeOf(() => decodeSbdPayload(new Uint8Array(SBD_MO_MAX_BYTES + 1), { direction: 'mo' }))).toBe('too-large');
    expect(codeOf(() => encodeSbdPayload('mo', VEHICLE, []))).toBe('empty');
    const v2 = withCheck([0x20, ...payload.subarray(1, payload.length - 4)]);
    expect(codeOf(() => decodeSbdPayload(v2, { direction: 'mo' }))).toBe('bad-version');
    const longer = withCheck([...payload.subarray(0, payload.length - 4), 0x00]);
    expect(codeOf(() => decodeSbdPayload(longer, { direction: 'mo' }))).toBe('malformed');
    const bentItem = withCheck([0x10, payload[1]!, payload[2]!, 1, 3, 0x83, 0x01, 0x02]);
    expect(codeOf(() => decodeSbdItems(bentItem, 'mo', VEHICLE))).toBe('bad-item');
  });

  it('round-trips any mix of items that fits, and refuses exactly those that do not (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', '中', '救', 'é'), minLength: 1, maxLength: 160 });
    const items = fc.array(text, { minLength: 1, maxLength: 8 }).map((texts) => texts.map((t, i) => message(i + 1, t)));
    fc.assert(
      fc.property(items, fc.constantFrom<'mo' | 'mt'>('mo', 'mt'), (queue, direction) => {
        const limit = direction === 'mo' ? SBD_MO_MAX_BYTES : SBD_MT_MAX_BYTES;
        const packing = packSbdItems(direction, VEHICLE, queue);
        expect(packing.packed.length + packing.left.length + packing.refused.length).toBe(queue.length);
        for (const { item } of packing.refused) expect(encodeItem(item).length + SBD_FRAME_BYTES).toBeGreaterThan(limit - 2);
        if (packing.payload) {
          expect(packing.payload.length).toBeLessThanOrEqual(limit);
          expect(decodeSbdItems(packing.payload, direction, VEHICLE)).toEqual(packing.packed);
        } else {
          expect(packing.packed).toEqual([]);
        }
      }),
      { seed: 13, numRuns: 200 },
    );
  });
});

/** A payload body with its CRC-32 appended (to test what lies behind a good check). */
function withCheck(body: number[]): Uint8Array {
  const out = new Uint8Array(body.length + 4);
  out.set(body);
  new DataView(out.buffer).setUint32(body.length, crc32(out.subarray(0, body.length)));
  return out;
}
