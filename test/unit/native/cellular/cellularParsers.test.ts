import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csqRssiToDbm,
  isRegistrationUrc,
  parseCesq,
  parseCops,
  parseCpin,
  parseCsq,
  parseRegistration,
  registrationFromStat,
  simStateFromCme,
  technologyFromAct,
} from '../../../../native/cellular/cellularParsers';
import { parseQengServingCell } from '../../../../native/cellular/quectelServingCell';

describe('+CSQ', () => {
  it.each([
    [0, -113],
    [1, -111],
    [17, -79],
    [23, -67],
    [30, -53],
    [31, -51],
  ])('rssi %i is %i dBm', (rssi, dbm) => expect(csqRssiToDbm(rssi)).toBe(dbm));

  it('rssi 99 (unknown) and out-of-range values give undefined', () => {
    expect(csqRssiToDbm(99)).toBeUndefined();
    expect(csqRssiToDbm(32)).toBeUndefined();
    expect(csqRssiToDbm(-1)).toBeUndefined();
  });

  it('parses rssi and ber, with 99 as unknown', () => {
    expect(parseCsq('+CSQ: 23,99')).toEqual({ rssiDbm: -67, berClass: undefined });
    expect(parseCsq('+CSQ: 17,3')).toEqual({ rssiDbm: -79, berClass: 3 });
    expect(parseCsq('+CSQ: 99,99')).toEqual({ rssiDbm: undefined, berClass: undefined });
  });

  it('rejects malformed lines', () => {
    expect(parseCsq('+CSQ: 23')).toBeUndefined();
    expect(parseCsq('+CSQ: a,b')).toBeUndefined();
    expect(parseCsq('+CESQ: 1,2')).toBeUndefined();
  });
});

describe('+CESQ', () => {
  it('converts the reference example to LTE RSRQ −10 dB and RSRP −61 dBm', () => {
    expect(parseCesq('+CESQ: 99,99,255,255,20,80')).toEqual({
      rxlevDbm: undefined,
      rscpDbm: undefined,
      ecnoDb: undefined,
      rsrqDb: -10,
      rsrpDbm: -61,
    });
  });

  it('converts every field at its range ends', () => {
    expect(parseCesq('+CESQ: 0,0,0,0,0,0')).toEqual({ rxlevDbm: -111, rscpDbm: -121, ecnoDb: -24.5, rsrqDb: -20, rsrpDbm: -141 });
    expect(parseCesq('+CESQ: 63,7,96,49,34,97')).toEqual({ rxlevDbm: -48, rscpDbm: -25, ecnoDb: 0, rsrqDb: -3, rsrpDbm: -44 });
  });

  it('treats out-of-range values as unknown and short lines as malformed', () => {
    expect(parseCesq('+CESQ: 99,99,255,255,35,98')).toMatchObject({ rsrqDb: undefined, rsrpDbm: undefined });
    expect(parseCesq('+CESQ: 99,99,255,255,20')).toBeUndefined();
  });
});

describe('registration (+CREG/+CEREG/+C5GREG)', () => {
  it.each([
    [0, 'not-registered'],
    [1, 'home'],
    [2, 'searching'],
    [3, 'denied'],
    [4, 'unknown'],
    [5, 'roaming'],
    [6, 'sms-only'],
    [8, 'emergency-only'],
    [9, 'home'],
    [10, 'roaming'],
    [11, 'emergency-only'],
    [12, 'unknown'],
  ] as const)('stat %i is %s', (stat, state) => expect(registrationFromStat(stat)).toBe(state));

  it('parses the solicited form with location and AcT', () => {
    expect(parseRegistration('+CEREG: 2,1,"2D18","03089F02",7')).toEqual({
      domain: 'CEREG',
      unsolicited: false,
      mode: 2,
      state: 'home',
      area: '2D18',
      cellId: '03089F02',
      technology: 'lte',
    });
  });

  it('parses the short solicited form', () => {
    expect(parseRegistration('+CREG: 0,5')).toMatchObject({
      domain: 'CREG',
      unsolicited: false,
      mode: 0,
      state: 'roaming',
      area: undefined,
    });
  });

  it('parses URCs with one field and with a quoted area code', () => {
    expect(parseRegistration('+CEREG: 2')).toMatchObject({ unsolicited: true, mode: undefined, state: 'searching' });
    expect(parseRegistration('+C5GREG: 1,"690E0F","9013B004",11')).toMatchObject({
      domain: 'C5GREG',
      unsolicited: true,
      state: 'home',
      technology: 'nr5g-sa',
      area: '690E0F',
    });
  });

  it('tells URCs from answers by field shape', () => {
    expect(isRegistrationUrc('+CEREG: 1')).toBe(true);
    expect(isRegistrationUrc('+CEREG: 1,"2D18","03089F02",7')).toBe(true);
    expect(isRegistrationUrc('+CEREG: 2,1')).toBe(false);
    expect(isRegistrationUrc('+CEREG: 2,1,"2D18","03089F02",7')).toBe(false);
    expect(isRegistrationUrc('+CSQ: 1')).toBe(false);
  });

  it('maps AcT to technology', () => {
    expect(technologyFromAct(7)).toBe('lte');
    expect(technologyFromAct(11)).toBe('nr5g-sa');
    expect(technologyFromAct(13)).toBe('nr5g-nsa');
    expect(technologyFromAct(2)).toBe('umts');
    expect(technologyFromAct(0)).toBe('gsm');
    expect(technologyFromAct(42)).toBe('unknown');
    expect(technologyFromAct(undefined)).toBeUndefined();
  });

  it('rejects lines without a numeric stat', () => {
    expect(parseRegistration('+CEREG: x')).toBeUndefined();
    expect(parseRegistration('+CEREG:')).toBeUndefined();
    expect(parseRegistration('+COPS: 0')).toBeUndefined();
  });
});

