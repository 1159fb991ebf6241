import { describe, expect, it } from 'vitest';
import { SbdMoRetryConfig } from '../../../../protocol/config/linkConfig';
import { moRetryDelayMs } from '../../../../native/iridium/moBackoff';
import { classifyMoStatus, type MoDisposition } from '../../../../native/iridium/moStatusTable';
import { sbdChecksum, withSbdChecksum } from '../../../../native/iridium/sbdChecksum';
import { SbdRbFrameReader } from '../../../../native/iridium/SbdRbFrameReader';
import { parseSystemTime, parseWriteStatus } from '../../../../native/iridium/sbdParsers';

describe('SBD checksum', () => {
  it('is the low 16 bits of the byte sum, high byte first after the message', () => {
    expect(sbdChecksum(Buffer.from('hello'))).toBe(0x0214); // 104 + 101 + 108 + 108 + 111 = 532
    expect([...withSbdChecksum(Buffer.from('hello'))]).toEqual([...Buffer.from('hello'), 0x02, 0x14]);
    expect(sbdChecksum(new Uint8Array(0))).toBe(0);
    expect(sbdChecksum(new Uint8Array(340).fill(0xff))).toBe((340 * 255) & 0xffff); // 86 700 wraps to 0x52ac
    expect(sbdChecksum(new Uint8Array(340).fill(0xff))).toBe(0x52ac);
    expect([...withSbdChecksum(Uint8Array.of(0xff, 0x01))]).toEqual([0xff, 0x01, 0x01, 0x00]);
  });
});

/** The whole table of the reference (operations-maps-sbd.md §1.11): every code and what the driver does with it. */
const TABLE: Array<[number, MoDisposition, string]> = [
  [0, 'sent', 'success'],
  [1, 'sent', 'success'],
  [2, 'sent', 'success'],
  [3, 'sent', 'success'],
  [4, 'sent', 'success'],
  ...[5, 6, 7, 8].map((c): [number, MoDisposition, string] => [c, 'retry', 'gateway-failure']),
  [9, 'retry', 'unknown'],
  [10, 'retry', 'call-timeout'],
  [11, 'retry', 'mo-queue-full'],
  [12, 'park', 'gateway-failure'],
  [13, 'retry', 'gateway-failure'],
  [14, 'park', 'gateway-failure'],
  [15, 'park', 'access-denied'],
  [16, 'park', 'locked'],
  [17, 'retry', 'gateway-not-responding'],
  [18, 'retry', 'rf-drop'],
  [19, 'retry', 'link-failure'],
  ...Array.from({ length: 12 }, (_, i): [number, MoDisposition, string] => [20 + i, 'retry', 'unknown']),
  [32, 'retry', 'no-network-service'],
  [33, 'retry', 'antenna-fault'],
  [34, 'retry', 'radio-disabled'],
  [35, 'retry', 'busy'],
  [36, 'retry', 'wait-after-registration'],
  [37, 'retry', 'sbd-disabled'],
  [38, 'retry', 'traffic-management'],
  ...Array.from({ length: 25 }, (_, i): [number, MoDisposition, string] => [39 + i, 'retry', 'unknown']),
  [64, 'retry', 'band-violation'],
  [65, 'retry', 'pll-lock-failure'],
  [66, 'retry', 'unknown'],
  [255, 'retry', 'unknown'],
];

describe('MO status classification', () => {
  it('covers every code from 0 to 66 once', () => {
    expect(TABLE.map(([code]) => code).slice(0, 67)).toEqual(Array.from({ length: 67 }, (_, i) => i));
  });

  it.each(TABLE)('MO status %i → %s (%s)', (code, disposition, outcome) => {
    expect(classifyMoStatus(code)).toMatchObject({ disposition, outcome });
  });

  it('says what a status means, in words, for the park reason and the log', () => {
    expect(classifyMoStatus(16).meaning).toBe('the transceiver is locked and may not make SBD calls (+CULK)');
    expect(classifyMoStatus(12).meaning).toBe('the MO message has too many segments');
    expect(classifyMoStatus(3).meaning).toBe('sent (reserved success code)');
    expect(classifyMoStatus(40).meaning).toBe('failed (reserved or unknown MO status 40)');
    expect(classifyMoStatus(-1)).toMatchObject({ disposition: 'retry', outcome: 'unknown' });
    expect(classifyMoStatus(1.5)).toMatchObject({ disposition: 'retry', outcome: 'unknown' });
  });
});

