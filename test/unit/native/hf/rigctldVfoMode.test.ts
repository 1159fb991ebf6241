import { describe, expect, it } from 'vitest';
import { RigctldDriver } from '../../../../native/hf/RigctldDriver';
import { CHK_VFO, RIG_REQUESTS, decodeChkVfo, rigRequests } from '../../../../native/hf/rigctldCommands';
import { decideVfoMode } from '../../../../native/hf/rigctldVfoMode';

describe('rigctld VFO mode (--vfo)', () => {
  it('names the current VFO first in every rig command but get_powerstat', () => {
    const vfo = rigRequests(true);
    expect(vfo.frequency).toMatchObject({ name: 'get_freq', args: ['currVFO'], short: 'f currVFO' });
    expect(vfo.mode).toMatchObject({ name: 'get_mode', args: ['currVFO'], short: 'm currVFO', valueLines: 2 });
    expect(vfo.strength).toMatchObject({ name: 'get_level', args: ['currVFO', 'STRENGTH'], short: 'l currVFO STRENGTH' });
    expect(vfo.ptt).toMatchObject({ args: ['currVFO'], short: 't currVFO' });
    expect(vfo.rfPower).toMatchObject({ args: ['currVFO', 'RFPOWER'], short: 'l currVFO RFPOWER' });
    expect(vfo.powerstat).toBe(RIG_REQUESTS.powerstat);
    expect(rigRequests(false)).toBe(RIG_REQUESTS);
  });

  it('reads \\chk_vfo bare or keyed, and refuses anything else', () => {
    const ok = (value: string, key?: string) => CHK_VFO.validate!([{ key, value }]);
    expect(ok('0')).toBe(true);
    expect(ok('1', 'ChkVFO')).toBe(true);
    expect(ok('2')).toBe(false);
    expect(ok('1', 'Frequency')).toBe(false);
    expect(CHK_VFO.validate!([])).toBe(false);
    expect(decodeChkVfo([{ value: '1' }])).toBe(true);
    expect(decodeChkVfo([{ key: 'ChkVFO', value: '0' }])).toBe(false);
    expect(decodeChkVfo([])).toBeUndefined();
  });

  it('follows rigctld in auto, and says which way a pinned setting disagrees', () => {
    expect(decideVfoMode('auto', true)).toMatchObject({ kind: 'use', vfoMode: true });
    expect(decideVfoMode('auto', false)).toMatchObject({ kind: 'use', vfoMode: false });
    expect(decideVfoMode('on', true)).toMatchObject({ kind: 'use', vfoMode: true });
    expect(decideVfoMode('off', true)).toEqual({ kind: 'mismatch', detail: expect.stringContaining('rigctld runs with --vfo') });
    expect(decideVfoMode('on', false)).toEqual({ kind: 'mismatch', detail: expect.stringContaining('rigctld runs without --vfo') });
  });

  it('falls back to the setting when rigctld does not answer \\chk_vfo, and says so', () => {
    expect(decideVfoMode('auto', undefined)).toEqual({ kind: 'use', vfoMode: false, note: expect.stringContaining('did not answer') });
    expect(decideVfoMode('on', undefined)).toMatchObject({ kind: 'use', vfoMode: true });
  });

  it('refuses an unknown vfoMode option with a TypeError naming it', () => {
    expect(() => new RigctldDriver({ vfoMode: 'maybe' as 'auto' })).toThrow(/"vfoMode"/);
  });
});
