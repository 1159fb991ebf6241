import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SbdSession } from '../../../../protocol/links/sbd';
import {
  isRingAlert,
  parseImei,
  parseIndicatorEvent,
  parseIndicatorSettings,
  parseMtText,
  parseRegistrationEvent,
  parseRevision,
  parseSessionResult,
  parseSignalBars,
  parseUnsolicited,
} from '../../../../native/iridium/sbdParsers';

/** Vectors are the reference's transcript (../shared/reference/devices.md §4) and the ISU AT Command Reference shapes. */

describe('+CSQ / +CSQF signal bars', () => {
  it.each([
    ['+CSQ:4', 4],
    ['+CSQ: 4', 4],
    ['+CSQF:3', 3],
    ['+CSQF: 3', 3],
    ['+CSQ:0', 0],
    ['+CSQ:5', 5],
  ])('reads %s as %i bars', (line, bars) => expect(parseSignalBars(line)).toBe(bars));

  it('rejects the test form +CSQ:(0-5), values above 5 and other lines', () => {
    expect(parseSignalBars('+CSQ:(0-5)')).toBeUndefined();
    expect(parseSignalBars('+CSQ:6')).toBeUndefined();
    expect(parseSignalBars('+CSQ:-1')).toBeUndefined();
    expect(parseSignalBars('+CSQ: 23,99')).toBeUndefined(); // a cellular answer
    expect(parseSignalBars('+CSQ:')).toBeUndefined();
    expect(parseSignalBars('+CIEV:0,4')).toBeUndefined();
  });
});

describe('+CIEV indicator events', () => {
  it('reads signal bars from indicator 0', () => {
    expect(parseIndicatorEvent('+CIEV:0,4')).toEqual({ kind: 'signal', bars: 4 });
    expect(parseIndicatorEvent('+CIEV:0,0')).toEqual({ kind: 'signal', bars: 0 });
    expect(parseIndicatorEvent('+CIEV: 0, 5')).toEqual({ kind: 'signal', bars: 5 });
  });

  it('reads service availability from indicator 1', () => {
    expect(parseIndicatorEvent('+CIEV:1,1')).toEqual({ kind: 'service', available: true });
    expect(parseIndicatorEvent('+CIEV:1,0')).toEqual({ kind: 'service', available: false });
  });

  it('reads the antenna fault from indicator 2 (9602/9603)', () => {
    expect(parseIndicatorEvent('+CIEV:2,1')).toEqual({ kind: 'antenna', fault: true });
    expect(parseIndicatorEvent('+CIEV:2,0')).toEqual({ kind: 'antenna', fault: false });
  });

  it('ignores unknown indicators (3 = beam coordinates) and out-of-range values', () => {
    expect(parseIndicatorEvent('+CIEV:3,1,0,0,1,0,0,0')).toBeUndefined();
    expect(parseIndicatorEvent('+CIEV:7,1')).toBeUndefined();
    expect(parseIndicatorEvent('+CIEV:0,6')).toBeUndefined();
    expect(parseIndicatorEvent('+CIEV:1,2')).toBeUndefined();
    expect(parseIndicatorEvent('+CIEV:2,-1')).toBeUndefined();
    expect(parseIndicatorEvent('+CIEV:0')).toBeUndefined();
    expect(parseIndicatorEvent('+CIEV:0,4,1')).toBeUndefined();
    expect(parseIndicatorEvent('+CIEV:a,b')).toBeUndefined();
  });
});

describe('unsolicited codes', () => {
  it('recognises SBDRING exactly', () => {
    expect(isRingAlert('SBDRING')).toBe(true);
    expect(isRingAlert('SBDRING2')).toBe(false);
    expect(isRingAlert('RING')).toBe(false);
    expect(parseUnsolicited('SBDRING')).toEqual({ kind: 'ring' });
  });

  it('reads automatic registration events +AREG:<event>,<error>', () => {
    expect(parseRegistrationEvent('+AREG:2,0')).toEqual({ kind: 'registration', event: 2, error: 0 });
    expect(parseRegistrationEvent('+AREG:1,17')).toEqual({ kind: 'registration', event: 1, error: 17 });
    expect(parseRegistrationEvent('+AREG:4,0')).toBeUndefined();
    expect(parseRegistrationEvent('+AREG:2')).toBeUndefined();
  });

  it('classifies indicator events and gives undefined for anything else', () => {
    expect(parseUnsolicited('+CIEV:1,0')).toEqual({ kind: 'service', available: false });
    expect(parseUnsolicited('+AREG:2,0')).toMatchObject({ kind: 'registration' });
    expect(parseUnsolicited('OK')).toBeUndefined();
    expect(parseUnsolicited('+CSQ:4')).toBeUndefined();
  });
});

