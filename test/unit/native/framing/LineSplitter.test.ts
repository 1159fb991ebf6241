import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../../native/framing/LineSplitter';

function split(
  chunks: Array<string | Buffer>,
  options?: ConstructorParameters<typeof LineSplitter>[0],
): { lines: string[]; splitter: LineSplitter } {
  const splitter = new LineSplitter(options);
  const lines: string[] = [];
  splitter.on('data', (line: string) => lines.push(line));
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return { lines, splitter };
}

describe('LineSplitter', () => {
  it('splits on CRLF, lone CR and lone LF, and skips empty lines', () => {
    expect(split(['\r\n+CSQ: 23,99\r\n\r\nOK\r\n', 'RDY\r', '+QIND: SMS DONE\n']).lines).toEqual([
      '+CSQ: 23,99',
      'OK',
      'RDY',
      '+QIND: SMS DONE',
    ]);
  });

  it('buffers a partial line until its end arrives in a later chunk', () => {
    expect(split(['\r\n+CE', 'SQ: 99,99,255,2', '55,20,80\r', '\n\r\nO', 'K\r\n']).lines).toEqual(['+CESQ: 99,99,255,255,20,80', 'OK']);
  });

  it('keeps a UTF-8 character whole when its bytes are split across chunks', () => {
    const bytes = Buffer.from('+COPS: 0,0,"中国移动",7\r\n', 'utf8');
    const cut = bytes.indexOf(0xe4) + 1; // inside the first CJK character
    expect(split([bytes.subarray(0, cut), bytes.subarray(cut)]).lines).toEqual(['+COPS: 0,0,"中国移动",7']);
  });

  it('emits a final line without terminator at end of stream', () => {
    expect(split(['OK\r\nRDY']).lines).toEqual(['OK', 'RDY']);
  });

  it('drops an over-long line, counts it, and recovers at the next line end', () => {
    const { lines, splitter } = split(['x'.repeat(50), 'y'.repeat(50), '\r\nOK\r\n'], { maxLineLength: 64 });
    expect(lines).toEqual(['OK']);
    expect(splitter.overflowCount).toBe(1);
  });

  it('rejects a bad maxLineLength with a TypeError naming the option', () => {
    expect(() => new LineSplitter({ maxLineLength: 0 })).toThrow(/maxLineLength/);
  });

  it('yields the same lines however the bytes are chunked (property)', () => {
    const line = fc
      .stringMatching(/^[ -~]{1,40}$/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }), (lines, cuts) => {
        const text = lines.map((l) => `\r\n${l}\r\n`).join('');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(text.slice(last, p));
          last = p;
        }
        chunks.push(text.slice(last));
        expect(split(chunks.map((c) => Buffer.from(c, 'latin1'))).lines).toEqual(lines);
      }),
    );
  });

  it('holds bounded memory on endless garbage without line endings', () => {
    const splitter = new LineSplitter({ maxLineLength: 1024 });
    let emitted = 0;
    splitter.on('data', () => emitted++);
    const garbage = Buffer.alloc(64 * 1024, 0x41);
    for (let i = 0; i < 160; i++) {
      splitter.write(garbage); // 10 MiB in all, no line end
      expect(splitter.pendingLength).toBeLessThanOrEqual(1024);
    }
    splitter.write('\r\nOK\r\n');
    expect(emitted).toBe(1);
    expect(splitter.overflowCount).toBe(1);
  });
});
