import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GPSD_MAX_LINE, parseGpsdLine, skyReading, tpvReading, type GpsdMessage } from '../../../../native/gnss/gpsdParser';
import type { GpsdSky, GpsdTpv } from '../../../../protocol/devices/gpsd';
import { isMeasuredQuality } from '../../../../protocol/links/gnss';

/** The gpsd documentation examples quoted in reference §7.2. */
const DOC_TPV =
  '{"class":"TPV","device":"/dev/ttyUSB0","mode":3,"time":"2005-06-08T10:34:48.283Z","ept":0.005,"lat":46.498293369,"lon":7.567411672,"altHAE":1343.127,"eph":36.0,"epv":32.321,"track":10.3788,"speed":0.091,"climb":-0.085}';
const DOC_SKY =
  '{"class":"SKY","device":"/dev/ttyUSB0","hdop":1.24,"pdop":1.99,"nSat":2,"uSat":1,"satellites":[{"PRN":8,"el":66,"az":189,"ss":44,"used":true},{"PRN":23,"el":6,"az":84,"ss":0,"used":false}]}';
const VERSION = '{"class":"VERSION","release":"3.25","rev":"3.25","proto_major":3,"proto_minor":15}';
const DEVICES =
  '{"class":"DEVICES","devices":[{"class":"DEVICE","path":"/dev/ttyACM0","driver":"u-blox","subtype":"SW ROM CORE 3.01 (107888),HW 00080000","activated":"2024-05-01T08:00:00.000Z","flags":1,"native":1,"bps":9600,"parity":"N","stopbits":1,"cycle":1.00,"mincycle":0.25}]}';
const WATCH = '{"class":"WATCH","enable":true,"json":true,"nmea":false,"raw":0,"scaled":false,"timing":false,"split24":false,"pps":false}';
const ERROR = '{"class":"ERROR","message":"Unrecognized request \'?FOO\'"}';

function message(line: string): GpsdMessage {
  const result = parseGpsdLine(line);
  if (!result.ok) throw new Error(`expected ${line} to parse: ${result.problem} ${result.detail ?? ''}`);
  return result.message;
}

function tpv(fields: Record<string, unknown>): GpsdTpv {
  const m = message(JSON.stringify({ class: 'TPV', ...fields }));
  if (m.class !== 'TPV') throw new Error('TPV');
  return m;
}

function sky(fields: Record<string, unknown>): GpsdSky {
  const m = message(JSON.stringify({ class: 'SKY', ...fields }));
  if (m.class !== 'SKY') throw new Error('SKY');
  return m;
}

