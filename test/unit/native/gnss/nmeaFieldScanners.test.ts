import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nmeaInt, nmeaLatitude, nmeaLongitude, nmeaNumber, nmeaTime } from '../../../../native/gnss/nmeaFields';

/**
 * The numeric field scanners read char codes for speed (bench:parsers); these hold them to the
 * regular expressions they replaced, on hand-picked edges and on random strings made of the
 * characters that matter.
 */
const NUMBER = /^[-+]?(\d{1,12}(\.\d{0,12})?|\.\d{1,12})$/;
const INT = /^\d{1,9}$/;
const byRegex = (re: RegExp, field: string) => (re.test(field) ? Number(field) : undefined);

const EDGES = ['', '0', '08', '-', '+', '.', '-.', '.5', '+.5', '7.', '-21.3', '545.4', '1e3', '0x10', ' 1', '1 ', '1.2.3', '--1', '٣'];
const LONG = ['123456789', '1234567890', '123456789012', '1234567890123', '1.123456789012', '1.1234567890123', '.123456789012'];

describe('NMEA numeric field scanners', () => {
  it.each([...EDGES, ...LONG])('read %j as the regular expressions do', (field) => {
    expect(nmeaNumber(field)).toBe(byRegex(NUMBER, field));
    expect(nmeaInt(field)).toBe(byRegex(INT, field));
  });

  it('agree with the regular expressions on random fields', () => {
    const char = fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'A', ' ', ',');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 16 }), (chars) => {
        const field = chars.join('');
        expect(nmeaNumber(field)).toBe(byRegex(NUMBER, field));
        expect(nmeaInt(field)).toBe(byRegex(INT, field));
      }),
      { numRuns: 20_000 },
    );
  });

  it('cut times and angles as the capturing patterns did', () => {
    const time = (f: string) => {
      const m = /^(\d\d)(\d\d)(\d\d(?:\.\d{1,6})?)$/.exec(f);
      if (!m) return undefined;
      const [h, min, sec] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return h > 23 || min > 59 || sec >= 61 ? undefined : { text: f, msOfDay: Math.round(((h * 60 + min) * 60 + sec) * 1000) };
    };
    const angle = (f: string, max: number) => {
      const m = /^(\d{1,3})(\d\d(?:\.\d{1,10})?)$/.exec(f);
      if (!m || Number(m[2]) >= 60) return undefined;
      const v = Number(m[1]) + Number(m[2]) / 60;
      return v > max ? undefined : v;
    };
    const digit = fc.constantFrom('0', '1', '2', '3', '5', '6', '9', '.');
    fc.assert(
      fc.property(fc.array(digit, { maxLength: 16 }), (chars) => {
        const field = chars.join('');
        expect(nmeaTime(field)).toEqual(time(field));
        expect(nmeaLatitude(field, 'N')).toBe(angle(field, 90));
        expect(nmeaLongitude(field, 'W')).toBe(angle(field, 180) === undefined ? undefined : -angle(field, 180)!);
      }),
      { numRuns: 20_000 },
    );
    expect(nmeaTime('235960.5')).toEqual({ text: '235960.5', msOfDay: 86_400_500 });
    expect(nmeaLatitude('4807.038', 'N')).toBeCloseTo(48.1173, 10);
  });

  it('give undefined for an absent field', () => {
    expect([nmeaNumber(undefined), nmeaInt(undefined)]).toEqual([undefined, undefined]);
  });
});
