import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtChannel } from '../../../../native/at/AtChannel';
import { LineSplitter } from '../../../../native/framing/LineSplitter';
import { MAX_LINE_LENGTH, URC_PREFIXES } from '../../../../native/iridium/iridiumAtTables';
import { parseSignalBars, parseUnsolicited, type SbdUnsolicited } from '../../../../native/iridium/sbdParsers';

/**
 * The Iridium driver's receive path without the port: bytes → LineSplitter (the driver's
 * cap) → AtChannel (the driver's URC prefixes) → parsers, fed with random bytes, endless
 * garbage and then good data.
 */
function receivePath() {
  const splitter = new LineSplitter({ maxLineLength: MAX_LINE_LENGTH });
  const channel = new AtChannel({ write: () => {}, defaultTimeoutMs: 60_000, urcPrefixes: URC_PREFIXES });
  const events: SbdUnsolicited[] = [];
  splitter.on('data', (line: string) => channel.feedLine(line));
  channel.on('urc', (line) => {
    const event = parseUnsolicited(line);
    if (event) events.push(event);
  });
  return {
    splitter,
    channel,
    events,
    feed: (bytes: Uint8Array | string) => splitter.write(typeof bytes === 'string' ? bytes : Buffer.from(bytes)),
  };
}

describe('Iridium receive path on bad input (property)', () => {
  it('never throws on random bytes, with or without a command waiting', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 }), fc.boolean(), (chunks, commandWaiting) => {
        const { channel, feed } = receivePath();
        if (commandWaiting) void channel.send({ command: 'AT+SBDIX', prefix: '+SBDIX:' }).catch(() => undefined);
        for (const chunk of chunks) feed(chunk);
        channel.reset('test over');
      }),
      { numRuns: 500 },
    );
  });

  it('holds bounded memory on endless garbage without line endings, then recovers at the next line end', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 4096 }), { minLength: 1, maxLength: 40 }), (chunks) => {
        const { splitter, events, feed } = receivePath();
        for (const chunk of chunks) {
          feed(chunk.map((byte) => (byte === 10 || byte === 13 ? 0x7e : byte)));
          expect(splitter.pendingLength).toBeLessThanOrEqual(MAX_LINE_LENGTH);
        }
        feed('\r\n+CIEV:0,3\r\n');
        expect(events.at(-1)).toEqual({ kind: 'signal', bars: 3 });
      }),
      { numRuns: 100 },
    );
  });

  it('keeps 10 MiB of garbage without line ends under the cap', () => {
    const { splitter, events, feed } = receivePath();
    const garbage = Buffer.alloc(64 * 1024, 0x5a);
    for (let i = 0; i < 160; i++) {
      feed(garbage);
      expect(splitter.pendingLength).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    }
    feed('\r\nSBDRING\r\n');
    expect(events).toEqual([{ kind: 'ring' }]);
  });

  it('answers the next command correctly after garbage lines (recovery)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 10 }), async (chunks) => {
        const { channel, feed } = receivePath();
        for (const chunk of chunks) feed(chunk);
        feed('\r\n'); // whatever garbage was mid-line ends here
        const answer = channel.send({ command: 'AT+CSQF', prefix: '+CSQ' });
        feed('\r\n+CSQF:2\r\n\r\nOK\r\n');
        const { lines } = await answer;
        expect(lines.map(parseSignalBars).find((v) => v !== undefined)).toBe(2);
      }),
      { numRuns: 200 },
    );
  });
});
