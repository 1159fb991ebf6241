import { randomUUID } from 'node:crypto';
import type { RTCRtpSender, RtpPacket } from 'werift';
import type { ConsumerEvents, MediaConsumer } from '../../../center/media/MediaBackend';
import type { MediaKind, RtpParameters } from '../../../protocol/media/rtp';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import type { ProducerSink, WeriftProducer } from './WeriftProducer';
import { mediaTrace } from './mediaTrace';

/** Key-frame requests sent after a resume, ms after it: the first keyframe may be lost or arrive before the browser's decoder is ready. */
const RESUME_PLI_DELAYS_MS = [0, 300, 1000];

const seqNewer = (a: number, b: number) => a !== b && ((a - b) & 0xffff) < 0x8000;

/**
 * A producer's RTP sent to a browser by werift on a receiving transport. Created paused
 * (mediasoup's rule: the server resumes once the client has the consumer). Each packet is
 * cloned with its header extensions cleared (werift writes its own: mid, abs-send-time,
 * transport-wide-cc; merged ones would clash) and its sequence numbers kept continuous
 * across pauses, as mediasoup's SeqManager does; werift rewrites SSRC and payload type.
 */
export class WeriftConsumer implements MediaConsumer, ProducerSink {
  readonly id = randomUUID();
  readonly producerId: string;
  readonly kind: MediaKind;
  readonly rtpParameters: RtpParameters;
  readonly type = 'simple' as const;
  readonly appData: Record<string, unknown>;
  readonly #producer: WeriftProducer;
  readonly #sender: RTCRtpSender;
  readonly #events = new SafeEmitter<ConsumerEvents>();
  readonly #onClose: (consumer: WeriftConsumer) => void;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #unsubscribePli: () => void;
  #paused = true;
  #producerPaused: boolean;
  #closed = false;
  /** Output = input + offset (mod 2^16); re-derived from the first packet after a gap. */
  #seqOffset = 0;
  #lastSeq: number | undefined;
  #resync = true;
  #packets = 0;

  constructor(options: {
    producer: WeriftProducer;
    rtpParameters: RtpParameters;
    sender: RTCRtpSender;
    appData: Record<string, unknown>;
    onClose: (consumer: WeriftConsumer) => void;
  }) {
    this.#producer = options.producer;
    this.producerId = options.producer.id;
    this.kind = options.producer.kind;
    this.rtpParameters = options.rtpParameters;
    this.appData = options.appData;
    this.#sender = options.sender;
    this.#onClose = options.onClose;
    this.#producerPaused = options.producer.paused;
    const pli = options.sender.onPictureLossIndication.subscribe(() => this.#producer.requestKeyFrame());
    this.#unsubscribePli = () => pli.unSubscribe();
    options.producer.addSink(this);
  }

  get paused(): boolean {
    return this.#paused;
  }

  get producerPaused(): boolean {
    return this.#producerPaused;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** RTP packets handed to werift so far. */
  get packetsSent(): number {
    return this.#packets;
  }

  on<K extends keyof ConsumerEvents>(event: K, listener: (...args: ConsumerEvents[K]) => void): void {
    this.#events.listen(event, listener);
  }

  async pause(): Promise<void> {
    if (this.#closed) return;
    this.#paused = true;
  }

  async resume(): Promise<void> {
    if (this.#closed || !this.#paused) return;
    this.#paused = false;
    mediaTrace(`consumer ${this.id.slice(0, 8)} (${this.kind}) resumed`);
    this.#resync = true;
    this.#requestKeyFrames();
  }

  async setPreferredLayers(_layers: { spatialLayer: number; temporalLayer?: number }): Promise<void> {
    // One encoding per producer: there are no layers to choose.
  }

  async requestKeyFrame(): Promise<void> {
    if (!this.#closed) this.#producer.requestKeyFrame();
  }

  close(): void {
    this.#close(false);
  }

  onRtp(packet: RtpPacket): void {
    if (this.#closed || this.#paused || this.#producerPaused || packet.payload.length === 0) return;
    const out = packet.clone();
    out.header.extensions = [];
    out.header.extension = false;
    const input = packet.header.sequenceNumber;
    if (this.#resync) {
      this.#resync = false;
      if (this.#lastSeq !== undefined) this.#seqOffset = (this.#lastSeq + 1 - input) & 0xffff;
    }
    const seq = (input + this.#seqOffset) & 0xffff;
    out.header.sequenceNumber = seq;
    if (this.#lastSeq === undefined || seqNewer(seq, this.#lastSeq)) this.#lastSeq = seq;
    if (this.#packets === 0) mediaTrace(`consumer ${this.id.slice(0, 8)} (${this.kind}) first RTP out`);
    this.#packets += 1;
    this.#sender.sendRtp(out).catch(() => {});
  }

  onProducerPause(): void {
    this.#producerPaused = true;
    this.#events.safeEmit('producerpause');
  }

  onProducerResume(): void {
    this.#producerPaused = false;
    this.#resync = true;
    this.#events.safeEmit('producerresume');
    if (!this.#paused) this.#requestKeyFrames();
  }

  onProducerClose(): void {
    this.#close(true);
  }

  #requestKeyFrames(): void {
    if (this.kind !== 'video') return;
    for (const delay of RESUME_PLI_DELAYS_MS) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (!this.#closed && !this.#paused) this.#producer.requestKeyFrame();
      }, delay);
      this.#timers.add(timer);
    }
  }

  #close(byProducer: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#unsubscribePli();
    this.#producer.removeSink(this);
    this.#onClose(this);
    if (byProducer) this.#events.safeEmit('producerclose');
    this.#events.removeAllListeners();
  }
}
