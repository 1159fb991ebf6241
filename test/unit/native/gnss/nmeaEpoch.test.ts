import { describe, expect, it } from 'vitest';
import { NmeaEpochAssembler, epochReading, type EpochSentence, type NmeaEpoch } from '../../../../native/gnss/nmeaEpoch';
import { parseNmeaSentence } from '../../../../native/gnss/nmeaParser';
import { VECTORS, withChecksum } from './nmeaVectors';

function sentence(line: string): EpochSentence {
  const result = parseNmeaSentence(line);
  if (!result.ok || result.sentence.type === 'other') throw new Error(`not an epoch sentence: ${line}`);
  return result.sentence;
}

/** Feeds lines and returns every finished epoch, the last one flushed. */
function epochs(lines: string[], maxSentences?: number): NmeaEpoch[] {
  const assembler = new NmeaEpochAssembler(maxSentences);
  const done: NmeaEpoch[] = [];
  for (const line of lines) {
    const finished = assembler.add(sentence(line));
    if (finished) done.push(finished);
  }
  const last = assembler.flush();
  if (last) done.push(last);
  return done;
}

function reading(lines: string[]) {
  const all = epochs(lines);
  expect(all).toHaveLength(1);
  return epochReading(all[0]!, 1000);
}

const gga = (time: string, q = 1, alt = '545.4') => withChecksum(`GPGGA,${time},4807.0380,N,01131.0000,E,${q},08,0.9,${alt},M,46.9,M,,`);
const rmc = (time: string, status = 'A', mode = 'A') =>
  withChecksum(`GPRMC,${time},${status},4807.0380,N,01131.0000,E,10.0,84.4,230394,,,${mode}`);
const gsa = (type: number, system?: number, sats = '04,05,09') =>
  withChecksum(`GNGSA,A,${type},${sats}${','.repeat(12 - sats.split(',').length)},2.5,1.3,2.1${system === undefined ? '' : `,${system}`}`);

describe('epoch grouping', () => {
  it('puts GGA, RMC and GSA of one time into one epoch', () => {
    expect(epochs([VECTORS.gga, VECTORS.rmc, VECTORS.gsa])).toHaveLength(1);
  });

  it('ends an epoch when a sentence carries a different time', () => {
    const all = epochs([gga('120000.00'), rmc('120000.00'), gsa(3), rmc('120001.00'), gga('120001.00'), gsa(3)]);
    expect(all.map((e) => e.time)).toEqual(['120000.00', '120001.00']);
    expect(all.map((e) => e.size)).toEqual([3, 3]);
  });

  it('ends an epoch when GGA or RMC comes again without a time (no fix yet)', () => {
    expect(epochs([VECTORS.ggaNoFix, VECTORS.rmcNoFix, VECTORS.ggaNoFix, VECTORS.rmcNoFix])).toHaveLength(2);
  });

  it('keeps several GSA and GSV sentences in one epoch', () => {
    const gsv = withChecksum('GPGSV,2,1,08,01,40,083,46,02,17,308,41,12,07,344,39,14,22,228,45');
    const gsv2 = withChecksum('GPGSV,2,2,08,15,40,083,46,16,17,308,41,17,07,344,39,18,22,228,45');
    expect(epochs([gga('120000.00'), gsa(3, 1), gsa(3, 4), gsv, gsv2])).toHaveLength(1);
  });

  it('closes an epoch after maxSentences (bounded memory)', () => {
    const gsv = withChecksum('GPGSV,1,1,00');
    expect(epochs(Array<string>(10).fill(gsv), 4).map((e) => e.size)).toEqual([4, 4, 2]);
  });
});