describe('+COPS and +CPIN', () => {
  it('parses a long alphanumeric operator with AcT', () => {
    expect(parseCops('+COPS: 0,0,"T-Mobile",7')).toEqual({ mode: 0, operatorName: 'T-Mobile', plmn: undefined, technology: 'lte' });
  });

  it('parses a numeric operator into MCC-MNC', () => {
    expect(parseCops('+COPS: 0,2,"46001",13')).toEqual({ mode: 0, operatorName: undefined, plmn: '460-01', technology: 'nr5g-nsa' });
  });

  it('parses "no operator"', () => {
    expect(parseCops('+COPS: 0')).toEqual({ mode: 0, operatorName: undefined, plmn: undefined, technology: undefined });
  });

  it('keeps commas inside quoted operator names', () => {
    expect(parseCops('+COPS: 1,0,"Telco, Inc.",7')?.operatorName).toBe('Telco, Inc.');
  });

  it('parses SIM states', () => {
    expect(parseCpin('+CPIN: READY')).toBe('ready');
    expect(parseCpin('+CPIN: SIM PIN')).toBe('pin-required');
    expect(parseCpin('+CPIN: SIM PUK')).toBe('puk-required');
    expect(parseCpin('+CPIN: NOT INSERTED')).toBe('absent');
    expect(parseCpin('+CPIN: WHATEVER')).toBe('unknown');
    expect(parseCpin('+CSQ: 1,1')).toBeUndefined();
  });

  it('maps +CME ERROR codes to SIM states', () => {
    expect(simStateFromCme(10)).toBe('absent');
    expect(simStateFromCme(11)).toBe('pin-required');
    expect(simStateFromCme(12)).toBe('puk-required');
    expect(simStateFromCme(13)).toBe('failure');
    expect(simStateFromCme(14)).toBe('busy');
    expect(simStateFromCme(30)).toBeUndefined();
  });
});

describe('parsers on random and mutated input (property)', () => {
  const VALID = [
    '+CSQ: 23,99',
    '+CESQ: 99,99,255,255,20,80',
    '+CEREG: 2,1,"2D18","03089F02",7',
    '+COPS: 0,0,"CHINA MOBILE",11',
    '+CPIN: READY',
    '+QENG: "servingcell","NOCONN","NR5G-SA","TDD",460,01,9013B004,299,690E0F,633984,78,12,-107,-13,2,1,-',
  ];
  const parsers = [
    parseCsq,
    parseCesq,
    parseRegistration,
    parseCops,
    parseCpin,
    isRegistrationUrc,
    (l: string) => parseQengServingCell([l]),
  ];

  it('never throw on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (line) => {
        for (const parse of parsers) parse(line);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throw on mutations of valid answers', () => {
    const mutated = fc.tuple(fc.constantFrom(...VALID), fc.nat(), fc.nat(), fc.string({ maxLength: 6 })).map(([line, at, len, insert]) => {
      const i = at % (line.length + 1);
      return line.slice(0, i) + insert + line.slice(i + (len % 8));
    });
    fc.assert(
      fc.property(mutated, (line) => {
        for (const parse of parsers) parse(line);
      }),
      { numRuns: 3000 },
    );
  });
});
