import { WireError, decodeItem, encodeItem } from '../sync/codec';
import type { SyncItem } from '../sync/items';
import { crc16, crc32 } from './crc';

/**
 * One Iridium SBD message's payload: a few of a vehicle's sync items in their compact wire
 * form (codec.ts, which carries each item's per-vehicle sequence number), framed so the
 * other side can tell whose they are and that nothing was cut or changed on the way.
 *
 *   byte 0      format version (high nibble, 1) | direction (low nibble: 0 MO, 1 MT)
 *   bytes 1–2   vehicle tag: CRC-16/CCITT-FALSE of the vehicle id (UTF-8), big-endian
 *   byte 3      item count, 1–255
 *   per item    length (1 byte below 0x80, else 2 bytes: 0x80 | high 7 bits, low 8 bits), the item's bytes
 *   last 4      CRC-32 (IEEE) of every byte before it, big-endian
 *
 * Why a two-byte tag and not the vehicle id: the gateway already names the sender by its
 * IMEI, and the center maps the IMEI to the vehicle. The tag only has to catch a wrong
 * mapping (a modem moved to another vehicle, an IMEI typed wrong), which two bytes do
 * but for one case in 65 536 — against up to 33 bytes of a 340-byte message for the id.
 * Why CRC-32 over the whole: Iridium checks its own hops, but not the DirectIP socket, the
 * gateway's storage or a simulator's bugs; 4 bytes make a cut or altered payload certain
 * to be refused rather than stored as something else.
 *
 * Items are never split across messages: an item too large for one payload is refused
 * with the reason (it waits for an IP link).
 */

export const SBD_FORMAT_VERSION = 1;
/** Largest mobile-originated payload of a 9602/9603 (reference §1.4). */
export const SBD_MO_MAX_BYTES = 340;
/** Largest mobile-terminated payload a 9602/9603 takes. */
export const SBD_MT_MAX_BYTES = 270;
/** Bytes of framing besides the items' own: the 4-byte header and the 4-byte check. */
export const SBD_FRAME_BYTES = 8;
const MAX_ITEMS = 255;

export type SbdDirection = 'mo' | 'mt';
const DIRECTION_CODES: Readonly<Record<SbdDirection, number>> = { mo: 0, mt: 1 };

export const SBD_MAX_BYTES: Readonly<Record<SbdDirection, number>> = { mo: SBD_MO_MAX_BYTES, mt: SBD_MT_MAX_BYTES };

export type SbdPayloadErrorCode =
  'too-large' | 'too-short' | 'empty' | 'bad-version' | 'wrong-direction' | 'bad-check' | 'wrong-vehicle' | 'malformed' | 'bad-item';

/** A payload that cannot be built or read; `code` says why. */
export class SbdPayloadError extends Error {
  constructor(
    readonly code: SbdPayloadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SbdPayloadError';
  }
}

/** The two-byte check of a vehicle's identity carried in every payload. */
export function vehicleTag(vehicleId: string): number {
  return crc16(new TextEncoder().encode(vehicleId));
}

function lengthPrefix(length: number): number[] {
  return length < 0x80 ? [length] : [0x80 | (length >> 8), length & 0xff];
}

/** Bytes one item of `length` wire bytes takes in a payload. */
export function framedItemBytes(length: number): number {
  return lengthPrefix(length).length + length;
}

/** Frames encoded items into one payload. Throws SbdPayloadError `empty` or `too-large` (with the sizes). */
export function encodeSbdPayload(direction: SbdDirection, vehicleId: string, wires: readonly Uint8Array[]): Uint8Array {
  if (wires.length === 0) throw new SbdPayloadError('empty', 'an SBD payload carries at least one item');
  if (wires.length > MAX_ITEMS)
    throw new SbdPayloadError('too-large', `${wires.length} items; one SBD payload carries at most ${MAX_ITEMS}`);
  const size = SBD_FRAME_BYTES + wires.reduce((sum, wire) => sum + framedItemBytes(wire.length), 0);
  const limit = SBD_MAX_BYTES[direction];
  if (size > limit)
    throw new SbdPayloadError('too-large', `${size} bytes with framing; one ${direction.toUpperCase()} message holds at most ${limit}`);
  const out = new Uint8Array(size);
  const tag = vehicleTag(vehicleId);
  out.set([(SBD_FORMAT_VERSION << 4) | DIRECTION_CODES[direction], tag >> 8, tag & 0xff, wires.length]);
  let at = 4;
  for (const wire of wires) {
    const prefix = lengthPrefix(wire.length);
    out.set(prefix, at);
    out.set(wire, at + prefix.length);
    at += prefix.length + wire.length;
  }
  new DataView(out.buffer).setUint32(at, crc32(out.subarray(0, at)));
  return out;
}

/** What one payload could take of a queue of items, in order. */
export interface SbdPacking<T = SyncItem> {
  /** The payload, or undefined when no item fits. */
  payload: Uint8Array | undefined;
  /** Items in the payload. */
  packed: T[];
  /** Items that cannot go by SBD at all (too large alone), with the reason to show. */
  refused: Array<{ item: T; reason: string }>;
  /** Items that fit alone but not beside the packed ones: the next message's. */
  left: T[];
}

