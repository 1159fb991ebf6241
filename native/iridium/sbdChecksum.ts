/**
 * The SBD checksum of `AT+SBDWB` and `AT+SBDRB` (ISU AT Command Reference v2.45): the
 * least significant 16 bits of the sum of the message bytes, sent high byte first.
 */
export function sbdChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum = (sum + byte) & 0xffff;
  return sum;
}

/** The message followed by its 2-byte checksum, as `AT+SBDWB` wants it after `READY`. */
export function withSbdChecksum(bytes: Uint8Array): Buffer {
  const framed = Buffer.alloc(bytes.length + 2);
  framed.set(bytes, 0);
  framed.writeUInt16BE(sbdChecksum(bytes), bytes.length);
  return framed;
}
