import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GpsdDecoder } from '../../../../native/gnss/GpsdDecoder';
import type { GpsdMessage } from '../../../../native/gnss/gpsdParser';

const STREAM = [
  '{"class":"VERSION","release":"3.25","rev":"3.25","proto_major":3,"proto_minor":15}',
  '{"class":"TPV","device":"/dev/ttyACM0","mode":3,"lat":30.66,"lon":104.06,"altMSL":500}',
  '{"class":"SKY","device":"/dev/ttyACM0","nSat":12,"uSat":8,"hdop":0.9}',
]
  .map((l) => `${l}\r\n`)
  .join('');

function decoder(maxLineLength?: number) {
  const messages: GpsdMessage[] = [];
  const bad: string[] = [];
  const d = new GpsdDecoder({ onMessage: (m) => messages.push(m), onBadLine: (p) => bad.push(p), maxLineLength });
  return { d, messages, bad };
}

describe('GpsdDecoder', () => {
  it('turns CRLF-terminated objects into messages', () => {
    const { d, messages } = decoder();
    d.write(STREAM);
    expect(messages.map((m) => m.class)).toEqual(['VERSION', 'TPV', 'SKY']);
  });

  it('counts and drops truncated, non-JSON and wrongly shaped lines', () => {
    const { d, messages, bad } = decoder();
    d.write('{"class":"TPV","mode":3,"la\r\nnot json\r\n{"class":"TPV"}\r\n');
    d.write(STREAM);
    expect(bad).toEqual(['not-json', 'not-json', 'bad-shape']);
    expect(d.badLines).toBe(3);
    expect(messages).toHaveLength(3);
  });

  it('keeps the bad count across reset and drops the partial line', () => {
    const { d, messages } = decoder();
    d.write('nope\r\n{"class":"TPV","mo');
    d.reset();
    expect(d.pendingLength).toBe(0);
    d.write(STREAM);
    expect(d.badLines).toBe(1);
    expect(messages).toHaveLength(3);
  });

  it('gives the same messages however the bytes are chunked (property)', () => {
    const bytes = Buffer.from(STREAM);
    fc.assert(
      fc.property(fc.array(fc.nat(bytes.length), { maxLength: 20 }), (cuts) => {
        const { d, messages } = decoder();
        let last = 0;
        for (const p of [...new Set(cuts)].sort((a, b) => a - b).concat(bytes.length)) {
          d.write(bytes.subarray(last, p));
          last = p;
        }
        expect(messages.map((m) => m.class)).toEqual(['VERSION', 'TPV', 'SKY']);
      }),
    );
  });

  it('holds bounded memory on endless garbage without line ends, then parses good data', () => {
    const { d, messages } = decoder();
    const garbage = Buffer.alloc(64 * 1024, 0x7b); // '{' forever
    for (let i = 0; i < 160; i++) {
      d.write(garbage);
      expect(d.pendingLength).toBeLessThanOrEqual(10_240);
    }
    d.write(`\r\n${STREAM}`);
    expect(messages).toHaveLength(3);
    expect(d.badLines).toBe(1);
  });

  it('never throws on random bytes, and parses good data that follows them (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const { d, messages } = decoder();
        d.write(Buffer.from(bytes));
        const before = messages.length;
        d.write(`\r\n${STREAM}`);
        expect(messages.slice(before).map((m) => m.class)).toEqual(['VERSION', 'TPV', 'SKY']);
      }),
      { numRuns: 500 },
    );
  });
});
