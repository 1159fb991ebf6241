import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WireError, decodeItem, encodeItem } from '../../../protocol/sync/codec';
import type { SyncItem } from '../../../protocol/sync/items';
import { derivedUuidv7, uuidv7, uuidv7Time } from '../../../protocol/sync/uuid';

const VEHICLE = 'veh-7f3a';
const SBD_MO_LIMIT = 340;

describe('UUIDv7', () => {
  it('carries its millisecond time and is unique', () => {
    const a = uuidv7(1_790_000_000_123);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidv7Time(a)).toBe(1_790_000_000_123);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7())).size).toBe(1000);
  });

  it('derives the same id for a position report on both sides', () => {
    expect(derivedUuidv7(VEHICLE, 42, 1_790_000_000_000)).toBe(derivedUuidv7(VEHICLE, 42, 1_790_000_000_000));
    expect(derivedUuidv7(VEHICLE, 43, 1_790_000_000_000)).not.toBe(derivedUuidv7(VEHICLE, 42, 1_790_000_000_000));
    expect(uuidv7Time(derivedUuidv7(VEHICLE, 42, 1_790_000_000_000))).toBe(1_790_000_000_000);
  });
});

describe('item codec', () => {
  it('fits a flash text of 70 Chinese characters with position, priority and ids in one SBD message', () => {
    const text = '道路塌方，车辆无法通行。请求派遣工程机械。伤员三名，已就地救治，需要直升机转运。当前位置坐标如下请核实。'
      .padEnd(70, '救')
      .slice(0, 70);
    expect([...text]).toHaveLength(70);
    const item: SyncItem = {
      kind: 'message',
      seq: 123_456,
      id: uuidv7(),
      priority: 'flash',
      createdAt: 1_790_000_000_000,
      body: { text, latitude: 30.9956612, longitude: 103.6254419 },
    };
    const bytes = encodeItem(item);
    expect(bytes.length).toBeLessThanOrEqual(SBD_MO_LIMIT);
    console.log(`flash message of 70 CJK characters with position: ${bytes.length} bytes`);
    expect(decodeItem(bytes, VEHICLE)).toEqual(item);
  });

  it('keeps a position report under 40 bytes', () => {
    const createdAt = 1_790_000_123_000;
    const item: SyncItem = {
      kind: 'position',
      seq: 123_456,
      id: derivedUuidv7(VEHICLE, 123_456, createdAt),
      priority: 'routine',
      createdAt,
      body: { latitude: -33.8567844, longitude: 151.2152967, altitudeM: 1343, speedMps: 13.4, headingDeg: 271, fix: '3d' },
    };
    const bytes = encodeItem(item);
    expect(bytes.length).toBeLessThan(40);
    console.log(`position report: ${bytes.length} bytes`);
    expect(decodeItem(bytes, VEHICLE)).toEqual(item);
  });

  it('round-trips attachments, replies, orders and directories', () => {
    const items: SyncItem[] = [
      {
        kind: 'attachment',
        seq: 9,
        id: uuidv7(),
        priority: 'bulk',
        createdAt: 1_790_000_000_000,
        body: { attachmentId: uuidv7(), name: 'photo.jpg', mime: 'image/jpeg', size: 2_400_000, sha256: 'ab'.repeat(32) },
      },
      {
        kind: 'order',
        seq: 3,
        id: uuidv7(),
        priority: 'immediate',
        createdAt: 1_790_000_000_000,
        body: { text: '前往映秀镇集合点', from: '指挥中心 王', requireAck: true },
      },
      {
        kind: 'message',
        seq: 5,
        id: uuidv7(),
        priority: 'immediate',
        createdAt: 1_790_000_000_000,
        body: { text: '收到', replyTo: uuidv7() },
      },
      {
        kind: 'directory',
        seq: 4,
        id: uuidv7(),
        priority: 'routine',
        createdAt: 1_790_000_000_000,
        body: { entries: [{ name: '张三', role: '队长', contact: '13800000000' }] },
      },
    ];
    for (const item of items) expect(decodeItem(encodeItem(item), VEHICLE)).toEqual(item);
  });

  it('refuses an item over the size limit with a WireError', () => {
    const item: SyncItem = { kind: 'message', seq: 1, id: uuidv7(), priority: 'routine', createdAt: 0, body: { text: 'x'.repeat(2000) } };
    expect(encodeItem(item).length).toBeLessThan(2100);
    expect(() => decodeItem(new Uint8Array(70_000), VEHICLE)).toThrow(WireError);
  });

  it('answers malformed input with a WireError naming the problem, never another exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        try {
          decodeItem(bytes, VEHICLE);
        } catch (error) {
          expect(error).toBeInstanceOf(WireError);
        }
      }),
      { numRuns: 3000 },
    );
    const good = encodeItem({ kind: 'message', seq: 1, id: uuidv7(), priority: 'routine', createdAt: 0, body: { text: 'ok' } });
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.nat(255), (at, value) => {
        const mutated = good.slice();
        mutated[at] = value;
        try {
          decodeItem(mutated, VEHICLE);
        } catch (error) {
          expect(error).toBeInstanceOf(WireError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('names a newer wire version', () => {
    const good = encodeItem({ kind: 'message', seq: 1, id: uuidv7(), priority: 'routine', createdAt: 0, body: { text: 'ok' } });
    const newer = good.slice();
    newer[1] = 2;
    expect(() => decodeItem(newer, VEHICLE)).toThrow(expect.objectContaining({ code: 'stale-version' }));
  });
});
