import { describe, expect, it } from 'vitest';
import { NmeaDecoder } from '../../../../native/gnss/NmeaDecoder';
import type { GnssReading } from '../../../../native/gnss/gnssTypes';
import { NmeaEpochAssembler, epochReading, type EpochSentence } from '../../../../native/gnss/nmeaEpoch';
import { gnsQuality, parseNmeaSentence, type GnsSentence } from '../../../../native/gnss/nmeaParser';
import { withChecksum } from './nmeaVectors';

/**
 * Real GNS sentences (NMEA 4.x multi-constellation fix data), each as its receiver sent it:
 * - `um980`: Unicore UM980 in a SparkFun RTK Torch, quoted as the "Original" sentence in
 *   sparkfun/SparkFun_RTK_Everywhere_Firmware `Firmware/RTK_Everywhere/Tilt.ino`: modes for
 *   five systems (GLONASS unused), 28 satellites (over GGA's 12), NMEA 4.1 nav status `S`.
 * - `trimble*`: the Trimble receiver example in ktuukkan/marine-api
 *   `src/main/java/net/sf/marineapi/nmea/sentence/GNSSentence.java` (after Trimble's NMEA
 *   reference): an RTK-fixed combined GNGNS and its per-constellation GPGNS/GLGNS companions,
 *   which carry only that system's satellite count.
 * - `droid4NoFix`, `DROID4_BURST`: the Motorola Droid 4 modem's GNSS before a fix (`cat
 *   /dev/gnss0`, quoted in the linux-kernel mailing list thread on n_gsm serdev support for the
 *   Droid 4): one second's burst, with three GNGNS.
 * Their checksums were checked by hand against the text before the `*`.
 */
const REAL = {
  um980: '$GNGNS,024034.00,4004.73854216,N,11614.19720023,E,ANAAA,28,0.8,1574.406,-8.4923,,,S*71',
  trimbleGn: '$GNGNS,014035.00,4332.69262,S,17235.48549,E,RR,13,0.9,25.63,11.24,,*70',
  trimbleGp: '$GPGNS,014035.00,,,,,,8,,,,1.0,23*76',
  trimbleGl: '$GLGNS,014035.00,,,,,,5,,,,1.0,23*67',
  droid4NoFix: '$GNGNS,,,,,,NN,,,,,,*53',
} as const;

const DROID4_BURST = [
  '$GPGGA,,,,,,0,,,,,,,,*66',
  '$GNGNS,,,,,,NN,,,,,,*53',
  '$GNGNS,,,,,,NN,,,,,,*53',
  '$GNGNS,,,,,,NN,,,,,,*53',
  '$GPVTG,,T,,M,,N,,K,N*2C',
  '$GPRMC,,V,,,,,,,,,,N*53',
  '$GPGSA,A,1,,,,,,,,,,,,,,,*1E',
  '$GLGSV,1,1,01,255,,,37*52',
];

function gns(line: string): GnsSentence {
  const result = parseNmeaSentence(line);
  if (!result.ok || result.sentence.type !== 'GNS') throw new Error(`expected a GNS sentence: ${line}`);
  return result.sentence;
}

/** The reading of one epoch made of `lines`. */
function reading(lines: string[]) {
  const assembler = new NmeaEpochAssembler();
  for (const line of lines) {
    const result = parseNmeaSentence(line);
    if (!result.ok || result.sentence.type === 'other') throw new Error(`not an epoch sentence: ${line}`);
    expect(assembler.add(result.sentence as EpochSentence)).toBeUndefined();
  }
  return epochReading(assembler.flush()!, 1000);
}

