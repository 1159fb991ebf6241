import { describe, expect, it } from 'vitest';
import { packRecords } from '../../support/media/dtlsFlightPacking';
import { selectOnFirstCheck } from '../../support/media/iceLiteSelection';
import { isVp8KeyFrameStart } from '../../support/media/mediaTrace';

/** The test stand-in's fidelity fixes (it must behave as mediasoup does where a bench measures it). */
describe('DTLS flight packing', () => {
  const record = (length: number, fill: number) => Buffer.alloc(length, fill);

  it("packs a flight's records in order into datagrams of at most the limit", () => {
    const datagrams = packRecords([record(14, 1), record(61, 2)], 1200);
    expect(datagrams.map((d) => d.length)).toEqual([75]);
    expect([...datagrams[0]!.subarray(13, 16)]).toEqual([1, 2, 2]);
    expect(packRecords([record(700, 1), record(600, 2), record(500, 3)], 1200).map((d) => d.length)).toEqual([700, 1100]);
  });

  it('sends a record larger than the limit alone, and nothing for no records', () => {
    expect(packRecords([record(10, 1), record(1500, 2), record(10, 3)], 1200).map((d) => d.length)).toEqual([10, 1500, 10]);
    expect(packRecords([], 1200)).toEqual([]);
  });
});

describe('ICE-lite selection on the first check', () => {
  class FakeCheck {
    attributesKeys: string[];
    constructor(keys: string[]) {
      this.attributesKeys = [...keys];
    }
    setAttribute(name: string): this {
      this.attributesKeys.push(name);
      return this;
    }
  }

  it('takes the first check as nominating while nothing is selected, and leaves later checks as they are', () => {
    const seen: string[][] = [];
    const connection: { nominated?: unknown; checkIncoming(message: FakeCheck): void } = {
      checkIncoming(message) {
        seen.push([...message.attributesKeys]);
      },
    };
    selectOnFirstCheck(connection as Parameters<typeof selectOnFirstCheck>[0]);
    connection.checkIncoming(new FakeCheck(['USERNAME', 'PRIORITY']));
    connection.nominated = { id: 'pair-1' };
    connection.checkIncoming(new FakeCheck(['USERNAME', 'PRIORITY']));
    connection.checkIncoming(new FakeCheck(['USERNAME', 'USE-CANDIDATE']));
    expect(seen).toEqual([
      ['USERNAME', 'PRIORITY', 'USE-CANDIDATE'],
      ['USERNAME', 'PRIORITY'],
      ['USERNAME', 'USE-CANDIDATE'],
    ]);
  });
});

describe('VP8 key frame start (RFC 7741)', () => {
  it('reads the P bit after the payload descriptor, with and without its extensions', () => {
    // S=1, PID=0, no X; payload header P=0 (key frame) / P=1 (inter frame).
    expect(isVp8KeyFrameStart(Uint8Array.from([0x10, 0x00]))).toBe(true);
    expect(isVp8KeyFrameStart(Uint8Array.from([0x10, 0x01]))).toBe(false);
    // X=1 with I (15-bit picture id), L and T/K: header at offset 6.
    expect(isVp8KeyFrameStart(Uint8Array.from([0x90, 0xe0, 0x80, 0x01, 0x05, 0x20, 0x00]))).toBe(true);
    expect(isVp8KeyFrameStart(Uint8Array.from([0x90, 0xe0, 0x80, 0x01, 0x05, 0x20, 0x01]))).toBe(false);
    // X=1, I with a 7-bit picture id only: header at offset 3.
    expect(isVp8KeyFrameStart(Uint8Array.from([0x90, 0x80, 0x11, 0x00]))).toBe(true);
    // Not the start of partition 0: never a key frame start.
    expect(isVp8KeyFrameStart(Uint8Array.from([0x00, 0x00]))).toBe(false);
    expect(isVp8KeyFrameStart(Uint8Array.from([0x11, 0x00]))).toBe(false);
    expect(isVp8KeyFrameStart(new Uint8Array())).toBe(false);
  });
});