describe('MO retry schedule', () => {
  const defaults = SbdMoRetryConfig.parse({});

  it('defaults to RockBLOCK adaptive retry: random 0–5 s twice, 0–30 s twice, then every 5 minutes', () => {
    expect(defaults).toEqual({ randomMaxMs: [5000, 5000, 30_000, 30_000], thenEveryMs: 300_000 });
    const high = () => 0.999_999_9;
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => moRetryDelayMs(n, defaults, high))).toEqual([
      5000, 5000, 30_000, 30_000, 300_000, 300_000, 300_000,
    ]);
    const low = () => 0;
    expect([1, 2, 3, 4, 5].map((n) => moRetryDelayMs(n, defaults, low))).toEqual([0, 0, 0, 0, 300_000]);
    const half = () => 0.5;
    expect([1, 2, 3, 4].map((n) => moRetryDelayMs(n, defaults, half))).toEqual([2500, 2500, 15_000, 15_000]);
  });

  it('follows a configured schedule, also one without random waits', () => {
    expect([1, 2, 3].map((n) => moRetryDelayMs(n, { randomMaxMs: [1000], thenEveryMs: 60_000 }, () => 0.25))).toEqual([
      250, 60_000, 60_000,
    ]);
    expect(moRetryDelayMs(1, { randomMaxMs: [], thenEveryMs: 42 }, () => 0.9)).toBe(42);
  });

  it('keeps a random source outside [0, 1) inside the bound, and refuses a failure count below 1', () => {
    expect(moRetryDelayMs(1, defaults, () => 7)).toBe(5000);
    expect(moRetryDelayMs(1, defaults, () => -3)).toBe(0);
    expect(() => moRetryDelayMs(0, defaults, () => 0)).toThrow(RangeError);
  });

  it('is refused by its schema when a value is out of range', () => {
    expect(SbdMoRetryConfig.safeParse({ thenEveryMs: 5 }).success).toBe(false);
    expect(SbdMoRetryConfig.safeParse({ randomMaxMs: new Array(21).fill(1) }).success).toBe(false);
    expect(SbdMoRetryConfig.safeParse({ randomMaxMs: [1.5] }).success).toBe(false);
  });
});

describe('AT-MSSTM and AT+SBDWB answers', () => {
  it('reads the system time, or its absence', () => {
    expect(parseSystemTime('-MSSTM: 0a1b2c3d')).toEqual({ kind: 'time', ticks: 0x0a1b2c3d });
    expect(parseSystemTime('-MSSTM:82E7D3D5')).toEqual({ kind: 'time', ticks: 0x82e7d3d5 });
    expect(parseSystemTime('-MSSTM: no network service')).toEqual({ kind: 'none' });
    expect(parseSystemTime('-MSSTM: soon')).toBeUndefined();
    expect(parseSystemTime('+CSQ:4')).toBeUndefined();
  });

  it('finds the write status among the answer lines', () => {
    expect(parseWriteStatus(['READY', '0'])).toBe(0);
    expect(parseWriteStatus(['READY', '2'])).toBe(2);
    expect(parseWriteStatus(['READY'])).toBeUndefined();
    expect(parseWriteStatus(['READY', '7'])).toBeUndefined();
  });
});

/** A frame as AT+SBDRB sends it: length, bytes, checksum. */
function frame(bytes: Uint8Array, checksum = sbdChecksum(bytes)): Buffer {
  const out = Buffer.alloc(bytes.length + 4);
  out.writeUInt16BE(bytes.length, 0);
  out.set(bytes, 2);
  out.writeUInt16BE(checksum, bytes.length + 2);
  return out;
}

describe('SbdRbFrameReader', () => {
  const body = Uint8Array.of(0x0d, 0x0a, 0x00, 0x4f, 0x4b, 0x0d, 0x0a, 0xff);

  it('passes bytes through while not armed', () => {
    const reader = new SbdRbFrameReader(270);
    expect(reader.push(Buffer.from('\r\nOK\r\n'))).toEqual([Buffer.from('\r\nOK\r\n')]);
  });

  it('takes a frame split into single bytes and hands the OK after it to the lines', () => {
    const reader = new SbdRbFrameReader(270);
    reader.arm();
    const stream = Buffer.concat([frame(body), Buffer.from('\r\nOK\r\n')]);
    const passed = [...stream].flatMap((byte) => reader.push(Buffer.of(byte)));
    expect(Buffer.concat(passed).toString()).toBe('\r\nOK\r\n');
    expect(reader.take()).toEqual({ ok: true, bytes: Buffer.from(body) });
    expect(reader.active).toBe(false);
  });

  it('skips line ends before the frame and passes an echoed command on as a line', () => {
    const reader = new SbdRbFrameReader(270);
    reader.arm();
    const passed = reader.push(Buffer.concat([Buffer.from('AT+SBDRB\r\r\n'), frame(body), Buffer.from('\r\nOK\r\n')]));
    expect(passed.map((b) => b.toString())).toEqual(['AT+SBDRB\r\n', '\r\nOK\r\n']);
    expect(reader.take()).toMatchObject({ ok: true });
  });

  it('reports a wrong checksum, and an empty buffer as no bytes', () => {
    const reader = new SbdRbFrameReader(270);
    reader.arm();
    reader.push(frame(body, 0x1234));
    expect(reader.take()).toEqual({ ok: false, problem: 'checksum', detail: 'checksum 0x1234 does not match the bytes (0x01c7)' }); // 13+10+0+79+75+13+10+255 = 455
    reader.arm();
    reader.push(frame(new Uint8Array(0)));
    expect(reader.take()).toEqual({ ok: true, bytes: Buffer.alloc(0) });
  });

  it('gives text back to the lines when the answer is ERROR (its first bytes read as a length over the limit)', () => {
    const reader = new SbdRbFrameReader(270);
    reader.arm();
    expect(Buffer.concat(reader.push(Buffer.from('\r\nERROR\r\n'))).toString()).toBe('ERROR\r\n');
    expect(reader.take()).toMatchObject({ ok: false, problem: 'length' });
  });

  it('reports a frame cut short as incomplete, and passes everything through once disarmed', () => {
    const reader = new SbdRbFrameReader(270);
    reader.arm();
    reader.push(frame(body).subarray(0, 5));
    expect(reader.take()).toEqual({ ok: false, problem: 'incomplete', detail: 'only 5 bytes arrived' });
    expect(reader.push(Buffer.from('OK\r\n'))).toEqual([Buffer.from('OK\r\n')]);
  });
});
