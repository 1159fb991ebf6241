/**
 * Where a join's time goes, seen from the stand-in: a bench sets a sink and gets one line
 * per step (ICE and DTLS states, first packet of each producer, key frames, PLIs, first
 * packet to each consumer). Nothing is recorded without a sink.
 */
export type MediaTraceSink = (event: string) => void;

let sink: MediaTraceSink | undefined;

export function setMediaTrace(next: MediaTraceSink | undefined): void {
  sink = next;
}

export function mediaTrace(event: string): void {
  sink?.(event);
}

/** Whether a sink listens (so that a per-packet check costs nothing otherwise). */
export function mediaTracing(): boolean {
  return sink !== undefined;
}

/** Whether an RTP payload (VP8, RFC 7741 §4) starts a key frame: start of partition 0 and the P bit clear. */
export function isVp8KeyFrameStart(payload: Uint8Array): boolean {
  if (payload.length < 1) return false;
  const first = payload[0]!;
  const start = (first & 0x10) !== 0 && (first & 0x07) === 0;
  if (!start) return false;
  let offset = 1;
  if (first & 0x80) {
    const ext = payload[offset++] ?? 0;
    if (ext & 0x80) offset += (payload[offset] ?? 0) & 0x80 ? 2 : 1; // picture ID, 7 or 15 bits
    if (ext & 0x40) offset += 1; // TL0PICIDX
    if (ext & 0x30) offset += 1; // TID / KEYIDX
  }
  const header = payload[offset];
  return header !== undefined && (header & 0x01) === 0;
}