describe('epoch → reading', () => {
  it('reads the reference vectors as a 3D GPS fix with position, altitude, speed and heading', () => {
    const r = reading([VECTORS.gga, VECTORS.rmc, VECTORS.gsa]);
    expect(r).toMatchObject({
      at: 1000,
      fixMode: '3d',
      quality: 'gps',
      altitudeM: 545.4,
      speedMps: 0.01,
      headingDeg: 84.4,
      satellitesUsed: 5, // counted from the GSA list, not GGA's 08
      hdop: 0.9,
    });
    expect(r.latitude).toBeCloseTo(48.1173, 6);
    expect(r.longitude).toBeCloseTo(11.516667, 6);
  });

  it('reads the no-fix vectors as no fix: position, altitude, speed, heading and HDOP null', () => {
    expect(reading([VECTORS.ggaNoFix, VECTORS.rmcNoFix])).toEqual({
      at: 1000,
      fixMode: 'none',
      quality: 'none',
      latitude: null,
      longitude: null,
      altitudeM: null,
      hdop: null,
      speedMps: null,
      headingDeg: null,
      satellitesUsed: 0,
    });
  });

  it('does not invent a fix from the zeros some receivers print without one', () => {
    const zerosGga = withChecksum('GPGGA,120000.00,0000.0000,N,00000.0000,E,0,00,99.99,0.0,M,0.0,M,,');
    const zerosRmc = withChecksum('GPRMC,120000.00,V,0000.0000,N,00000.0000,E,0.0,0.0,010125,,,N');
    expect(reading([zerosGga, zerosRmc])).toMatchObject({
      fixMode: 'none',
      latitude: null,
      longitude: null,
      speedMps: null,
      headingDeg: null,
    });
  });

  it('never takes 0°/0° as a position, even with quality 1', () => {
    const r = reading([withChecksum('GPGGA,120000.00,0000.0000,N,00000.0000,E,1,05,1.0,0.0,M,0.0,M,,')]);
    expect(r).toMatchObject({ fixMode: 'none', latitude: null });
  });

  it('lets GGA decide the fix when GGA and RMC disagree', () => {
    expect(reading([gga('120000.00', 0), rmc('120000.00', 'A')])).toMatchObject({ fixMode: 'none', latitude: null });
    expect(reading([gga('120000.00', 2), rmc('120000.00', 'V')])).toMatchObject({ quality: 'dgps', latitude: expect.any(Number) });
  });

  it('takes the fix mode from GSA: 2D has no altitude', () => {
    expect(reading([gga('120000.00'), gsa(2)])).toMatchObject({ fixMode: '2d', altitudeM: null });
  });

  it('takes the best fix mode of several GSA sentences (one per system)', () => {
    expect(reading([gga('120000.00'), gsa(2, 1), gsa(3, 4)])).toMatchObject({ fixMode: '3d', altitudeM: 545.4 });
  });

  it('without GSA derives the mode from GGA: 3D with an altitude, else 2D', () => {
    expect(reading([gga('120000.00')])).toMatchObject({ fixMode: '3d', altitudeM: 545.4 });
    expect(reading([gga('120000.00', 1, '')])).toMatchObject({ fixMode: '2d', altitudeM: null });
  });

  it('with RMC alone takes quality from the mode letter and leaves mode and altitude unsaid', () => {
    const r = reading([rmc('120000.00', 'A', 'D')]);
    expect(r).toMatchObject({ quality: 'dgps', speedMps: 5.144, headingDeg: 84.4 });
    expect(r.fixMode).toBeUndefined();
    expect(r.altitudeM).toBeUndefined();
    expect(r.satellitesUsed).toBeUndefined();
  });

  it('counts satellites used over the GSA sentences when there is no GGA', () => {
    expect(reading([gsa(3, 1, '01,02,03'), gsa(3, 4, '11,12')])).toMatchObject({ fixMode: '3d', satellitesUsed: 5, hdop: 1.3 });
  });

  it('sums satellites in view over talkers, taking the largest count per talker across signals', () => {
    const lines = [
      gga('120000.00'),
      withChecksum('GPGSV,1,1,03,01,40,083,46,02,17,308,41,12,07,344,39,1'),
      withChecksum('GPGSV,1,1,02,01,40,083,46,02,17,308,41,8'),
      withChecksum('GBGSV,1,1,04,07,40,083,46,08,17,308,41,12,07,344,39,14,22,228,45'),
    ];
    expect(reading(lines)).toMatchObject({ satellitesVisible: 7 });
  });

  it('uses a combined GN count when it is larger than the sum of the systems', () => {
    const lines = [gga('120000.00'), withChecksum('GNGSV,1,1,09'), withChecksum('GPGSV,1,1,04')];
    expect(reading(lines)).toMatchObject({ satellitesVisible: 9 });
  });
});

describe('satellites used and time, per epoch', () => {
  const glgga = (time: string, used: string) => withChecksum(`GLGGA,${time},4807.0380,N,01131.0000,E,1,${used},0.9,545.4,M,46.9,M,,`);
  const gpgga = (time: string, used: string) => withChecksum(`GPGGA,${time},4807.0380,N,01131.0000,E,1,${used},0.9,545.4,M,46.9,M,,`);

  it('without GSA sums the GGA of each constellation (GPGGA 08 + GLGGA 05 = 13)', () => {
    expect(reading([gpgga('120000.00', '08'), glgga('120000.00', '05')]).satellitesUsed).toBe(13);
  });

  it('counts a satellite listed by both a GPGSA and a GNGSA once', () => {
    const gpgsa = withChecksum('GPGSA,A,3,02,04,06,,,,,,,,,,1.4,0.8,1.1');
    const gngsa = withChecksum('GNGSA,A,3,02,04,06,,,,,,,,,,1.4,0.8,1.1');
    const glonass = withChecksum('GNGSA,A,3,70,72,,,,,,,,,,,1.4,0.8,1.1');
    expect(reading([gga('120000.00'), gpgsa, gngsa, glonass]).satellitesUsed).toBe(5);
  });

  it('keeps the GGA of each constellation in one epoch also before the receiver has a time', () => {
    const noFix = (talker: string) => withChecksum(`${talker}GGA,,,,,,0,00,,,M,,M,,`);
    expect(epochs([noFix('GP'), noFix('GL'), noFix('GP'), noFix('GL')])).toHaveLength(2);
  });

  it('RMC mode E (estimated) without GGA is dead reckoning, S is simulation', () => {
    expect(reading([rmc('120000.00', 'A', 'E')]).quality).toBe('dead-reckoning');
    expect(reading([rmc('120000.00', 'A', 'S')]).quality).toBe('simulation');
  });

  it('carries no time from a void RMC', () => {
    const r = reading([gga('120000.00'), rmc('120000.00', 'V', 'N')]);
    expect(r.fixTimeMs).toBeUndefined();
    expect(r.clockOffsetMs).toBeUndefined();
  });
});
