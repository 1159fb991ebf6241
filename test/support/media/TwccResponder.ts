import { randomInt } from 'node:crypto';
import type { RtcpPacket, RTCDtlsTransport, RtpPacket } from 'werift';

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-
 * extensions-01) for everything a browser sends on one transport. werift 0.25.2 has its
 * own, but it runs one per receiver (audio and video each report half of one sequence
 * space), reports gaps as received, and measures its first delta from the previous
 * packet instead of the reference time: Chrome's send-side estimate then swings between
 * 30 and 250 kbit/s on a clean loopback. The stand-in therefore strips transport-cc from
 * what werift negotiates and answers here: one report per 100 ms covering every sequence
 * number since the last one, with missing packets as not received.
 */

const INTERVAL_MS = 100;
/** A report never spans more than this many sequence numbers (a jump after a restart starts afresh). */
const MAX_SPAN = 1000;
const TICK_US = 250;
const REFERENCE_US = 64_000;

export class TwccResponder {
  readonly #dtls: RTCDtlsTransport;
  readonly #senderSsrc = randomInt(1, 2 ** 31);
  readonly #arrivals = new Map<number, number>();
  readonly #unsubscribe: () => void;
  readonly #timer: NodeJS.Timeout;
  #extensionId: number | undefined;
  #mediaSsrc = 0;
  #lastUnwrapped: number | undefined;
  /** First sequence number (unwrapped) not yet reported. */
  #next: number | undefined;
  #count = 0;

  constructor(dtls: RTCDtlsTransport) {
    this.#dtls = dtls;
    const subscription = dtls.onRtp.subscribe((packet) => this.#onRtp(packet));
    this.#unsubscribe = () => subscription.unSubscribe();
    this.#timer = setInterval(() => this.#report(), INTERVAL_MS);
    this.#timer.unref();
  }

  /** The browser's id for the transport-wide-cc extension, and an SSRC of its to name in reports. */
  track(extensionId: number, mediaSsrc: number): void {
    this.#extensionId = extensionId;
    if (!this.#mediaSsrc) this.#mediaSsrc = mediaSsrc;
  }

  stop(): void {
    clearInterval(this.#timer);
    try {
      this.#unsubscribe();
    } catch {
      // werift's event already completed
    }
  }

  #onRtp(packet: RtpPacket): void {
    if (this.#extensionId === undefined) return;
    const ext = packet.header.extensions.find((e) => e.id === this.#extensionId);
    if (!ext || ext.payload.length < 2) return;
    const seq = this.#unwrap(ext.payload.readUInt16BE(0));
    if (this.#next !== undefined && seq < this.#next) return; // late: already reported as lost
    this.#arrivals.set(seq, Math.round(performance.now() * 1000));
  }

  #unwrap(seq: number): number {
    if (this.#lastUnwrapped === undefined) {
      this.#lastUnwrapped = seq;
      return seq;
    }
    const diff = ((seq - (this.#lastUnwrapped & 0xffff) + 0x8000) & 0xffff) - 0x8000;
    const unwrapped = this.#lastUnwrapped + diff;
    if (diff > 0) this.#lastUnwrapped = unwrapped;
    return unwrapped;
  }

  #report(): void {
    if (this.#arrivals.size === 0) return;
    try {
      const packet = this.#build();
      if (packet) this.#dtls.sendRtcp([{ serialize: () => packet } as unknown as RtcpPacket]).catch(() => {});
    } catch {
      this.#arrivals.clear();
    }
  }

  #build(): Buffer | undefined {
    const seqs = [...this.#arrivals.keys()].sort((a, b) => a - b);
    const max = seqs[seqs.length - 1] ?? 0;
    let base = this.#next ?? seqs[0] ?? 0;
    if (max - base >= MAX_SPAN) base = seqs.find((s) => max - s < MAX_SPAN) ?? max;
    const firstArrival = this.#arrivals.get(seqs.find((s) => s >= base) ?? max) ?? 0;
    const reference = Math.floor(firstArrival / REFERENCE_US);
    let lastTicks = (reference * REFERENCE_US) / TICK_US;
    const statuses: number[] = [];
    const deltas: Buffer[] = [];
    for (let seq = base; seq <= max; seq++) {
      const arrival = this.#arrivals.get(seq);
      if (arrival === undefined) {
        statuses.push(0);
        continue;
      }
      const ticks = Math.round(arrival / TICK_US);
      const delta = ticks - lastTicks;
      lastTicks = ticks;
      if (delta >= 0 && delta <= 255) {
        statuses.push(1);
        deltas.push(Buffer.from([delta]));
      } else {
        const large = Buffer.alloc(2);
        large.writeInt16BE(Math.max(-32768, Math.min(32767, delta)));
        statuses.push(2);
        deltas.push(large);
      }
    }
    this.#arrivals.clear();
    this.#next = max + 1;
    return this.#serialize(base & 0xffff, statuses, reference & 0xffffff, deltas);
  }

  #serialize(base: number, statuses: number[], reference: number, deltas: Buffer[]): Buffer {
    const chunks: Buffer[] = [];
    for (let i = 0; i < statuses.length;) {
      const status = statuses[i] ?? 0;
      let run = 1;
      while (i + run < statuses.length && statuses[i + run] === status && run < 8191) run++;
      const chunk = Buffer.alloc(2);
      chunk.writeUInt16BE((status << 13) | run);
      chunks.push(chunk);
      i += run;
    }
    const fixed = Buffer.alloc(16);
    fixed.writeUInt32BE(this.#senderSsrc, 0);
    fixed.writeUInt32BE(this.#mediaSsrc >>> 0, 4);
    fixed.writeUInt16BE(base, 8);
    fixed.writeUInt16BE(statuses.length, 10);
    fixed.writeUIntBE(reference, 12, 3);
    fixed.writeUInt8(this.#count, 15);
    this.#count = (this.#count + 1) & 0xff;
    let body = Buffer.concat([fixed, ...chunks, ...deltas]);
    const padding = (4 - (body.length % 4)) % 4;
    if (padding) {
      const pad = Buffer.alloc(padding);
      pad[padding - 1] = padding;
      body = Buffer.concat([body, pad]);
    }
    const header = Buffer.alloc(4);
    header.writeUInt8(0x80 | (padding ? 0x20 : 0) | 15, 0);
    header.writeUInt8(205, 1);
    header.writeUInt16BE(body.length / 4, 2);
    return Buffer.concat([header, body]);
  }
}
