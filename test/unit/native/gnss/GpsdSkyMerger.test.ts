import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GnssReading } from '../../../../native/gnss/gnssTypes';
import { parseGpsdLine } from '../../../../native/gnss/gpsdParser';
import { GpsdSkyMerger } from '../../../../native/gnss/GpsdSkyMerger';

/** What real gpsd 3.22 sent for the u-blox NEO-M9N log under gpsfake (recorded, fixtures/gnss-logs). */
const RECORDED = readFileSync(join(__dirname, '../../../../fixtures/gnss-logs/ublox-neo-m9n-nmea.gpsd-3.22.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

function mergeRecorded(lines: string[]): GnssReading[] {
  const merger = new GpsdSkyMerger();
  const out: GnssReading[] = [];
  for (const line of lines) {
    const result = parseGpsdLine(line);
    if (!result.ok) throw new Error(`recorded line does not parse: ${line.slice(0, 80)}`);
    const message = result.message;
    if (message.class === 'TPV') {
      const sky = merger.onTpv(message, 1);
      if (sky) out.push(sky);
    } else if (message.class === 'SKY') merger.onSky(message);
  }
  const last = merger.flush(2);
  if (last) out.push(last);
  return out;
}

describe('GpsdSkyMerger on real gpsd 3.22 output', () => {
  // Once gpsd has learnt the receiver's cycle it sends a cycle's SKYs before its TPV; in the
  // first cycle after them. Either way there is one merged reading between two TPV times.
  it('gives one SKY reading per epoch with the full counts, where gpsd sent four partial ones (16/8, 26/15, 36/15, 43/16)', () => {
    const skies = RECORDED.filter((line) => line.includes('"class":"SKY"'));
    expect(skies).toHaveLength(13);
    expect(mergeRecorded(RECORDED)).toEqual([
      { at: 1, satellitesUsed: 16, satellitesVisible: 43, hdop: 0.56 },
      { at: 1, satellitesUsed: 16, satellitesVisible: 43, hdop: 0.56 },
      { at: 2, satellitesUsed: 16, satellitesVisible: 43, hdop: 0.56 },
    ]);
  });

  it('merges partial SKYs by satellite, a later report of a satellite replacing the earlier', () => {
    const merger = new GpsdSkyMerger();
    merger.onTpv({ class: 'TPV', mode: 3, time: '2026-01-01T00:00:00.000Z' }, 0);
    merger.onSky({
      class: 'SKY',
      hdop: 0.9,
      satellites: [
        { gnssid: 0, svid: 1, used: true },
        { gnssid: 0, svid: 2, used: false },
      ],
    });
    merger.onSky({
      class: 'SKY',
      satellites: [
        { gnssid: 0, svid: 2, used: true },
        { gnssid: 6, svid: 3, used: true },
      ],
    });
    expect(merger.onTpv({ class: 'TPV', mode: 3, time: '2026-01-01T00:00:00.000Z' }, 5)).toBeUndefined();
    expect(merger.onTpv({ class: 'TPV', mode: 3, time: '2026-01-01T00:00:01.000Z' }, 6)).toEqual({
      at: 6,
      satellitesUsed: 3,
      satellitesVisible: 3,
      hdop: 0.9,
    });
    expect(merger.flush(7)).toBeUndefined();
  });

  it('without times (a receiver in demo mode) a TPV after a SKY ends the epoch', () => {
    const merger = new GpsdSkyMerger();
    merger.onSky({ class: 'SKY', nSat: 9, uSat: 9 });
    expect(merger.onTpv({ class: 'TPV', mode: 1 }, 3)).toEqual({ at: 3, satellitesUsed: 9, satellitesVisible: 9 });
    expect(merger.onTpv({ class: 'TPV', mode: 3 }, 4)).toBeUndefined();
  });
});
