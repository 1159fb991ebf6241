/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version 7, 74 random bits. Every
 * record created at the edge gets one there. Uses only `crypto.getRandomValues`, so the
 * same code runs in Node, the renderer and the center.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidToString(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new TypeError('a UUID has 16 bytes');
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[bytes[i]!];
  }
  return s;
}

export function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${JSON.stringify(uuid).slice(0, 60)}`);
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function withTime(bytes: Uint8Array, ms: number): Uint8Array {
  const t = Math.max(0, Math.floor(ms));
  // 48-bit big-endian milliseconds (JS numbers are exact to 2^53).
  bytes[0] = Math.floor(t / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(t / 2 ** 32) & 0xff;
  bytes[2] = (t >>> 24) & 0xff;
  bytes[3] = (t >>> 16) & 0xff;
  bytes[4] = (t >>> 8) & 0xff;
  bytes[5] = t & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  return bytes;
}

export function uuidv7(ms = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return uuidToString(withTime(bytes, ms));
}

/** The Unix milliseconds a UUIDv7 carries. */
export function uuidv7Time(uuid: string): number {
  const b = uuidToBytes(uuid);
  return b[0]! * 2 ** 40 + b[1]! * 2 ** 32 + ((b[2]! << 24) >>> 0) + (b[3]! << 16) + (b[4]! << 8) + b[5]!;
}

/** FNV-1a over a string, two 32-bit lanes: enough to fill a UUID's "random" bits deterministically. */
function fnvBytes(text: string, count: number): Uint8Array {
  const out = new Uint8Array(count);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < text.length; j++) {
      h1 = Math.imul(h1 ^ text.charCodeAt(j), 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ (text.charCodeAt(j) + i), 0x01000193) >>> 0;
    }
    out[i] = (h1 ^ (h2 >>> 7)) & 0xff;
  }
  return out;
}

/**
 * The UUIDv7 of a position report, derived from what its compact wire form carries
 * (vehicle, sequence, time), so the 16 id bytes need not travel: both sides compute it.
 */
export function derivedUuidv7(vehicleId: string, seq: number, ms: number): string {
  return uuidToString(withTime(fnvBytes(`${vehicleId}/${seq}/${ms}`, 16), ms));
}
