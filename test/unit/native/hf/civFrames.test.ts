import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CivFrameParser, encodeCivFrame, type CivFrame, type CivParserEvent } from '../../../../native/hf/civFrames';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

function parse(chunks: Buffer[], parser = new CivFrameParser()): { events: CivParserEvent[]; frames: CivFrame[]; parser: CivFrameParser } {
  const events: CivParserEvent[] = [];
  for (const chunk of chunks) parser.push(chunk, (event) => events.push(event));
  const frames = events.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));
  return { events, frames, parser };
}

describe('CI-V frames', () => {
  it('encodes the reference read-frequency request FE FE 94 E0 03 FD', () => {
    expect(encodeCivFrame(0x94, 0xe0, 0x03).toString('hex')).toBe('fefe94e003fd');
    expect(encodeCivFrame(0x94, 0xe0, 0x15, [0x02]).toString('hex')).toBe('fefe94e01502fd');
  });

  it('parses the reference frequency answer FE FE E0 94 03 00 40 07 14 00 FD', () => {
    const { frames } = parse([hex('FE FE E0 94 03 00 40 07 14 00 FD')]);
    expect(frames).toEqual([{ to: 0xe0, from: 0x94, command: 0x03, body: hex('00 40 07 14 00') }]);
  });

  it('parses OK (FB) and NG (FA) frames', () => {
    const { frames } = parse([hex('FE FE E0 94 FB FD FE FE E0 94 FA FD')]);
    expect(frames.map((f) => f.command)).toEqual([0xfb, 0xfa]);
    expect(frames.every((f) => f.body.length === 0)).toBe(true);
  });

  it('parses our own echo and the answer behind it (one-wire bus)', () => {
    const { frames } = parse([hex('FE FE 94 E0 15 02 FD FE FE E0 94 15 02 01 20 FD')]);
    expect(frames.map((f) => [f.from, f.command, f.body.toString('hex')])).toEqual([
      [0xe0, 0x15, '02'],
      [0x94, 0x15, '020120'],
    ]);
  });

  it('drops junk until the next FE FE and takes a longer preamble', () => {
    const { frames, parser } = parse([hex('00 11 FE 22 FD 33 FE FE FE FE E0 94 1C 00 01 FD')]);
    expect(frames).toEqual([{ to: 0xe0, from: 0x94, command: 0x1c, body: hex('00 01') }]);
    expect(parser.droppedBytes).toBeGreaterThan(0);
  });

  it('starts over at a preamble inside a frame (the sender began again)', () => {
    const { frames } = parse([hex('FE FE E0 94 03 00 40 FE FE E0 94 04 01 01 FD')]);
    expect(frames).toEqual([{ to: 0xe0, from: 0x94, command: 0x04, body: hex('01 01') }]);
  });

  it('drops a frame without a command (FE FE E0 94 FD)', () => {
    expect(parse([hex('FE FE E0 94 FD')]).frames).toEqual([]);
  });

  it('reports a run of FC as one collision and aborts the frame it hit', () => {
    const { events } = parse([hex('FE FE E0 94 03 00 FC FC FC FE FE E0 94 FB FD')]);
    expect(events.map((e) => e.kind)).toEqual(['collision', 'frame']);
  });

  it('counts a jam after we sent again as a new collision, even right after the last one', () => {
    const parser = new CivFrameParser();
    const kinds: string[] = [];
    parser.push(hex('FC FC'), (e) => kinds.push(e.kind));
    parser.push(hex('FC'), (e) => kinds.push(e.kind));
    parser.endCollisionRun();
    parser.push(hex('FC FC FC'), (e) => kinds.push(e.kind));
    expect(kinds).toEqual(['collision', 'collision']);
  });

  it('keeps frames whole across arbitrary chunk boundaries (property)', () => {
    const stream = hex('FE FE E0 94 03 00 40 07 14 00 FD FE FE E0 94 04 01 02 FD FE FE E0 94 15 02 02 41 FD');
    fc.assert(
      fc.property(fc.array(fc.nat({ max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let at = 0;
        for (const p of points) {
          chunks.push(stream.subarray(at, p));
          at = p;
        }
        chunks.push(stream.subarray(at));
        expect(parse(chunks).frames.map((f) => f.command)).toEqual([0x03, 0x04, 0x15]);
      }),
    );
  });

  it('never throws on random bytes, and holds at most maxPayload bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), (chunks) => {
        const parser = new CivFrameParser({ maxPayload: 16 });
        for (const chunk of chunks) {
          parser.push(chunk, () => {});
          expect(parser.pendingLength).toBeLessThanOrEqual(16);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutations of valid frames, and finds the good frame that follows (property)', () => {
    const valid = hex('FE FE E0 94 03 00 40 07 14 00 FD');
    const mutated = fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.uint8Array({ maxLength: 6 })).map(([at, len, insert]) => {
      const i = at % (valid.length + 1);
      return Buffer.concat([valid.subarray(0, i), Buffer.from(insert), valid.subarray(i + len)]);
    });
    fc.assert(
      fc.property(mutated, (bytes) => {
        // A garbled frame may swallow at most its own bytes: an FD ends it, then the next frame parses.
        const { frames } = parse([bytes, hex('FD'), valid]);
        expect(frames.at(-1)).toEqual({ to: 0xe0, from: 0x94, command: 0x03, body: hex('00 40 07 14 00') });
      }),
      { numRuns: 3000 },
    );
  });

  it('holds bounded memory on endless bytes without FD, and recovers when frames resume', () => {
    const parser = new CivFrameParser({ maxPayload: 64 });
    const endless = Buffer.concat([hex('FE FE E0 94'), Buffer.alloc(64 * 1024, 0x55)]);
    for (let i = 0; i < 80; i++) {
      parse([endless], parser); // 5 MiB in all, never an FD
      expect(parser.pendingLength).toBeLessThanOrEqual(64);
    }
    expect(parser.overflowCount).toBeGreaterThan(0);
    const { frames } = parse([hex('FD FE FE E0 94 1C 00 00 FD')], parser);
    expect(frames).toEqual([{ to: 0xe0, from: 0x94, command: 0x1c, body: hex('00 00') }]);
  });

  it('rejects a bad maxPayload with a TypeError naming the option', () => {
    expect(() => new CivFrameParser({ maxPayload: 0 })).toThrow(/maxPayload/);
  });
});