describe('gpsd objects', () => {
  it('parses VERSION, DEVICES, WATCH and ERROR', () => {
    expect(message(VERSION)).toMatchObject({ class: 'VERSION', release: '3.25', proto_major: 3, proto_minor: 15 });
    expect(message(DEVICES)).toMatchObject({ class: 'DEVICES', devices: [{ path: '/dev/ttyACM0', driver: 'u-blox', bps: 9600 }] });
    expect(message(WATCH)).toMatchObject({ class: 'WATCH', enable: true, json: true });
    expect(message(ERROR)).toEqual({ class: 'ERROR', message: "Unrecognized request '?FOO'" });
  });

  it('parses the documentation TPV and SKY examples', () => {
    expect(message(DOC_TPV)).toMatchObject({
      class: 'TPV',
      mode: 3,
      lat: 46.498293369,
      lon: 7.567411672,
      altHAE: 1343.127,
      track: 10.3788,
      speed: 0.091,
    });
    expect(message(DOC_SKY)).toMatchObject({
      class: 'SKY',
      hdop: 1.24,
      nSat: 2,
      uSat: 1,
      satellites: [
        { PRN: 8, used: true },
        { PRN: 23, used: false },
      ],
    });
  });

  it('ignores classes it does not use', () => {
    expect(message('{"class":"PPS","device":"/dev/pps0","real_sec":1}')).toEqual({ class: 'other', name: 'PPS' });
    expect(message('{"class":"TOFF"}')).toEqual({ class: 'other', name: 'TOFF' });
  });

  it('rejects text that is not JSON, such as a truncated object', () => {
    expect(parseGpsdLine(DOC_TPV.slice(0, 80))).toEqual({ ok: false, problem: 'not-json' });
    expect(parseGpsdLine('garbage')).toEqual({ ok: false, problem: 'not-json' });
  });

  it('rejects JSON that is not an object with a class', () => {
    expect(parseGpsdLine('[1,2]')).toMatchObject({ ok: false, problem: 'bad-shape' });
    expect(parseGpsdLine('null')).toMatchObject({ ok: false, problem: 'bad-shape' });
    expect(parseGpsdLine('"TPV"')).toMatchObject({ ok: false, problem: 'bad-shape' });
    expect(parseGpsdLine('{"class":3}')).toMatchObject({ ok: false, problem: 'bad-shape', detail: 'no class' });
  });

  it('rejects a TPV without a valid mode, and a DEVICES without its list', () => {
    expect(parseGpsdLine('{"class":"TPV","lat":1,"lon":2}')).toMatchObject({ ok: false, problem: 'bad-shape' });
    expect(parseGpsdLine('{"class":"TPV","mode":4}')).toMatchObject({ ok: false, problem: 'bad-shape' });
    expect(parseGpsdLine('{"class":"TPV","mode":"3"}')).toMatchObject({ ok: false, problem: 'bad-shape' });
    expect(parseGpsdLine('{"class":"DEVICES"}')).toMatchObject({ ok: false, problem: 'bad-shape' });
  });

  it('drops a field of the wrong type or out of range instead of the whole report (absent = unknown, never null)', () => {
    expect(tpv({ mode: 3, lat: null, lon: 7.5, speed: -1, track: 400, altMSL: 'high' })).toMatchObject({
      mode: 3,
      lat: undefined,
      lon: 7.5,
      speed: undefined,
      track: undefined,
      altMSL: undefined,
    });
    expect(sky({ uSat: -1, nSat: 'x', hdop: null })).toMatchObject({ uSat: undefined, nSat: undefined, hdop: undefined });
  });

  it('rejects a line longer than gpsd sends (10 240 characters)', () => {
    expect(parseGpsdLine(`{"class":"TPV","mode":1,"x":"${'a'.repeat(GPSD_MAX_LINE)}"}`)).toEqual({ ok: false, problem: 'too-long' });
  });
});

describe('TPV → reading', () => {
  it('reads the documentation example as a 3D fix (altitude from altHAE when there is no altMSL)', () => {
    const m = message(DOC_TPV);
    if (m.class !== 'TPV') throw new Error('TPV');
    expect(tpvReading(m, 5)).toEqual({
      at: 5,
      fixMode: '3d',
      quality: 'gps',
      latitude: 46.498293369,
      longitude: 7.567411672,
      altitudeM: 1343.127,
      speedMps: 0.091,
      headingDeg: 10.3788,
      // the example's time, 2005-06-08T10:34:48.283Z, and the clock offset at `at` = 5 ms
      fixTimeMs: 1118226888283,
      clockOffsetMs: 5 - 1118226888283,
    });
  });

  it.each([0, 1])('reads mode %i as no fix: position, altitude, speed, heading and HDOP null', (mode) => {
    expect(tpvReading(tpv({ mode, time: '2024-05-01T08:00:00.000Z' }), 5)).toEqual({
      at: 5,
      fixMode: 'none',
      quality: 'none',
      latitude: null,
      longitude: null,
      altitudeM: null,
      speedMps: null,
      headingDeg: null,
      hdop: null,
      // gpsd knows the time without a fix: it is carried
      fixTimeMs: Date.parse('2024-05-01T08:00:00.000Z'),
      clockOffsetMs: 5 - Date.parse('2024-05-01T08:00:00.000Z'),
    });
  });

  it('reads mode 2 as a 2D fix without altitude', () => {
    expect(tpvReading(tpv({ mode: 2, lat: 30.6, lon: 104.06, altHAE: 500 }), 5)).toMatchObject({ fixMode: '2d', altitudeM: null });
  });

  it('prefers altMSL, then the older alt, then altHAE', () => {
    expect(tpvReading(tpv({ mode: 3, lat: 30.6, lon: 104, altHAE: 470, altMSL: 500, alt: 499 }), 5).altitudeM).toBe(500);
    expect(tpvReading(tpv({ mode: 3, lat: 30.6, lon: 104, altHAE: 470, alt: 499 }), 5).altitudeM).toBe(499);
  });

  it('gives speed and heading null when a fix leaves them out', () => {
    expect(tpvReading(tpv({ mode: 3, lat: 30.6, lon: 104 }), 5)).toMatchObject({ speedMps: null, headingDeg: null, altitudeM: null });
  });

  it.each([
    [undefined, 'gps'],
    [0, 'gps'],
    [1, 'gps'],
    [2, 'dgps'],
    [3, 'rtk-fixed'],
    [4, 'rtk-float'],
    [5, 'dead-reckoning'],
    [6, 'dead-reckoning'],
    [7, 'manual'],
    [8, 'simulation'],
    [9, 'pps'],
  ])('status %s is quality %s (gpsd 3.22 STATUS_*)', (status, quality) => {
    expect(tpvReading(tpv({ mode: 3, status, lat: 30.6, lon: 104 }), 5).quality).toBe(quality);
  });

  it('marks dead reckoning (5), GNSS + dead reckoning (6) and simulated (8) fixes unmeasured: never track or report', () => {
    const unmeasured = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter(
      (status) => !isMeasuredQuality(tpvReading(tpv({ mode: 3, status, lat: 30.6, lon: 104 }), 5).quality ?? undefined),
    );
    expect(unmeasured).toEqual([5, 6, 8]);
  });

  it('never takes a fix without a usable position, or at 0°/0°', () => {
    expect(tpvReading(tpv({ mode: 3, lat: 30.6 }), 5)).toMatchObject({ fixMode: 'none', latitude: null });
    expect(tpvReading(tpv({ mode: 3, lat: 0, lon: 0 }), 5)).toMatchObject({ fixMode: 'none', latitude: null });
  });
});

