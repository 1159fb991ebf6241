import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RIG_REQUESTS,
  decodeFrequency,
  decodeMode,
  decodePowerstat,
  decodePtt,
  decodeRfPower,
  decodeStrength,
  identityFromDumpState,
} from '../../../../native/hf/rigctldCommands';
import type { RigctldRecord } from '../../../../native/hf/rigctldProtocol';

const values = (...v: string[]): RigctldRecord[] => v.map((value) => ({ value }));

describe('rigctld answer decoders', () => {
  it('f → 14074000 Hz (reference example)', () => {
    expect(decodeFrequency(values('14074000'))).toBe(14_074_000);
    expect(decodeFrequency([{ key: 'Frequency', value: '7100000' }])).toBe(7_100_000);
    expect(decodeFrequency(values('14074000.000000'))).toBe(14_074_000);
  });

  it('m → USB with passband 2400 (reference example); None and 0 are no value', () => {
    expect(decodeMode(values('USB', '2400'))).toEqual({ mode: 'USB', passbandHz: 2400 });
    expect(decodeMode(values('PKTUSB', '3000'))).toEqual({ mode: 'PKTUSB', passbandHz: 3000 });
    expect(decodeMode(values('None', '0'))).toEqual({ mode: null, passbandHz: null });
    expect(decodeMode(values('USB'))).toBeUndefined();
  });

  it('l STRENGTH → dB relative to S9 (S9 = 0, S0 ≈ −54)', () => {
    expect(decodeStrength(values('-12'))).toBe(-12);
    expect(decodeStrength(values('0'))).toBe(0);
    expect(decodeStrength(values('-54'))).toBe(-54);
    expect(decodeStrength(values('60'))).toBe(60);
  });

  it('l RFPOWER → 0..1, in %g and %f forms', () => {
    expect(decodeRfPower(values('0.5'))).toBe(0.5);
    expect(decodeRfPower(values('0.500000'))).toBe(0.5);
    expect(decodeRfPower(values('1.5'))).toBeUndefined();
  });

  it('t → PTT 0 RX, 1/2/3 TX', () => {
    expect(decodePtt(values('0'))).toBe(false);
    expect(decodePtt(values('1'))).toBe(true);
    expect(decodePtt(values('3'))).toBe(true);
    expect(decodePtt(values('7'))).toBeUndefined();
  });

  it('\\get_powerstat → 0 off, 1 on, 2 standby (off), 4 operate (on), others unknown', () => {
    expect(decodePowerstat(values('0'))).toBe(false);
    expect(decodePowerstat(values('1'))).toBe(true);
    expect(decodePowerstat(values('2'))).toBe(false);
    expect(decodePowerstat(values('4'))).toBe(true);
    expect(decodePowerstat(values('8'))).toBeNull();
  });

  it('an answer without values (RPRT 0 only) decodes to nothing', () => {
    for (const decode of [decodeFrequency, decodeMode, decodeStrength, decodeRfPower, decodePtt, decodePowerstat])
      expect(decode([])).toBeUndefined();
  });

  it('the answer checks accept the documented shapes and refuse lines of other answers', () => {
    expect(RIG_REQUESTS.frequency.validate!(values('14074000'))).toBe(true);
    expect(RIG_REQUESTS.frequency.validate!(values('USB'))).toBe(false);
    expect(RIG_REQUESTS.mode.validate!(values('USB', '2400'))).toBe(true);
    expect(RIG_REQUESTS.mode.validate!(values('2400', 'USB'))).toBe(false);
    expect(RIG_REQUESTS.ptt.validate!(values('0.5'))).toBe(false);
  });

  it('dump_state line 2 names the rig model', () => {
    expect(identityFromDumpState(values('1', '3073', '0'))).toEqual({ manufacturer: 'Icom', model: 'IC-7300' });
    expect(identityFromDumpState(values('0', '1'))).toEqual({ manufacturer: 'Hamlib', model: 'Dummy' });
    expect(identityFromDumpState(values('1', '2037'))).toEqual({ manufacturer: 'Hamlib', model: 'rig model 2037' });
    expect(identityFromDumpState(values('1'))).toBeUndefined();
  });

  it('never throw on arbitrary records (property)', () => {
    const record = fc.record({ key: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }), value: fc.string({ maxLength: 40 }) });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 5 }), (records) => {
        for (const decode of [
          decodeFrequency,
          decodeMode,
          decodeStrength,
          decodeRfPower,
          decodePtt,
          decodePowerstat,
          identityFromDumpState,
        ])
          decode(records);
        for (const request of Object.values(RIG_REQUESTS)) request.validate?.(records);
      }),
      { numRuns: 2000 },
    );
  });
});
