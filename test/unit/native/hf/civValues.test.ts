import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CivFrame } from '../../../../native/hf/civFrames';
import {
  CIV_COMMANDS,
  SUB_RF_POWER,
  SUB_S_METER,
  civModeName,
  civModelName,
  decodeBcdBigEndian,
  decodeFrequencyBcd,
  encodeBcdBigEndian,
  encodeFrequencyBcd,
  frequencyFrom,
  idFrom,
  levelFrom,
  meterToDb,
  modeFrom,
  pttFrom,
} from '../../../../native/hf/civValues';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const frame = (command: number, body: string): CivFrame => ({ to: 0xe0, from: 0x94, command, body: hex(body) });

describe('CI-V frequency (5-byte packed BCD, least-significant byte first)', () => {
  it('00 40 07 14 00 is 14.074000 MHz (reference vector)', () => {
    expect(decodeFrequencyBcd(hex('00 40 07 14 00'))).toBe(14_074_000);
  });

  it.each([
    ['00 00 10 07 00', 7_100_000],
    ['56 34 12 00 00', 123_456],
    ['99 99 99 99 09', 999_999_999],
    ['00 00 00 50 00', 50_000_000],
    ['00 00 00 00 00', 0],
  ])('%s is %i Hz', (bytes, hz) => {
    expect(decodeFrequencyBcd(hex(bytes))).toBe(hz);
    expect(encodeFrequencyBcd(hz).toString('hex')).toBe(hex(bytes).toString('hex'));
  });

  it('reads 4-byte (old radios) and 6-byte (above 10 GHz) forms', () => {
    expect(decodeFrequencyBcd(hex('00 40 07 14'))).toBe(14_074_000);
    expect(decodeFrequencyBcd(hex('00 00 00 00 04 01'))).toBe(10_400_000_000);
  });

  it('refuses non-decimal nibbles and wrong lengths', () => {
    expect(decodeFrequencyBcd(hex('0A 40 07 14 00'))).toBeUndefined();
    expect(decodeFrequencyBcd(hex('00 40 07'))).toBeUndefined();
    expect(decodeFrequencyBcd(hex('00 00 00 00 00 00 00'))).toBeUndefined();
  });

  it('round-trips every frequency below 10 GHz (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), (hz) => {
        expect(decodeFrequencyBcd(encodeFrequencyBcd(hz))).toBe(hz);
      }),
    );
  });
});

describe('CI-V levels and meters (2-byte BCD, most-significant byte first)', () => {
  it('01 20 is 120 (S9), 02 41 is 241, 00 00 is 0', () => {
    expect(decodeBcdBigEndian(hex('01 20'))).toBe(120);
    expect(decodeBcdBigEndian(hex('02 41'))).toBe(241);
    expect(decodeBcdBigEndian(hex('00 00'))).toBe(0);
    expect(encodeBcdBigEndian(255).toString('hex')).toBe('0255');
  });

  it('reads the reference S-meter answer 15 02 01 20 as 120', () => {
    expect(levelFrom(frame(CIV_COMMANDS.meter, '02 01 20'), CIV_COMMANDS.meter, SUB_S_METER)).toBe(120);
  });

  it('reads the RF power level 14 0A 01 28 as 128, refuses values above 255 and other sub-commands', () => {
    expect(levelFrom(frame(CIV_COMMANDS.level, '0A 01 28'), CIV_COMMANDS.level, SUB_RF_POWER)).toBe(128);
    expect(levelFrom(frame(CIV_COMMANDS.level, '0A 09 99'), CIV_COMMANDS.level, SUB_RF_POWER)).toBeUndefined();
    expect(levelFrom(frame(CIV_COMMANDS.meter, '01 01 20'), CIV_COMMANDS.meter, SUB_S_METER)).toBeUndefined();
  });
});