describe('GNS sentence (real receivers)', () => {
  it('reads the UM980 sentence: position, five mode letters, 28 satellites, MSL height, nav status', () => {
    const s = gns(REAL.um980);
    expect(s.talker).toBe('GN');
    expect(s.time).toEqual({ text: '024034.00', msOfDay: 9_634_000 });
    expect(s.latitude).toBeCloseTo(40 + 4.73854216 / 60, 9);
    expect(s.longitude).toBeCloseTo(116 + 14.19720023 / 60, 9);
    expect(s.modes).toBe('ANAAA');
    expect(s.quality).toBe('gps');
    expect(s.satellitesUsed).toBe(28);
    expect(s.hdop).toBe(0.8);
    expect(s.altitudeM).toBe(1574.406);
    expect(s.geoidSeparationM).toBe(-8.4923);
    expect(s.navStatus).toBe('S');
  });

  it('reads the Trimble RTK-fixed sentence (southern, eastern hemisphere) and its companions', () => {
    const s = gns(REAL.trimbleGn);
    expect(s.quality).toBe('rtk-fixed');
    expect(s.latitude).toBeCloseTo(-(43 + 32.69262 / 60), 9);
    expect(s.longitude).toBeCloseTo(172 + 35.48549 / 60, 9);
    expect([s.satellitesUsed, s.hdop, s.altitudeM, s.geoidSeparationM, s.navStatus]).toEqual([13, 0.9, 25.63, 11.24, undefined]);
    const gp = gns(REAL.trimbleGp);
    expect([gp.talker, gp.modes, gp.quality, gp.latitude, gp.satellitesUsed]).toEqual(['GP', '', undefined, undefined, 8]);
    expect(gns(REAL.trimbleGl).satellitesUsed).toBe(5);
  });

  it('reads the Droid 4 sentence before a fix as no fix, every value empty', () => {
    const s = gns(REAL.droid4NoFix);
    expect([s.modes, s.quality, s.time, s.latitude, s.satellitesUsed, s.hdop]).toEqual([
      'NN',
      'none',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('rejects a GNS with too few fields or a mode field that is not letters', () => {
    expect(parseNmeaSentence(withChecksum('GNGNS,024034.00,4004.7385,N,11614.1972,E,AA,08')).ok).toBe(false);
    expect(parseNmeaSentence(withChecksum('GNGNS,024034.00,4004.7385,N,11614.1972,E,A1,08,0.8,15.4,-8.4,,')).ok).toBe(false);
  });
});

describe('GNS mode letters to quality', () => {
  it.each([
    ['N', 'none'],
    ['A', 'gps'],
    ['D', 'dgps'],
    ['P', 'pps'],
    ['R', 'rtk-fixed'],
    ['F', 'rtk-float'],
    ['E', 'dead-reckoning'],
    ['M', 'manual'],
    ['S', 'simulation'],
  ])('reads %s alone as %s', (letter, quality) => {
    expect(gnsQuality(letter)).toBe(quality);
  });

  it('takes the best constellation: measured over manual over estimated over simulated over none', () => {
    expect(gnsQuality('AN')).toBe('gps');
    expect(gnsQuality('NNR')).toBe('rtk-fixed');
    expect(gnsQuality('FD')).toBe('rtk-float');
    expect(gnsQuality('EA')).toBe('gps');
    expect(gnsQuality('EN')).toBe('dead-reckoning');
    expect(gnsQuality('SS')).toBe('simulation');
    expect(gnsQuality('ME')).toBe('manual');
  });

  it('gives no quality for an empty field or an unknown letter', () => {
    expect(gnsQuality('')).toBeUndefined();
    expect(gnsQuality('AX')).toBeUndefined();
  });
});

describe('GNS in the epoch (like GGA)', () => {
  it('gives the UM980 fix: position, 3D, quality, 28 satellites (not capped at 12), HDOP, MSL altitude', () => {
    const r = reading([REAL.um980]);
    expect(r.fixMode).toBe('3d');
    expect(r.quality).toBe('gps');
    expect(r.latitude).toBeCloseTo(40.078975703, 8);
    expect(r.longitude).toBeCloseTo(116.236620004, 8);
    expect([r.satellitesUsed, r.hdop, r.altitudeM]).toEqual([28, 0.8, 1574.406]);
  });

  it('keeps the Trimble GNGNS and its companions in one epoch; the combined count wins', () => {
    const r = reading([REAL.trimbleGn, REAL.trimbleGp, REAL.trimbleGl]);
    expect([r.quality, r.fixMode, r.satellitesUsed, r.altitudeM]).toEqual(['rtk-fixed', '3d', 13, 25.63]);
  });

  it('sums per-constellation GNS counts when no combined one came', () => {
    expect(reading([REAL.trimbleGp, REAL.trimbleGl]).satellitesUsed).toBe(13);
  });

  it('reads the Droid 4 no-fix epoch as no fix with every position value null', () => {
    const r = reading([REAL.droid4NoFix]);
    expect([r.fixMode, r.quality, r.latitude, r.longitude, r.altitudeM, r.hdop]).toEqual(['none', 'none', null, null, null, null]);
  });

  it('marks estimated and simulated GNS fixes as such', () => {
    const estimated = withChecksum('GNGNS,024034.00,4004.73854216,N,11614.19720023,E,EENNN,00,,1574.406,-8.4923,,,U');
    const simulated = withChecksum('GNGNS,024034.00,4004.73854216,N,11614.19720023,E,SS,08,1.0,1574.406,-8.4923,,');
    expect(reading([estimated]).quality).toBe('dead-reckoning');
    expect(reading([simulated]).quality).toBe('simulation');
  });

  it('lets GSA count the satellites used and GGA decide the fix when both are sent', () => {
    const gga = withChecksum('GNGGA,024034.00,4004.73854216,N,11614.19720023,E,4,12,0.8,1574.406,M,-8.4923,M,,');
    const gsa = withChecksum('GNGSA,A,3,01,02,03,04,05,06,07,08,09,10,11,12,1.2,0.8,0.9,1');
    const gsa2 = withChecksum('GNGSA,A,3,01,02,03,,,,,,,,,,1.2,0.8,0.9,4');
    const r = reading([gga, REAL.um980, gsa, gsa2]);
    expect([r.quality, r.satellitesUsed]).toEqual(['rtk-fixed', 15]);
    expect(reading([gga, REAL.um980]).satellitesUsed).toBe(28);
  });

  it('starts a new epoch when a GNS carries another time', () => {
    const assembler = new NmeaEpochAssembler();
    expect(assembler.add(gns(REAL.um980))).toBeUndefined();
    const next = gns(REAL.um980.replace('024034.00', '024035.00').replace(/\*..$/, '*70'));
    expect(assembler.add(next)?.time).toBe('024034.00');
  });

  it('reads each Droid 4 burst (GGA, three GNS, VTG, RMC, GSA, GSV, no times) as one no-fix epoch', () => {
    const readings: GnssReading[] = [];
    const decoder = new NmeaDecoder({ onReading: (r) => readings.push(r), now: () => 1000 });
    decoder.write([...DROID4_BURST, ...DROID4_BURST].join('\r\n') + '\r\n');
    decoder.flush();
    expect(readings).toHaveLength(2);
    for (const r of readings) {
      expect([r.fixMode, r.quality, r.latitude, r.satellitesVisible, r.badSentences]).toEqual(['none', 'none', null, 1, 0]);
    }
  });
});
