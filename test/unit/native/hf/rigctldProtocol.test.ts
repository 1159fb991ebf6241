import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RIG_ERRORS, RigctldError, decodeRprt } from '../../../../native/hf/rigctldErrors';
import {
  RigctldResponseReader,
  isHeaderFor,
  parseRecord,
  parseRigctldLine,
  parseRprt,
  splitExtendedLine,
  type RigctldExpectation,
  type RigctldReadResult,
} from '../../../../native/hf/rigctldProtocol';

/** Feeds lines to a fresh reader and returns every result. */
function read(expect: RigctldExpectation, lines: string[]): RigctldReadResult[] {
  const reader = new RigctldResponseReader(expect);
  return lines.map((line) => reader.feed(line));
}

const last = <T>(items: T[]): T => items[items.length - 1]!;

describe('RPRT lines', () => {
  it('parse RPRT 0 and negative codes', () => {
    expect(parseRprt('RPRT 0')).toBe(0);
    expect(parseRprt('RPRT -5')).toBe(-5);
    expect(parseRprt('RPRT -22')).toBe(-22);
  });

  it('reject anything that is not exactly an RPRT line', () => {
    expect(parseRprt('RPRT')).toBeUndefined();
    expect(parseRprt('RPRT x')).toBeUndefined();
    expect(parseRprt('xRPRT 0')).toBeUndefined();
    expect(parseRprt('RPRT 0 1')).toBeUndefined();
  });

  it.each(Object.entries(RIG_ERRORS).map(([code, e]) => [Number(code), e.name] as const))('RPRT -%i decodes to %s', (code, name) => {
    expect(decodeRprt(-code)).toMatchObject({ code, name });
    const error = new RigctldError('+\\get_freq', -code);
    expect(error.errorName).toBe(name);
    expect(error.message).toContain(`RPRT -${code} ${name}`);
  });

  it('names every code of the reference from 1 EINVAL to 22 EACCESS', () => {
    expect(Object.keys(RIG_ERRORS).map(Number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(decodeRprt(-20).name).toBe('EPOWER');
    expect(decodeRprt(-5).name).toBe('ETIMEOUT');
    expect(decodeRprt(-6).name).toBe('EIO');
  });

  it('gives an unknown code a generic name, and reads a code sent without its minus', () => {
    expect(decodeRprt(-99)).toMatchObject({ code: 99, name: 'E99' });
    expect(decodeRprt(11).name).toBe('ENAVAIL');
  });

  it('marks ENIMPL and ENAVAIL as unsupported, others not', () => {
    expect(new RigctldError('l', -4).unsupported).toBe(true);
    expect(new RigctldError('l', -11).unsupported).toBe(true);
    expect(new RigctldError('l', -1).unsupported).toBe(false);
    expect(new RigctldError('l', -20).unsupported).toBe(false);
  });
});

describe('records and headers', () => {
  it('split Key: value records at the first colon', () => {
    expect(parseRecord('Frequency: 14074000')).toEqual({ key: 'Frequency', value: '14074000' });
    expect(parseRecord('Power Status: 1')).toEqual({ key: 'Power Status', value: '1' });
    expect(parseRecord('Info: Hamlib: dummy')).toEqual({ key: 'Info', value: 'Hamlib: dummy' });
  });

  it('take a line without a key as a bare value', () => {
    expect(parseRecord('-12')).toEqual({ value: '-12' });
    expect(parseRecord('0.500000')).toEqual({ value: '0.500000' });
    expect(parseRecord('0 0 0 0 0 0 0')).toEqual({ value: '0 0 0 0 0 0 0' });
  });

  it('classify header, RPRT and record lines', () => {
    expect(parseRigctldLine('get_level: STRENGTH')).toEqual({ kind: 'header', name: 'get_level', args: 'STRENGTH' });
    expect(parseRigctldLine('get_freq:')).toEqual({ kind: 'header', name: 'get_freq', args: '' });
    expect(parseRigctldLine('RPRT -11')).toEqual({ kind: 'rprt', code: -11 });
    expect(parseRigctldLine('Mode: USB')).toEqual({ kind: 'record', key: 'Mode', value: 'USB' });
  });

  it('match a header with its arguments, case-insensitively', () => {
    expect(isHeaderFor('get_level: STRENGTH', 'get_level', ['STRENGTH'])).toBe(true);
    expect(isHeaderFor('get_level: strength', 'get_level', ['STRENGTH'])).toBe(true);
    expect(isHeaderFor('get_level: RFPOWER', 'get_level', ['STRENGTH'])).toBe(false);
    expect(isHeaderFor('get_freq:', 'get_freq')).toBe(true);
    expect(isHeaderFor('get_freq: VFOA', 'get_freq')).toBe(false);
    expect(isHeaderFor('get_freqx:', 'get_freq')).toBe(false);
  });

  it('match a header that a --vfo rigctld echoes with a VFO the command did not name (seen with rigctld 4.5.4)', () => {
    expect(isHeaderFor('get_powerstat: currVFO', 'get_powerstat', [], true)).toBe(true);
    expect(isHeaderFor('dump_state: currVFO', 'dump_state', [], true)).toBe(true);
    expect(isHeaderFor('get_level: currVFO STRENGTH', 'get_level', ['currVFO', 'STRENGTH'], true)).toBe(true);
    expect(isHeaderFor('get_level: currVFO STRENGTH', 'get_level', ['STRENGTH'], true)).toBe(true);
    expect(isHeaderFor('get_level: currVFO RFPOWER', 'get_level', ['STRENGTH'], true)).toBe(false);
    expect(isHeaderFor('get_freq: None', 'get_freq', [], true)).toBe(false); // rigctld took a command line for the VFO
    expect(isHeaderFor('get_powerstat: currVFO', 'get_powerstat')).toBe(false);
  });

  it('split a separator-form line into its parts', () => {
    expect(splitExtendedLine('get_mode:|Mode: USB|Passband: 2400|RPRT 0', '|')).toEqual([
      'get_mode:',
      'Mode: USB',
      'Passband: 2400',
      'RPRT 0',
    ]);
    expect(splitExtendedLine('Frequency: 1', '\n')).toEqual(['Frequency: 1']);
  });
});

describe('extended answers (+ prefix)', () => {
  const getMode: RigctldExpectation = { form: 'extended', name: 'get_mode', valueLines: 2 };

  it('reads the reference example +\\get_mode', () => {
    expect(last(read(getMode, ['get_mode:', 'Mode: USB', 'Passband: 2400', 'RPRT 0']))).toEqual({
      kind: 'answer',
      records: [
        { key: 'Mode', value: 'USB' },
        { key: 'Passband', value: '2400' },
      ],
    });
  });

  it('reads get_level values printed bare, as rigctld prints them', () => {
    const results = read({ form: 'extended', name: 'get_level', args: ['STRENGTH'], valueLines: 1 }, [
      'get_level: STRENGTH',
      '-12',
      'RPRT 0',
    ]);
    expect(last(results)).toEqual({ kind: 'answer', records: [{ value: '-12' }] });
  });

  it('reads the separator form after splitting', () => {
    const reader = new RigctldResponseReader(getMode);
    const results = splitExtendedLine('get_mode:|Mode: USB|Passband: 2400|RPRT 0', '|').map((part) => reader.feed(part));
    expect(last(results)).toMatchObject({ kind: 'answer', records: [{ value: 'USB' }, { value: '2400' }] });
  });

  it('reports the error after the header', () => {
    expect(last(read({ form: 'extended', name: 'get_freq', valueLines: 1 }, ['get_freq:', 'RPRT -5']))).toEqual({
      kind: 'error',
      rprt: -5,
    });
  });

  it('skips a late answer to another command before its own header', () => {
    const results = read({ form: 'extended', name: 'get_level', args: ['RFPOWER'], valueLines: 1 }, [
      'get_level: STRENGTH',
      '-30',
      'RPRT 0',
      'get_level: RFPOWER',
      '0.250000',
      'RPRT 0',
    ]);
    expect(results.slice(0, 3).map((r) => r.kind)).toEqual(['stray', 'stray', 'stray']);
    expect(last(results)).toEqual({ kind: 'answer', records: [{ value: '0.250000' }] });
  });

  it('answers with no records when rigctld sends only the header and RPRT 0 (rig off, newer rigctld)', () => {
    expect(last(read({ form: 'extended', name: 'get_freq', valueLines: 1 }, ['get_freq:', 'RPRT 0']))).toEqual({
      kind: 'answer',
      records: [],
    });
  });

  it('overflows instead of growing without limit', () => {
    const reader = new RigctldResponseReader({ form: 'extended', name: 'dump_state', valueLines: 1 }, 8);
    reader.feed('dump_state:');
    const results = Array.from({ length: 20 }, (_, i) => reader.feed(`line ${i}`));
    expect(results.filter((r) => r.kind === 'overflow')).toHaveLength(12);
  });
});

describe('default answers', () => {
  it.each([
    ['f', 'get_freq', 1, ['14074000'], [{ value: '14074000' }]],
    ['m', 'get_mode', 2, ['USB', '2400'], [{ value: 'USB' }, { value: '2400' }]],
    ['l STRENGTH', 'get_level', 1, ['-12'], [{ value: '-12' }]],
    ['l RFPOWER', 'get_level', 1, ['0.5'], [{ value: '0.5' }]],
    ['t', 'get_ptt', 1, ['0'], [{ value: '0' }]],
  ] as const)('%s answers %i value line(s) with no RPRT', (_command, name, valueLines, lines, records) => {
    const results = read({ form: 'default', name, valueLines }, [...lines]);
    expect(last(results)).toEqual({ kind: 'answer', records });
  });

  it('takes a single RPRT -n as the failure (l FOO → RPRT -1)', () => {
    expect(read({ form: 'default', name: 'get_level', args: ['FOO'], valueLines: 1 }, ['RPRT -1'])).toEqual([{ kind: 'error', rprt: -1 }]);
  });

  it('takes RPRT 0 as the answer of a set (F 7100000)', () => {
    expect(read({ form: 'default', name: 'set_freq', valueLines: 0 }, ['RPRT 0'])).toEqual([{ kind: 'answer', records: [] }]);
  });

  it('drops a VFO name where an answer starts (f answered with frequency and VFO by some versions)', () => {
    expect(read({ form: 'default', name: 'get_mode', valueLines: 2 }, ['VFOA', 'USB', '2400']).map((r) => r.kind)).toEqual([
      'stray',
      'more',
      'answer',
    ]);
  });
});

describe('rigctld parsing on random and mutated input (property)', () => {
  const VALID = [
    'get_mode:',
    'Mode: USB',
    'Passband: 2400',
    'RPRT 0',
    'RPRT -5',
    'get_level: STRENGTH',
    '-12',
    '14074000',
    'Power Status: 1',
  ];
  const expectations: RigctldExpectation[] = [
    { form: 'extended', name: 'get_mode', valueLines: 2 },
    { form: 'default', name: 'get_mode', valueLines: 2 },
    { form: 'extended', name: 'get_level', args: ['STRENGTH'], valueLines: 1 },
  ];

  it('never throw on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 30 }), (lines) => {
        for (const line of lines) {
          parseRigctldLine(line);
          splitExtendedLine(line, '|');
        }
        for (const expectation of expectations) read(expectation, lines);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throw on mutations of valid lines, and never hold more records than the cap', () => {
    const mutated = fc.tuple(fc.constantFrom(...VALID), fc.nat(), fc.nat(), fc.string({ maxLength: 6 })).map(([line, at, len, insert]) => {
      const i = at % (line.length + 1);
      return line.slice(0, i) + insert + line.slice(i + (len % 8));
    });
    fc.assert(
      fc.property(fc.array(mutated, { maxLength: 60 }), (lines) => {
        const reader = new RigctldResponseReader({ form: 'extended', name: 'get_mode', valueLines: 2 }, 16);
        reader.feed('get_mode:');
        for (const line of lines) {
          const result = reader.feed(line);
          if (result.kind === 'answer') expect(result.records.length).toBeLessThanOrEqual(16);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
