import type { CivFrame } from './civFrames';

/**
 * CI-V data formats (Hamlib `rigs/icom/icom.c`, `ic7300.c`) as pure functions that never
 * throw: packed BCD in both byte orders, the mode table, and the S-meter scale.
 */

/** CI-V commands the HF driver uses. */
export const CIV_COMMANDS = {
  /** Transceive broadcast of the frequency (radio → 00 when CI-V Transceive is on). */
  transferFrequency: 0x00,
  /** Transceive broadcast of the mode. */
  transferMode: 0x01,
  readFrequency: 0x03,
  readMode: 0x04,
  /** `14 0A`: RF power setting 0000–0255. */
  level: 0x14,
  /** `15 02`: S-meter 0000–0255. */
  meter: 0x15,
  /** `19 00`: the radio's CI-V address (its model's default). */
  readId: 0x19,
  /** `1C 00`: PTT, 00 RX / 01 TX. */
  transmit: 0x1c,
} as const;

export const SUB_RF_POWER = 0x0a;
export const SUB_S_METER = 0x02;
export const SUB_PTT = 0x00;
export const SUB_ID = 0x00;

/** One packed-BCD byte (0x47 → 47), or undefined when a nibble is not a digit. */
function bcdByte(byte: number): number | undefined {
  const high = byte >> 4;
  const low = byte & 0x0f;
  return high > 9 || low > 9 ? undefined : high * 10 + low;
}

/**
 * Frequency data: packed BCD, least-significant byte first (10/1 Hz, 1k/100 Hz,
 * 100k/10k, 10M/1M, 1G/100M). Five bytes on current radios; four on old ones and six
 * above 10 GHz are read too.
 */
export function decodeFrequencyBcd(data: ArrayLike<number>): number | undefined {
  if (data.length < 4 || data.length > 6) return undefined;
  let hz = 0;
  for (let i = data.length - 1; i >= 0; i--) {
    const pair = bcdByte(data[i]!);
    if (pair === undefined) return undefined;
    hz = hz * 100 + pair;
  }
  return hz;
}

/** Hz to `length` bytes of packed BCD, least-significant byte first. */
export function encodeFrequencyBcd(hz: number, length = 5): Buffer {
  const bytes = Buffer.alloc(length);
  let rest = Math.max(0, Math.round(hz));
  for (let i = 0; i < length; i++) {
    const pair = rest % 100;
    bytes[i] = (Math.floor(pair / 10) << 4) | (pair % 10);
    rest = Math.floor(rest / 100);
  }
  return bytes;
}

/** Level and meter data: packed BCD, most-significant byte first (`01 20` → 120). */
export function decodeBcdBigEndian(data: ArrayLike<number>): number | undefined {
  if (data.length === 0 || data.length > 4) return undefined;
  let value = 0;
  for (let i = 0; i < data.length; i++) {
    const pair = bcdByte(data[i]!);
    if (pair === undefined) return undefined;
    value = value * 100 + pair;
  }
  return value;
}

export function encodeBcdBigEndian(value: number, length = 2): Buffer {
  const bytes = Buffer.alloc(length);
  let rest = Math.max(0, Math.round(value));
  for (let i = length - 1; i >= 0; i--) {
    const pair = rest % 100;
    bytes[i] = (Math.floor(pair / 10) << 4) | (pair % 10);
    rest = Math.floor(rest / 100);
  }
  return bytes;
}

/**
 * CI-V mode bytes, named as Hamlib names modes (so the rigctld and CI-V paths show the
 * same text): 00 LSB, 01 USB, 02 AM, 03 CW, 04 RTTY, 05 FM, 06 WFM, 07 CW-R, 08 RTTY-R, 17 DV.
 */
export const CIV_MODES: Readonly<Record<number, string>> = {
  0x00: 'LSB',
  0x01: 'USB',
  0x02: 'AM',
  0x03: 'CW',
  0x04: 'RTTY',
  0x05: 'FM',
  0x06: 'WFM',
  0x07: 'CWR',
  0x08: 'RTTYR',
  0x17: 'DV',
};

