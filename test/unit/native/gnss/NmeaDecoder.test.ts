import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GnssReading } from '../../../../native/gnss/gnssTypes';
import { NmeaDecoder } from '../../../../native/gnss/NmeaDecoder';
import { VECTORS, withChecksum } from './nmeaVectors';

function decoder(maxLineLength?: number) {
  const readings: GnssReading[] = [];
  const d = new NmeaDecoder({ onReading: (r) => readings.push(r), maxLineLength, now: () => 42 });
  return { d, readings };
}

const EPOCH = `${VECTORS.rmc}\r\n${VECTORS.gga}\r\n${VECTORS.gsa}\r\n`;
const NEXT_EPOCH = `${withChecksum('GPGGA,123520.00,4807.0390,N,01131.0000,E,1,08,0.9,545.5,M,46.9,M,,')}\r\n`;

describe('NmeaDecoder', () => {
  it('turns a stream of sentences into one reading per epoch, with the running bad count', () => {
    const { d, readings } = decoder();
    d.write(EPOCH);
    expect(readings).toHaveLength(0); // the epoch is open until the next one starts or the line goes quiet
    d.write(NEXT_EPOCH);
    expect(readings).toHaveLength(1);
    // satellites used: the 5 the GSA lists, not GGA's 08
    expect(readings[0]).toMatchObject({ at: 42, fixMode: '3d', quality: 'gps', satellitesUsed: 5, badSentences: 0 });
    d.flush();
    expect(readings[1]).toMatchObject({ altitudeM: 545.5 });
  });

  it('counts and drops the partial first line, bad and missing checksums, and noise before a sentence', () => {
    const { d, readings } = decoder();
    d.write(`${VECTORS.gga.slice(25)}\r\n`); // the tail of a sentence sent before we listened
    d.write(`${VECTORS.gga.replace('*69', '*00')}\r\n`);
    d.write(`${VECTORS.gga.slice(0, -3)}\r\n`);
    d.write(`\u00ff\u00fe${VECTORS.gga}\r\n`); // noise glued to a good sentence: the sentence still counts
    d.flush();
    expect(d.badSentences).toBe(4);
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ quality: 'gps', badSentences: 4 });
  });

  it('calls onSentence for every good sentence, including ones it does not use', () => {
    const seen: string[] = [];
    const d = new NmeaDecoder({ onReading: () => {}, onSentence: (s) => seen.push(s.type) });
    d.write(`${withChecksum('GPVTG,84.4,T,,M,0.02,N,0.04,K,A')}\r\n${VECTORS.gga}\r\n`);
    expect(seen).toEqual(['other', 'GGA']);
  });

  it('keeps the bad count across reset (port reopened) and drops the partial line', () => {
    const { d, readings } = decoder(80);
    d.write('x'.repeat(100) + '\r\n'); // over-long: counted
    d.write(VECTORS.gga.slice(0, 20)); // cut off by the reopen
    d.reset();
    expect(d.pendingLength).toBe(0);
    d.write(`${VECTORS.gga}\r\n`);
    d.flush();
    expect(readings).toEqual([expect.objectContaining({ quality: 'gps', badSentences: 1 })]);
  });

  it('gives the same readings however the bytes are chunked (property)', () => {
    const stream = Buffer.from(EPOCH + NEXT_EPOCH + `${VECTORS.ggaNoFix}\r\n${VECTORS.rmcNoFix}\r\n`, 'latin1');
    const whole = decoder();
    whole.d.write(stream);
    whole.d.flush();
    fc.assert(
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 20 }), (cuts) => {
        const { d, readings } = decoder();
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        let last = 0;
        for (const p of [...points, stream.length]) {
          d.write(stream.subarray(last, p));
          last = p;
        }
        d.flush();
        expect(readings).toEqual(whole.readings);
      }),
    );
    expect(whole.readings).toHaveLength(3);
  });

  it('holds bounded memory on endless garbage without line ends, then parses good data', () => {
    const { d, readings } = decoder(256);
    const garbage = Buffer.alloc(64 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = 0x21 + (i % 90); // printable, never CR or LF
    for (let i = 0; i < 160; i++) {
      d.write(garbage); // 10 MiB in all, no line end
      expect(d.pendingLength).toBeLessThanOrEqual(256);
    }
    d.write(`\r\n${EPOCH}`);
    d.flush();
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ fixMode: '3d', badSentences: 1 });
  });

  it('never throws on random bytes, and parses good data that follows them (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const { d, readings } = decoder();
        d.write(Buffer.from(bytes));
        d.flush();
        const before = readings.length;
        d.write(`\r\n${EPOCH}`);
        d.flush();
        expect(readings.length).toBe(before + 1);
        expect(readings.at(-1)).toMatchObject({ fixMode: '3d', latitude: expect.closeTo(48.1173, 6) });
      }),
      { numRuns: 500 },
    );
  });
});