describe('S-meter to dB relative to S9 (IC-7300 scale)', () => {
  it.each([
    [0, -54],
    [60, -27],
    [120, 0],
    [241, 60],
    [255, 60],
  ])('raw %i is %d dB', (raw, db) => expect(meterToDb(raw)).toBe(db));

  it('is linear between the points and never goes backwards (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 254 }), (raw) => {
        expect(meterToDb(raw + 1)!).toBeGreaterThanOrEqual(meterToDb(raw)!);
      }),
    );
    expect(meterToDb(180)).toBeCloseTo(29.8, 1);
  });

  it('takes another calibration (Hamlib IC7300_STR_CAL puts 241 at +64 dB)', () => {
    const hamlib = [
      [0, -54],
      [10, -48],
      [30, -36],
      [60, -24],
      [90, -12],
      [120, 0],
      [241, 64],
    ] as const;
    expect(meterToDb(241, hamlib)).toBe(64);
    expect(meterToDb(60, hamlib)).toBe(-24);
  });
});

describe('CI-V answers', () => {
  it.each([
    [0x00, 'LSB'],
    [0x01, 'USB'],
    [0x02, 'AM'],
    [0x03, 'CW'],
    [0x04, 'RTTY'],
    [0x05, 'FM'],
    [0x07, 'CWR'],
    [0x08, 'RTTYR'],
  ])('mode byte %i is %s', (byte, name) => expect(civModeName(byte)).toBe(name));

  it('names an unknown mode byte by its hex value', () => {
    expect(civModeName(0x12)).toBe('0x12');
  });

  it('reads mode and filter from 04 01 02, and the transceive form 01 03', () => {
    expect(modeFrom(frame(CIV_COMMANDS.readMode, '01 02'))).toEqual({ mode: 'USB', filter: 2 });
    expect(modeFrom(frame(CIV_COMMANDS.transferMode, '03'))).toEqual({ mode: 'CW' });
    expect(modeFrom(frame(CIV_COMMANDS.readMode, ''))).toBeUndefined();
  });

  it('reads frequency from 03 and the transceive broadcast 00', () => {
    expect(frequencyFrom(frame(CIV_COMMANDS.readFrequency, '00 40 07 14 00'))).toBe(14_074_000);
    expect(frequencyFrom(frame(CIV_COMMANDS.transferFrequency, '00 00 10 07 00'))).toBe(7_100_000);
    expect(frequencyFrom(frame(CIV_COMMANDS.readMode, '00 40 07 14 00'))).toBeUndefined();
  });

  it('reads PTT 1C 00 00 as RX and 1C 00 01 as TX', () => {
    expect(pttFrom(frame(CIV_COMMANDS.transmit, '00 00'))).toBe(false);
    expect(pttFrom(frame(CIV_COMMANDS.transmit, '00 01'))).toBe(true);
    expect(pttFrom(frame(CIV_COMMANDS.transmit, '00 02'))).toBeUndefined();
  });

  it('reads the radio address from 19 00 94 and names common models', () => {
    expect(idFrom(frame(CIV_COMMANDS.readId, '00 94'))).toBe(0x94);
    expect(civModelName(0x94)).toBe('IC-7300');
    expect(civModelName(0xa4)).toBe('IC-705');
    expect(civModelName(0x98)).toBe('IC-7610');
    expect(civModelName(0x5c)).toBe('CI-V 0x5C');
  });

  it('never throw on arbitrary frames (property)', () => {
    const anyFrame = fc.record({
      to: fc.nat(255),
      from: fc.nat(255),
      command: fc.nat(255),
      body: fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b)),
    });
    fc.assert(
      fc.property(anyFrame, fc.integer(), (f, raw) => {
        frequencyFrom(f);
        modeFrom(f);
        pttFrom(f);
        idFrom(f);
        levelFrom(f, CIV_COMMANDS.meter, SUB_S_METER);
        meterToDb(raw);
      }),
      { numRuns: 2000 },
    );
  });
});