export function civModeName(byte: number): string {
  return CIV_MODES[byte] ?? `0x${byte.toString(16).padStart(2, '0').toUpperCase()}`;
}

/** Raw meter value → dB, as `[raw, dB]` points joined by straight lines. */
export type MeterCalibration = ReadonlyArray<readonly [raw: number, db: number]>;

/**
 * The IC-7300 S-meter scale: 0 = S0 (−54 dB), 120 = S9 (0 dB), 241 = S9+60 dB, linear in
 * between. (Hamlib's `IC7300_STR_CAL` measures more points and puts 241 at +64 dB.)
 */
export const ICOM_S_METER: MeterCalibration = [
  [0, -54],
  [120, 0],
  [241, 60],
];

/** Converts a raw meter reading through a calibration; beyond the ends it holds the end value (like Hamlib's rig_raw2val). */
export function meterToDb(raw: number, calibration: MeterCalibration = ICOM_S_METER): number | undefined {
  if (!Number.isFinite(raw) || calibration.length === 0) return undefined;
  const first = calibration[0]!;
  const last = calibration[calibration.length - 1]!;
  if (raw <= first[0]) return first[1];
  if (raw >= last[0]) return last[1];
  for (let i = 1; i < calibration.length; i++) {
    const [x1, y1] = calibration[i]!;
    const [x0, y0] = calibration[i - 1]!;
    if (raw <= x1) return Math.round((y0 + ((raw - x0) * (y1 - y0)) / (x1 - x0)) * 10) / 10;
  }
  return last[1];
}

/** Decoded answers, or undefined when the frame is not that answer or its data is malformed. */

export function frequencyFrom(frame: CivFrame): number | undefined {
  if (frame.command !== CIV_COMMANDS.readFrequency && frame.command !== CIV_COMMANDS.transferFrequency) return undefined;
  return decodeFrequencyBcd(frame.body);
}

/** Mode byte and, when sent, the filter number (1–3). */
export function modeFrom(frame: CivFrame): { mode: string; filter?: number } | undefined {
  if (frame.command !== CIV_COMMANDS.readMode && frame.command !== CIV_COMMANDS.transferMode) return undefined;
  if (frame.body.length < 1 || frame.body.length > 2) return undefined;
  const mode = bcdByte(frame.body[0]!) === undefined ? undefined : civModeName(frame.body[0]!);
  if (mode === undefined) return undefined;
  return frame.body.length === 2 ? { mode, filter: frame.body[1]! } : { mode };
}

/** A `<command> <sub> <2-byte BCD>` answer's value (meters and levels, 0–255). */
export function levelFrom(frame: CivFrame, command: number, sub: number): number | undefined {
  if (frame.command !== command || frame.body.length !== 3 || frame.body[0] !== sub) return undefined;
  const value = decodeBcdBigEndian(frame.body.subarray(1));
  return value !== undefined && value <= 255 ? value : undefined;
}

export function pttFrom(frame: CivFrame): boolean | undefined {
  if (frame.command !== CIV_COMMANDS.transmit || frame.body.length !== 2 || frame.body[0] !== SUB_PTT) return undefined;
  const value = frame.body[1];
  return value === 0 ? false : value === 1 ? true : undefined;
}

/** Default CI-V addresses of common radios (user-changeable; Hamlib's defaults). */
const CIV_MODELS: Readonly<Record<number, string>> = { 0x94: 'IC-7300', 0xa4: 'IC-705', 0x98: 'IC-7610', 0x88: 'IC-7100', 0xa2: 'IC-9700' };

/** The model an address usually belongs to, or `CI-V 0x94` when unknown. */
export function civModelName(address: number): string {
  return CIV_MODELS[address] ?? `CI-V 0x${address.toString(16).padStart(2, '0').toUpperCase()}`;
}

/** `19 00 <address>`: the radio's own address. */
export function idFrom(frame: CivFrame): number | undefined {
  if (frame.command !== CIV_COMMANDS.readId || frame.body.length !== 2 || frame.body[0] !== SUB_ID) return undefined;
  return frame.body[1];
}