describe('+SBDIX session result', () => {
  it('reads the success line of the reference transcript (spaces after commas)', () => {
    expect(parseSessionResult('+SBDIX: 0, 12, 0, 0, 0, 0')).toEqual({
      moStatus: 0,
      outcome: 'success',
      momsn: 12,
      mtStatus: 0,
      mtmsn: 0,
      mtLength: 0,
      mtQueued: 0,
    });
  });

  it('reads the no-sky line of the reference transcript as no network service', () => {
    expect(parseSessionResult('+SBDIX: 32, 12, 2, 0, 0, 0')).toMatchObject({ moStatus: 32, outcome: 'no-network-service', mtStatus: 2 });
  });

  it('reads a received MT message with more queued, and the form without spaces', () => {
    expect(parseSessionResult('+SBDIX: 0, 13, 1, 7, 42, 3')).toMatchObject({ mtStatus: 1, mtmsn: 7, mtLength: 42, mtQueued: 3 });
    expect(parseSessionResult('+SBDIX:1,13,0,0,0,1')).toMatchObject({ moStatus: 1, outcome: 'success', mtQueued: 1 });
  });

  it('accepts the edge values (MOMSN and MTMSN wrap at 65535) and the results fit the protocol schema', () => {
    const session = parseSessionResult('+SBDIX: 65, 65535, 2, 65535, 2000, 65535');
    expect(session).toMatchObject({ moStatus: 65, outcome: 'pll-lock-failure', momsn: 65535, mtmsn: 65535 });
    expect(SbdSession.safeParse(session).success).toBe(true);
  });

  it('rejects lines with the wrong field count, non-integers or out-of-range values', () => {
    expect(parseSessionResult('+SBDIX: 0, 12, 0, 0, 0')).toBeUndefined();
    expect(parseSessionResult('+SBDIX: 0, 12, 0, 0, 0, 0, 0')).toBeUndefined();
    expect(parseSessionResult('+SBDIX: 0, 12, 3, 0, 0, 0')).toBeUndefined(); // MT status is 0..2
    expect(parseSessionResult('+SBDIX: 0, 65536, 0, 0, 0, 0')).toBeUndefined();
    expect(parseSessionResult('+SBDIX: 0, 12, 0, 0, 2001, 0')).toBeUndefined();
    expect(parseSessionResult('+SBDIX: -1, 12, 0, 0, 0, 0')).toBeUndefined();
    expect(parseSessionResult('+SBDIX: x, 12, 0, 0, 0, 0')).toBeUndefined();
    expect(parseSessionResult('+SBDI: 0, 12, 0, 0, 0, 0')).toBeUndefined();
  });
});

describe('identity and other answers', () => {
  it('reads the IMEI from the bare AT+CGSN line', () => {
    expect(parseImei('300434063219840')).toBe('300434063219840');
    expect(parseImei('+CGSN: 300234010753370')).toBe('300234010753370');
    expect(parseImei('30043406321984')).toBe('30043406321984');
    expect(parseImei('3004340632')).toBeUndefined();
    expect(parseImei('IRIDIUM 9600 Family SBD Transceiver')).toBeUndefined();
  });

  it('takes the call processor version from the AT+CGMR lines, else the first line', () => {
    expect(parseRevision(['Call Processor Version: TA16005', 'Modem DSP Version: 1.7 svn: 2358'])).toBe('TA16005');
    expect(parseRevision(['TA19002'])).toBe('TA19002');
    expect(parseRevision([])).toBeUndefined();
  });

  it('reads the +CIER settings with and without the antenna indicator', () => {
    expect(parseIndicatorSettings('+CIER:1,1,1,1,0')).toEqual({ mode: 1, signal: true, service: true, antenna: true });
    expect(parseIndicatorSettings('+CIER:1,1,1')).toEqual({ mode: 1, signal: true, service: true, antenna: undefined });
    expect(parseIndicatorSettings('+CIER:0,0,0,0,0')).toEqual({ mode: 0, signal: false, service: false, antenna: false });
    expect(parseIndicatorSettings('+CIER:2,1,1')).toBeUndefined();
    expect(parseIndicatorSettings('+CIER:1,1')).toBeUndefined();
  });

  it('reads the MT text after +SBDRT: (next line or after the colon), empty when the buffer is', () => {
    expect(parseMtText(['+SBDRT:', 'orders: go north'])).toBe('orders: go north');
    expect(parseMtText(['+SBDRT: hello'])).toBe('hello');
    expect(parseMtText(['+SBDRT:', 'line one', 'line two'])).toBe('line one\nline two');
    expect(parseMtText(['+SBDRT:'])).toBe('');
    expect(parseMtText(['hello'])).toBeUndefined();
  });
});

describe('parsers on random and mutated input (property)', () => {
  const VALID = [
    '+CSQ:4',
    '+CSQF: 3',
    '+CIEV:0,4',
    '+CIEV:1,1',
    '+CIEV:2,1',
    'SBDRING',
    '+AREG:2,0',
    '+SBDIX: 0, 12, 0, 0, 0, 0',
    '+SBDIX: 32, 12, 2, 0, 0, 0',
    '+CIER:1,1,1,1,0',
    '300434063219840',
  ];
  const parsers: Array<(line: string) => unknown> = [
    parseSignalBars,
    parseIndicatorEvent,
    parseUnsolicited,
    parseRegistrationEvent,
    parseSessionResult,
    parseImei,
    parseIndicatorSettings,
    (line) => parseMtText(['+SBDRT:', line]),
    (line) => parseRevision([line]),
  ];

  it('never throw on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (line) => {
        for (const parse of parsers) parse(line);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throw on mutations of valid lines, and every session they accept fits the schema', () => {
    const mutated = fc.tuple(fc.constantFrom(...VALID), fc.nat(), fc.nat(), fc.string({ maxLength: 6 })).map(([line, at, len, insert]) => {
      const i = at % (line.length + 1);
      return line.slice(0, i) + insert + line.slice(i + (len % 8));
    });
    fc.assert(
      fc.property(mutated, (line) => {
        for (const parse of parsers) parse(line);
        const session = parseSessionResult(line);
        if (session) expect(SbdSession.safeParse(session).success).toBe(true);
        const bars = parseSignalBars(line);
        if (bars !== undefined) expect(bars >= 0 && bars <= 5).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