describe('SKY → reading', () => {
  it('reads the documentation example: satellites used and visible, HDOP', () => {
    expect(skyReading(sky(JSON.parse(DOC_SKY) as Record<string, unknown>), 5)).toEqual({
      at: 5,
      satellitesUsed: 1,
      satellitesVisible: 2,
      hdop: 1.24,
    });
  });

  it('counts satellites[] when uSat and nSat are left out', () => {
    const satellites = [{ PRN: 1, used: true }, { PRN: 2, used: true }, { PRN: 3, used: false }, { PRN: 4 }];
    expect(skyReading(sky({ satellites }), 5)).toEqual({ at: 5, satellitesUsed: 2, satellitesVisible: 4 });
  });

  it('reports nothing it was not told', () => {
    expect(skyReading(sky({ pdop: 2 }), 5)).toEqual({ at: 5 });
  });
});

describe('gpsd parser on random and mutated input (property)', () => {
  const VALID = [DOC_TPV, DOC_SKY, VERSION, DEVICES, WATCH, ERROR];

  it('never throws on random text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.json()), (line) => {
        parseGpsdLine(line);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on random JSON objects with a known class', () => {
    const classes = fc.constantFrom('VERSION', 'DEVICES', 'DEVICE', 'WATCH', 'ERROR', 'TPV', 'SKY');
    fc.assert(
      fc.property(
        classes,
        fc.dictionary(fc.constantFrom('mode', 'lat', 'lon', 'devices', 'satellites', 'uSat', 'release', 'x'), fc.jsonValue()),
        (name, fields) => {
          const result = parseGpsdLine(JSON.stringify({ ...fields, class: name }));
          if (result.ok && result.message.class === 'TPV') tpvReading(result.message, 0);
          if (result.ok && result.message.class === 'SKY') skyReading(result.message, 0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('rejects every truncation of a valid object, and never throws', () => {
    for (const line of VALID) {
      for (let cut = 0; cut < line.length; cut++) expect(parseGpsdLine(line.slice(0, cut)).ok).toBe(false);
    }
  });

  it('never throws on mutations of valid objects', () => {
    const mutated = fc.tuple(fc.constantFrom(...VALID), fc.nat(), fc.nat(), fc.string({ maxLength: 8 })).map(([line, at, len, insert]) => {
      const i = at % (line.length + 1);
      return line.slice(0, i) + insert + line.slice(i + (len % 8));
    });
    fc.assert(
      fc.property(mutated, (line) => {
        const result = parseGpsdLine(line);
        if (result.ok && result.message.class === 'TPV') tpvReading(result.message, 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('survives deeply nested JSON', () => {
    expect(parseGpsdLine('['.repeat(5000) + ']'.repeat(5000))).toMatchObject({ ok: false });
  });
});
