import { randomUUID } from 'node:crypto';
import type { MediaStreamTrack, RTCRtpReceiver, RtpPacket } from 'werift';
import type { MediaProducer } from '../../../center/media/MediaBackend';
import type { MediaKind, RtpParameters } from '../../../protocol/media/rtp';
import { isVp8KeyFrameStart, mediaTrace, mediaTracing } from './mediaTrace';

/** What a producer's consumers receive from it. */
export interface ProducerSink {
  onRtp(packet: RtpPacket): void;
  onProducerPause(): void;
  onProducerResume(): void;
  onProducerClose(): void;
}

/** Fewer PLIs than this apart are folded into one (a resume and the browser's own PLI often coincide). */
const PLI_MIN_INTERVAL_MS = 100;

/**
 * A browser's track received by werift on a sending transport. Its RTP goes to every
 * sink (consumer) while not paused; key-frame requests go back to the browser as PLI.
 */
export class WeriftProducer implements MediaProducer {
  readonly id = randomUUID();
  readonly kind: MediaKind;
  readonly rtpParameters: RtpParameters;
  /** The producer's media codec (not RTX): what a consumer must be able to decode. */
  readonly codec: { mimeType: string; clockRate: number; channels?: number };
  readonly appData: Record<string, unknown>;
  readonly #ssrc: number;
  readonly #receiver: RTCRtpReceiver;
  readonly #sinks = new Set<ProducerSink>();
  readonly #onClose: (producer: WeriftProducer) => void;
  readonly #unsubscribe: () => void;
  #paused = false;
  #closed = false;
  #lastPliAt = 0;
  #packets = 0;
  #bytes = 0;

  constructor(options: {
    kind: MediaKind;
    rtpParameters: RtpParameters;
    codec: { mimeType: string; clockRate: number; channels?: number };
    appData: Record<string, unknown>;
    ssrc: number;
    receiver: RTCRtpReceiver;
    track: MediaStreamTrack;
    onClose: (producer: WeriftProducer) => void;
  }) {
    this.kind = options.kind;
    this.rtpParameters = options.rtpParameters;
    this.codec = options.codec;
    this.appData = options.appData;
    this.#ssrc = options.ssrc;
    this.#receiver = options.receiver;
    this.#onClose = options.onClose;
    const subscription = options.track.onReceiveRtp.subscribe((packet) => this.#deliver(packet));
    this.#unsubscribe = () => subscription.unSubscribe();
  }

  get paused(): boolean {
    return this.#paused;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get stats(): { packets: number; bytes: number } {
    return { packets: this.#packets, bytes: this.#bytes };
  }

  addSink(sink: ProducerSink): void {
    if (!this.#closed) this.#sinks.add(sink);
  }

  removeSink(sink: ProducerSink): void {
    this.#sinks.delete(sink);
  }

  async pause(): Promise<void> {
    if (this.#closed || this.#paused) return;
    this.#paused = true;
    for (const sink of [...this.#sinks]) sink.onProducerPause();
  }

  async resume(): Promise<void> {
    if (this.#closed || !this.#paused) return;
    this.#paused = false;
    for (const sink of [...this.#sinks]) sink.onProducerResume();
    this.requestKeyFrame();
  }

  /** A PLI to the browser (video only; folded when requests come faster than every 100 ms). */
  requestKeyFrame(): void {
    if (this.#closed || this.kind !== 'video') return;
    const now = Date.now();
    if (now - this.#lastPliAt < PLI_MIN_INTERVAL_MS) return;
    this.#lastPliAt = now;
    mediaTrace(`producer ${this.id.slice(0, 8)} PLI sent`);
    this.#receiver.sendRtcpPLI(this.#ssrc).catch(() => {});
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe();
    const sinks = [...this.#sinks];
    this.#sinks.clear();
    for (const sink of sinks) sink.onProducerClose();
    this.#onClose(this);
  }

  #deliver(packet: RtpPacket): void {
    if (this.#closed) return;
    if (this.#packets === 0) mediaTrace(`producer ${this.id.slice(0, 8)} (${this.kind}) first RTP`);
    if (this.kind === 'video' && mediaTracing() && isVp8KeyFrameStart(packet.payload))
      mediaTrace(`producer ${this.id.slice(0, 8)} key frame starts`);
    this.#packets += 1;
    this.#bytes += packet.payload.length;
    if (this.#paused) return;
    for (const sink of this.#sinks) {
      try {
        sink.onRtp(packet);
      } catch {
        // one broken consumer must not starve the others
      }
    }
  }
}
