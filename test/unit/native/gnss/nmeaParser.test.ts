import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nmeaChecksum, nmeaLatitude, nmeaLongitude, nmeaNumber, nmeaTime, nmeaUtc } from '../../../../native/gnss/nmeaFields';
import { parseNmeaSentence, type NmeaParseResult, type NmeaSentence } from '../../../../native/gnss/nmeaParser';
import { VECTORS, withChecksum } from './nmeaVectors';

function parsed(line: string): NmeaSentence {
  const result = parseNmeaSentence(line);
  if (!result.ok) throw new Error(`expected ${line} to parse, got ${result.problem}`);
  return result.sentence;
}

function problem(line: string): string | undefined {
  const result: NmeaParseResult = parseNmeaSentence(line);
  return result.ok ? undefined : result.problem;
}

describe('NMEA checksum (XOR of the bytes between $ and *)', () => {
  it.each(Object.entries(VECTORS))('matches the reference vector %s', (_name, line) => {
    const body = line.slice(1, line.indexOf('*'));
    expect(nmeaChecksum(body)).toBe(parseInt(line.slice(-2), 16));
    expect(parseNmeaSentence(line).ok).toBe(true);
  });

  it('accepts lower-case hex digits', () => {
    expect(parseNmeaSentence(VECTORS.rmc.replace('*7A', '*7a')).ok).toBe(true);
  });

  it('rejects a mismatching checksum', () => {
    expect(problem(VECTORS.gga.replace('*69', '*68'))).toBe('bad-checksum');
    expect(problem(VECTORS.gga.replace('545.4', '545.5'))).toBe('bad-checksum');
  });

  it('rejects a sentence without checksum, or with a malformed one', () => {
    expect(problem(VECTORS.gga.slice(0, -3))).toBe('no-checksum');
    expect(problem(VECTORS.gga.replace('*69', '*6'))).toBe('no-checksum');
    expect(problem(VECTORS.gga.replace('*69', '*6G'))).toBe('no-checksum');
    expect(problem(`${VECTORS.gga}0`)).toBe('no-checksum');
  });

  it('rejects the partial first line after opening (the tail of a sentence)', () => {
    expect(problem(VECTORS.gga.slice(30))).toBe('no-start');
    expect(problem('')).toBe('no-start');
  });

  it('detects every single-character change of a sentence body (property)', () => {
    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(VECTORS)), fc.nat(), printable, (line, at, replacement) => {
        const star = line.indexOf('*');
        const i = 1 + (at % (star - 1));
        fc.pre(line[i] !== replacement);
        const mutated = line.slice(0, i) + replacement + line.slice(i + 1);
        expect(parseNmeaSentence(mutated).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('framing and address', () => {
  it('matches the type on the last three letters, whatever the talker', () => {
    for (const talker of ['GP', 'GN', 'GL', 'GA', 'GB', 'BD', 'GQ', 'QZ']) {
      const s = parsed(withChecksum(`${talker}GGA,123519.00,4807.0380,N,01131.0000,E,1,08,0.9,545.4,M,46.9,M,,`));
      expect(s).toMatchObject({ type: 'GGA', talker });
    }
  });

  it('passes other and proprietary sentences through as "other"', () => {
    expect(parsed(withChecksum('GPVTG,84.4,T,,M,0.02,N,0.04,K,A'))).toEqual({ type: 'other', talker: 'GP', address: 'GPVTG' });
    expect(parsed(withChecksum('PUBX,00,123519.00'))).toEqual({ type: 'other', talker: 'P', address: 'PUBX' });
    expect(parsed(withChecksum('GPTXT,01,01,02,u-blox ag'))).toMatchObject({ type: 'other', address: 'GPTXT' });
  });

  it('rejects a bad address', () => {
    expect(problem(withChecksum('gpgga,1'))).toBe('bad-address');
    expect(problem(withChecksum('GGA,1'))).toBe('bad-address');
    expect(problem(withChecksum(',1,2'))).toBe('bad-address');
  });

  it('rejects control characters and a second star in the body', () => {
    expect(problem(withChecksum('GPGGA,\u0001'))).toBe('bad-shape');
    expect(problem(withChecksum('GPGGA,1*2'))).toBe('bad-shape');
  });

  it('takes the sentence from the last $ and flags noise glued in front of it', () => {
    const result = parseNmeaSentence(`\u00ff\u00fe$G#${VECTORS.gga}`);
    expect(result).toMatchObject({ ok: true, noise: true, sentence: { type: 'GGA' } });
    expect(parseNmeaSentence(VECTORS.gga)).toMatchObject({ ok: true, noise: false });
  });
});

describe('$--GGA', () => {
  it('parses the reference vector (ddmm.mmmm → degrees, quality, satellites, HDOP, MSL altitude)', () => {
    const s = parsed(VECTORS.gga);
    expect(s).toMatchObject({
      type: 'GGA',
      talker: 'GP',
      quality: 'gps',
      satellitesUsed: 8,
      hdop: 0.9,
      altitudeM: 545.4,
      geoidSeparationM: 46.9,
    });
    if (s.type !== 'GGA') throw new Error('GGA');
    expect(s.latitude).toBeCloseTo(48 + 7.038 / 60, 9);
    expect(s.longitude).toBeCloseTo(11 + 31 / 60, 9);
    expect(s.time).toEqual({ text: '123519.00', msOfDay: (12 * 3600 + 35 * 60 + 19) * 1000 });
  });

  it('parses the gpsd documentation example without the DGPS fields, west negative', () => {
    const s = parsed(VECTORS.gpsdDocGga);
    if (s.type !== 'GGA') throw new Error('GGA');
    expect(s).toMatchObject({ talker: 'GN', quality: 'gps', satellitesUsed: 12, hdop: 0.98, altitudeM: 1113, geoidSeparationM: -21.3 });
    expect(s.latitude).toBeCloseTo(44 + 4.14036 / 60, 9);
    expect(s.longitude).toBeCloseTo(-(121 + 18.85961 / 60), 9);
  });

  it('reads the no-fix vector as quality none with every position field empty', () => {
    expect(parsed(VECTORS.ggaNoFix)).toEqual({
      type: 'GGA',
      talker: 'GP',
      time: undefined,
      quality: 'none',
      latitude: undefined,
      longitude: undefined,
      satellitesUsed: 0,
      hdop: 99.99,
      altitudeM: undefined,
      geoidSeparationM: undefined,
    });
  });

  it.each([
    [0, 'none'],
    [1, 'gps'],
    [2, 'dgps'],
    [3, 'pps'],
    [4, 'rtk-fixed'],
    [5, 'rtk-float'],
    [6, 'dead-reckoning'],
    [7, 'manual'],
    [8, 'simulation'],
    [9, undefined],
  ])('quality %i is %s', (q, quality) => {
    expect(parsed(withChecksum(`GPGGA,123519.00,4807.0380,N,01131.0000,E,${q},08,0.9,545.4,M,46.9,M,,`))).toMatchObject({ quality });
  });

  it('gives south latitude negative', () => {
    const s = parsed(withChecksum('GPGGA,010203,3340.1234,S,15112.5000,E,1,05,1.2,30.0,M,,M,,'));
    if (s.type !== 'GGA') throw new Error('GGA');
    expect(s.latitude).toBeCloseTo(-(33 + 40.1234 / 60), 9);
    expect(s.longitude).toBeCloseTo(151 + 12.5 / 60, 9);
  });

  it('rejects too few or too many fields as a wrong shape', () => {
    expect(problem(withChecksum('GPGGA,123519.00,4807.0380,N,01131.0000'))).toBe('bad-shape');
    expect(problem(withChecksum(`GPGGA${',1'.repeat(17)}`))).toBe('bad-shape');
  });

  it('drops an altitude given in other units than metres', () => {
    expect(parsed(withChecksum('GPGGA,123519.00,4807.0380,N,01131.0000,E,1,08,0.9,545.4,F,46.9,M,,'))).toMatchObject({
      altitudeM: undefined,
    });
  });
});

describe('$--RMC', () => {
  it('parses the reference vector (status A, knots → m/s, track, date + time)', () => {
    const s = parsed(VECTORS.rmc);
    expect(s).toMatchObject({ type: 'RMC', talker: 'GN', valid: true, speedMps: 0.01, headingDeg: 84.4, mode: 'A' });
    if (s.type !== 'RMC') throw new Error('RMC');
    expect(s.utcMs).toBe(Date.UTC(1994, 2, 23, 12, 35, 19));
    expect(s.latitude).toBeCloseTo(48.1173, 9);
  });

  it('converts knots to m/s (1 kn = 1852/3600 m/s)', () => {
    const s = parsed(withChecksum('GPRMC,010203,A,3040.0000,N,10400.0000,E,10.0,90.0,010125,,,A'));
    expect(s).toMatchObject({ speedMps: 5.144, headingDeg: 90, utcMs: Date.UTC(2025, 0, 1, 1, 2, 3) });
  });

  it('reads the no-fix vector as not valid (status V, mode N)', () => {
    expect(parsed(VECTORS.rmcNoFix)).toMatchObject({
      valid: false,
      latitude: undefined,
      speedMps: undefined,
      headingDeg: undefined,
      utcMs: undefined,
      mode: 'N',
    });
  });

  it('treats status A with mode N as not valid', () => {
    expect(parsed(withChecksum('GPRMC,010203,A,3040.0000,N,10400.0000,E,0.0,,010125,,,N'))).toMatchObject({ valid: false });
  });

  it('accepts the NMEA 2.0 (11 fields) and 4.1 (13 fields, nav status) forms', () => {
    expect(parsed(withChecksum('GPRMC,010203,A,3040.0000,N,10400.0000,E,1.0,45.0,010125,,'))).toMatchObject({
      valid: true,
      mode: undefined,
    });
    expect(parsed(withChecksum('GNRMC,010203,A,3040.0000,N,10400.0000,E,1.0,45.0,010125,,,D,V'))).toMatchObject({ valid: true, mode: 'D' });
    expect(problem(withChecksum('GPRMC,010203,A,3040.0000,N,10400.0000,E,1.0,45.0,010125'))).toBe('bad-shape');
  });

  it('reads an empty track (standing still) as no heading, and 360° as 0°', () => {
    expect(parsed(withChecksum('GPRMC,010203,A,3040.0000,N,10400.0000,E,0.0,,010125,,,A'))).toMatchObject({
      headingDeg: undefined,
      speedMps: 0,
    });
    expect(parsed(withChecksum('GPRMC,010203,A,3040.0000,N,10400.0000,E,1.0,360.0,010125,,,A'))).toMatchObject({ headingDeg: 0 });
  });
});

describe('$--GSA', () => {
  it('parses the reference vector (fix type 3, used satellites, PDOP/HDOP/VDOP)', () => {
    expect(parsed(VECTORS.gsa)).toEqual({
      type: 'GSA',
      talker: 'GN',
      fixMode: '3d',
      satellites: [4, 5, 9, 12, 24],
      pdop: 2.5,
      hdop: 1.3,
      vdop: 2.1,
      systemId: undefined,
    });
  });

  it.each([
    ['1', 'none'],
    ['2', '2d'],
    ['3', '3d'],
    ['', undefined],
  ])('fix type "%s" is %s', (type, fixMode) => {
    expect(parsed(withChecksum(`GPGSA,A,${type},,,,,,,,,,,,,99.99,99.99,99.99`))).toMatchObject({ fixMode, satellites: [] });
  });

  it('reads the NMEA 4.11 system id', () => {
    expect(parsed(withChecksum('GNGSA,A,3,01,12,23,,,,,,,,,,1.44,0.90,1.17,4'))).toMatchObject({ systemId: 4, satellites: [1, 12, 23] });
  });

  it('rejects a GSA with the wrong number of fields', () => {
    expect(problem(withChecksum('GNGSA,A,3,04,05,2.5,1.3,2.1'))).toBe('bad-shape');
  });
});

describe('$--GSV', () => {
  it('parses satellites in view, satellite groups and the NMEA 4.11 signal id', () => {
    expect(parsed(withChecksum('GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00,1'))).toMatchObject({
      type: 'GSV',
      messageCount: 3,
      messageNumber: 1,
      satellitesInView: 11,
      signalId: 1,
      satellites: [
        { id: 3, elevationDeg: 3, azimuthDeg: 111, snrDbHz: 0 },
        { id: 4, elevationDeg: 15, azimuthDeg: 270, snrDbHz: 0 },
        { id: 6, elevationDeg: 1, azimuthDeg: 10, snrDbHz: 0 },
        { id: 13, elevationDeg: 6, azimuthDeg: 292, snrDbHz: 0 },
      ],
    });
  });

  it('reads an empty sky and a satellite not tracked (empty SNR)', () => {
    expect(parsed(withChecksum('GPGSV,1,1,00'))).toMatchObject({ satellitesInView: 0, satellites: [] });
    expect(parsed(withChecksum('GBGSV,1,1,01,07,45,120,'))).toMatchObject({ talker: 'GB', satellites: [{ id: 7, snrDbHz: undefined }] });
  });

  it('rejects a message number beyond the count, or missing counts', () => {
    expect(problem(withChecksum('GPGSV,1,2,04'))).toBe('bad-shape');
    expect(problem(withChecksum('GPGSV,,1,04'))).toBe('bad-shape');
  });
});

describe('NMEA fields', () => {
  it('reject out-of-range and malformed angles', () => {
    expect(nmeaLatitude('4860.0000', 'N')).toBeUndefined(); // 60 minutes
    expect(nmeaLatitude('9100.0000', 'N')).toBeUndefined();
    expect(nmeaLatitude('4807.0380', '')).toBeUndefined();
    expect(nmeaLatitude('4807.0380', 'E')).toBeUndefined();
    expect(nmeaLongitude('18100.0000', 'E')).toBeUndefined();
    expect(nmeaLongitude('1a131.0000', 'E')).toBeUndefined();
    expect(nmeaLatitude('9000.0000', 'S')).toBe(-90);
  });

  it('reject malformed times and dates', () => {
    expect(nmeaTime('246000')).toBeUndefined();
    expect(nmeaTime('12351')).toBeUndefined();
    expect(nmeaTime('235960.5')).toEqual({ text: '235960.5', msOfDay: 86_400_500 }); // leap second
    expect(nmeaUtc('310299', nmeaTime('000000'))).toBeUndefined(); // 31 February
    expect(nmeaUtc('010180', nmeaTime('000000'))).toBe(Date.UTC(1980, 0, 1));
  });

  it('read only plain decimals as numbers', () => {
    expect(nmeaNumber('-21.3')).toBe(-21.3);
    expect(nmeaNumber('1e3')).toBeUndefined();
    expect(nmeaNumber('0x10')).toBeUndefined();
    expect(nmeaNumber('')).toBeUndefined();
  });
});

describe('parser on random and mutated input (property)', () => {
  it('never throws on random text or bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        (line) => {
          parseNmeaSentence(line);
          parseNmeaSentence(`$${line}`);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws on mutations of valid sentences, even with a recomputed checksum', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...Object.values(VECTORS)), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }))
      .map(([line, at, len, insert]) => {
        const body = line.slice(1, line.indexOf('*'));
        const i = at % (body.length + 1);
        return body.slice(0, i) + insert + body.slice(i + (len % 8));
      });
    fc.assert(
      fc.property(mutated, (body) => {
        parseNmeaSentence(`$${body}`);
        const result = parseNmeaSentence(withChecksum(body));
        if (result.ok && result.sentence.type === 'GGA' && result.sentence.latitude !== undefined) {
          expect(Math.abs(result.sentence.latitude)).toBeLessThanOrEqual(90);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
