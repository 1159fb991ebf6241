import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GnssReading } from '../../../../native/gnss/gnssTypes';
import { NmeaDecoder } from '../../../../native/gnss/NmeaDecoder';

/**
 * The NMEA decoder on real receiver logs (gpsd's regression logs, fixtures/gnss-logs): what
 * each epoch must read, checked by hand against the sentences and against gpsd 3.22's output.
 */

const LOGS = join(__dirname, '../../../../fixtures/gnss-logs');
const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

function decodeLog(name: string): GnssReading[] {
  const readings: GnssReading[] = [];
  const decoder = new NmeaDecoder({ onReading: (r) => readings.push(r), now: () => NOW });
  for (const line of readFileSync(join(LOGS, name), 'latin1').split('\n')) {
    if (line.startsWith('#')) continue;
    decoder.write(`${line}\r\n`);
  }
  decoder.flush();
  return readings;
}

describe('NMEA decoder on real receiver logs', () => {
  it('SiRFstarV (a GGA per constellation, two GNGSA): satellites used counted from both GSA, not the last GGA', () => {
    const readings = decodeLog('sirfstarv-nmea.nmea');
    // 02:09:35: $GPGGA says 08, $GLGGA 02; the GSA list 8 GPS + 2 GLONASS.
    expect(readings[0]).toMatchObject({ fixMode: '3d', quality: 'gps', satellitesUsed: 10, latitude: 44.068918333333336 });
    // 02:09:38: GSA 10 + 5 = 15 (the GLGGA alone would say 05).
    expect(readings[3]!.satellitesUsed).toBe(15);
  });

  it('u-blox NEO-M9N (four GSA with system ids): 25 satellites used, where GGA caps at 12', () => {
    const readings = decodeLog('ublox-neo-m9n-nmea.nmea');
    expect(readings[0]).toMatchObject({ fixMode: '3d', quality: 'dgps', satellitesUsed: 25 });
    expect(readings.every((r) => (r.satellitesUsed ?? 0) > 12)).toBe(true);
  });

  it('carries the GNSS time of each fix and the system clock offset from it', () => {
    const readings = decodeLog('sirfstarv-nmea.nmea');
    const first = Date.UTC(2019, 1, 5, 2, 9, 35);
    expect(readings[0]).toMatchObject({ fixTimeMs: first, clockOffsetMs: NOW - first });
    expect(readings[1]!.fixTimeMs).toBe(first + 1000);
  });

  it('moves a date from before the week rollover forward 1024 weeks, as gpsd does (Holux GPSlim 236, a log of 2006)', () => {
    const readings = decodeLog('gpslim236.nmea');
    // RMC 21 Jul 2006 18:52:44 + 1024 weeks; gpsd 3.22 reports 2026-03-06T18:52:44.000Z for it.
    expect(readings[0]!.fixTimeMs).toBe(Date.parse('2026-03-06T18:52:44.000Z'));
    expect(readings[0]!.satellitesUsed).toBe(5);
  });

  it('Garmin Geko 201 in demo mode (GGA quality 8, RMC mode S): every fix is marked simulated', () => {
    const readings = decodeLog('garmin-geko201.nmea');
    const located = readings.filter((r) => typeof r.latitude === 'number');
    expect(located.length).toBeGreaterThan(10);
    expect(located.every((r) => r.quality === 'simulation')).toBe(true);
    // The RMC is void (V): no GNSS time is carried from a demo receiver.
    expect(located.every((r) => r.fixTimeMs === undefined)).toBe(true);
  });
});
