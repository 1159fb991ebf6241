/**
 * Iridium DirectIP framing (reference operations-maps-sbd.md §1.2): every message is
 *   protocol revision (1 byte, 1) | overall length (u16 BE, bytes after these 3) | IE*
 * and every information element (IE) is
 *   IEI (1 byte) | length (u16 BE, bytes of content) | content.
 * All integers are big-endian. Decoders look IEs up by IEI, never by position.
 */

export const DIRECTIP_REVISION = 1;
/** Bytes before the IEs: revision and overall length. */
export const DIRECTIP_PREAMBLE_BYTES = 3;
export const IE_HEADER_BYTES = 3;

/** Information element identifiers (reference §1.2). */
export const IEI = {
  moHeader: 0x01,
  moPayload: 0x02,
  moLocation: 0x03,
  moConfirmation: 0x05,
  mtHeader: 0x41,
  mtPayload: 0x42,
  mtConfirmation: 0x44,
  mtPriority: 0x46,
} as const;

/** Content length of each fixed-size IE. */
export const IE_CONTENT_BYTES = {
  moHeader: 28,
  moLocation: 11,
  moConfirmation: 1,
  mtHeader: 21,
  mtConfirmation: 25,
  mtPriority: 2,
} as const;

export type DirectIpErrorCode =
  'bad-revision' | 'bad-length' | 'truncated' | 'too-large' | 'unknown-ie' | 'duplicate-ie' | 'bad-ie-length' | 'missing-ie' | 'bad-field';

/** A DirectIP message that cannot be read or built; `code` says why (logged with the reason). */
export class DirectIpError extends Error {
  constructor(
    readonly code: DirectIpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DirectIpError';
  }
}

export interface InformationElement {
  iei: number;
  content: Uint8Array;
}

/** The overall length a preamble announces (bytes after the 3-byte preamble); checks the revision. */
export function readPreamble(preamble: Uint8Array): number {
  if (preamble.length < DIRECTIP_PREAMBLE_BYTES)
    throw new DirectIpError('truncated', `${preamble.length} bytes; a DirectIP message starts with 3`);
  if (preamble[0] !== DIRECTIP_REVISION)
    throw new DirectIpError('bad-revision', `protocol revision ${preamble[0]}; only revision ${DIRECTIP_REVISION} is spoken`);
  return (preamble[1]! << 8) | preamble[2]!;
}

/**
 * Splits a whole message into its IEs. The overall length must match the bytes exactly,
 * every IE must fit, and only the IEIs in `allowed` may appear, each at most once.
 */
export function parseDirectIp(message: Uint8Array, allowed: ReadonlySet<number>): Map<number, Uint8Array> {
  const overall = readPreamble(message);
  const have = message.length - DIRECTIP_PREAMBLE_BYTES;
  if (overall > have) throw new DirectIpError('truncated', `the message announces ${overall} bytes after its preamble and has ${have}`);
  if (overall < have) throw new DirectIpError('bad-length', `the message announces ${overall} bytes after its preamble and has ${have}`);
  const ies = new Map<number, Uint8Array>();
  let at = DIRECTIP_PREAMBLE_BYTES;
  while (at < message.length) {
    if (at + IE_HEADER_BYTES > message.length) throw new DirectIpError('truncated', `an IE header at byte ${at} is cut`);
    const iei = message[at]!;
    const length = (message[at + 1]! << 8) | message[at + 2]!;
    const start = at + IE_HEADER_BYTES;
    if (start + length > message.length)
      throw new DirectIpError('truncated', `IE 0x${hex(iei)} announces ${length} bytes and has ${message.length - start}`);
    if (!allowed.has(iei)) throw new DirectIpError('unknown-ie', `IE 0x${hex(iei)} is not expected in this message`);
    if (ies.has(iei)) throw new DirectIpError('duplicate-ie', `IE 0x${hex(iei)} appears twice`);
    ies.set(iei, message.slice(start, start + length));
    at = start + length;
  }
  return ies;
}

/** Checks a fixed-size IE's content length. */
export function requireLength(content: Uint8Array, expected: number, name: string): DataView {
  if (content.length !== expected)
    throw new DirectIpError('bad-ie-length', `${name} IE has ${content.length} bytes of content; it must have ${expected}`);
  return new DataView(content.buffer, content.byteOffset, content.byteLength);
}

/** Builds a message from its IEs (in the order given). */
export function encodeDirectIp(ies: readonly InformationElement[]): Uint8Array {
  const overall = ies.reduce((sum, ie) => sum + IE_HEADER_BYTES + ie.content.length, 0);
  if (overall > 0xffff) throw new DirectIpError('too-large', `${overall} bytes of IEs do not fit a DirectIP message`);
  const out = new Uint8Array(DIRECTIP_PREAMBLE_BYTES + overall);
  out.set([DIRECTIP_REVISION, overall >> 8, overall & 0xff]);
  let at = DIRECTIP_PREAMBLE_BYTES;
  for (const { iei, content } of ies) {
    out.set([iei, content.length >> 8, content.length & 0xff], at);
    out.set(content, at + IE_HEADER_BYTES);
    at += IE_HEADER_BYTES + content.length;
  }
  return out;
}

/** 15 ASCII digits, as the gateway writes an IMEI. */
export function readImei(content: Uint8Array, offset: number, name: string): string {
  const imei = String.fromCharCode(...content.subarray(offset, offset + 15));
  if (!/^\d{15}$/.test(imei)) throw new DirectIpError('bad-field', `${name}: the IMEI is not 15 digits`);
  return imei;
}

export function writeImei(out: Uint8Array, offset: number, imei: string): void {
  if (!/^\d{15}$/.test(imei)) throw new DirectIpError('bad-field', `IMEI "${imei.slice(0, 20)}" is not 15 digits`);
  for (let i = 0; i < 15; i++) out[offset + i] = imei.charCodeAt(i);
}

export function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