/**
 * Packs as many of `items` (most urgent first) as fit one payload, keeping their order.
 * An item too large for an SBD message on its own is refused with the reason, never split.
 */
export function packSbdItems(direction: SbdDirection, vehicleId: string, items: readonly SyncItem[]): SbdPacking {
  return packSbdWires(
    direction,
    vehicleId,
    items.map((item) => ({ item, wire: encodeItem(item) })),
  );
}

/** As packSbdItems, for items already in wire form (`item` is whatever the caller tracks them by). */
export function packSbdWires<T>(
  direction: SbdDirection,
  vehicleId: string,
  items: ReadonlyArray<{ item: T; wire: Uint8Array }>,
): SbdPacking<T> {
  const limit = SBD_MAX_BYTES[direction];
  const packing: SbdPacking<T> = { payload: undefined, packed: [], refused: [], left: [] };
  const wires: Uint8Array[] = [];
  let size = SBD_FRAME_BYTES;
  for (const { item, wire } of items) {
    const framed = framedItemBytes(wire.length);
    if (SBD_FRAME_BYTES + framed > limit) {
      const reason = `the item is ${wire.length} bytes encoded; one Iridium ${direction.toUpperCase()} message holds ${limit - SBD_FRAME_BYTES - framed + wire.length} of an item's bytes, and items are never split`;
      packing.refused.push({ item, reason });
    } else if (size + framed > limit || wires.length === MAX_ITEMS) {
      packing.left.push(item);
    } else {
      wires.push(wire);
      packing.packed.push(item);
      size += framed;
    }
  }
  if (wires.length > 0) packing.payload = encodeSbdPayload(direction, vehicleId, wires);
  return packing;
}

/** A payload read and checked: its items still in wire form (the center stores those bytes). */
export interface SbdPayload {
  version: number;
  direction: SbdDirection;
  vehicleTag: number;
  items: Uint8Array[];
}

/**
 * Reads and checks a payload: size, version, direction, the whole-payload CRC-32, every
 * item length, and (with `vehicleId`) the vehicle tag. Every failure is an SbdPayloadError.
 */
export function decodeSbdPayload(bytes: Uint8Array, expect: { direction: SbdDirection; vehicleId?: string }): SbdPayload {
  const limit = SBD_MAX_BYTES[expect.direction];
  if (bytes.length > limit)
    throw new SbdPayloadError('too-large', `${bytes.length} bytes; an ${expect.direction.toUpperCase()} payload is at most ${limit}`);
  if (bytes.length < SBD_FRAME_BYTES + 2) throw new SbdPayloadError('too-short', `${bytes.length} bytes is too short for an SBD payload`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 4;
  if (view.getUint32(end) !== crc32(bytes.subarray(0, end)))
    throw new SbdPayloadError('bad-check', 'the CRC-32 does not match: the payload was cut or altered');
  const version = bytes[0]! >> 4;
  if (version !== SBD_FORMAT_VERSION)
    throw new SbdPayloadError('bad-version', `format version ${version}; this side reads ${SBD_FORMAT_VERSION}`);
  const direction = (bytes[0]! & 0x0f) === DIRECTION_CODES.mo ? 'mo' : (bytes[0]! & 0x0f) === DIRECTION_CODES.mt ? 'mt' : undefined;
  if (direction !== expect.direction)
    throw new SbdPayloadError('wrong-direction', `direction code ${bytes[0]! & 0x0f}; expected ${expect.direction.toUpperCase()}`);
  const tag = view.getUint16(1);
  if (expect.vehicleId !== undefined && tag !== vehicleTag(expect.vehicleId))
    throw new SbdPayloadError(
      'wrong-vehicle',
      `the payload's vehicle tag ${tag} is not that of ${expect.vehicleId} (is the IMEI mapped to the right vehicle?)`,
    );
  const count = bytes[3]!;
  if (count === 0) throw new SbdPayloadError('empty', 'the payload holds no item');
  const items: Uint8Array[] = [];
  let at = 4;
  for (let i = 0; i < count; i++) {
    if (at >= end) throw new SbdPayloadError('malformed', `item ${i + 1} of ${count} is missing`);
    let length = bytes[at]!;
    at += 1;
    if (length & 0x80) {
      if (at >= end) throw new SbdPayloadError('malformed', `item ${i + 1}: its length is cut`);
      length = ((length & 0x7f) << 8) | bytes[at]!;
      at += 1;
    }
    if (length === 0 || at + length > end)
      throw new SbdPayloadError('malformed', `item ${i + 1}: length ${length} does not fit the payload`);
    items.push(bytes.slice(at, at + length));
    at += length;
  }
  if (at !== end) throw new SbdPayloadError('malformed', `${end - at} bytes after the last item`);
  return { version, direction, vehicleTag: tag, items };
}

/** As decodeSbdPayload, then each item decoded and checked (codec.ts); a bad item is `bad-item` naming it. */
export function decodeSbdItems(bytes: Uint8Array, direction: SbdDirection, vehicleId: string): SyncItem[] {
  return decodeSbdPayload(bytes, { direction, vehicleId }).items.map((wire, index) => {
    try {
      return decodeItem(wire, vehicleId);
    } catch (error) {
      if (error instanceof WireError) throw new SbdPayloadError('bad-item', `item ${index + 1}: ${error.message}`);
      throw error;
    }
  });
}
