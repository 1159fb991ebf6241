import type { types as ms } from 'mediasoup';
import type { DtlsParameters, IceCandidate, IceParameters, MediaKind, RtpCapabilities, RtpParameters } from '../../../protocol/media/rtp';
import type { Logger } from '../../../platform/log/logger';
import type { MediaConsumer, MediaProducer, MediaTransport, TransportEvents } from '../MediaBackend';
import { attempt } from './errors';
import { MediasoupConsumer } from './MediasoupConsumer';
import { MediasoupProducer } from './MediasoupProducer';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { TransportStateTracker } from './transportState';

/**
 * A mediasoup WebRtcTransport behind the `MediaTransport` interface. ICE and DTLS changes
 * become one `state` event (`transportState.ts`); the router's end (closed by the room, or
 * with its worker) is `closed`. Its own `close()` emits nothing, as in mediasoup: the
 * caller knows.
 *
 * The protocol's parameter shapes are mediasoup's, checked by the signaling layer; they
 * are handed over as they are (mediasoup checks them again and rejects what it cannot use).
 */
export class MediasoupTransport implements MediaTransport {
  readonly #transport: ms.WebRtcTransport;
  readonly #log: Logger;
  readonly #events: SafeEmitter<TransportEvents>;
  readonly #tracker: TransportStateTracker;

  constructor(transport: ms.WebRtcTransport, log: Logger) {
    this.#transport = transport;
    this.#log = log;
    this.#events = new SafeEmitter((event, error) => log.error(`transport ${transport.id}: a '${event}' listener threw`, error));
    this.#tracker = new TransportStateTracker(transport.iceState, transport.dtlsState);
    transport.on('icestatechange', (state) => {
      log.debug(`transport ${transport.id}: ICE ${state}`);
      this.#report(this.#tracker.ice(state));
    });
    transport.on('dtlsstatechange', (state) => {
      log.debug(`transport ${transport.id}: DTLS ${state}`);
      this.#report(this.#tracker.dtls(state));
    });
    transport.on('routerclose', () => {
      log.debug(`transport ${transport.id}: its router closed`);
      this.#report(this.#tracker.closed());
    });
  }

  get id(): string {
    return this.#transport.id;
  }

  get iceParameters(): IceParameters {
    return this.#transport.iceParameters;
  }

  get iceCandidates(): IceCandidate[] {
    return this.#transport.iceCandidates;
  }

  get dtlsParameters(): DtlsParameters {
    return this.#transport.dtlsParameters;
  }

  connect(dtlsParameters: DtlsParameters): Promise<void> {
    return attempt(`transport ${this.id}: connect`, () => this.#transport.connect({ dtlsParameters: dtlsParameters as ms.DtlsParameters }));
  }

  restartIce(): Promise<IceParameters> {
    return attempt(`transport ${this.id}: restartIce`, () => this.#transport.restartIce());
  }

  async produce(options: { kind: MediaKind; rtpParameters: RtpParameters; appData: Record<string, unknown> }): Promise<MediaProducer> {
    const producer = await attempt(`transport ${this.id}: produce ${options.kind}`, () =>
      this.#transport.produce({ kind: options.kind, rtpParameters: options.rtpParameters as ms.RtpParameters, appData: options.appData }),
    );
    this.#log.debug(`transport ${this.id}: producer ${producer.id} (${producer.kind}, ${producer.type})`);
    return new MediasoupProducer(producer, this.#log);
  }

  async consume(options: {
    producerId: string;
    rtpCapabilities: RtpCapabilities;
    appData: Record<string, unknown>;
  }): Promise<MediaConsumer> {
    const consumer = await attempt(`transport ${this.id}: consume producer ${options.producerId}`, () =>
      // Paused: the client resumes it once it has set up its side (no media lost, one keyframe then).
      this.#transport.consume({
        producerId: options.producerId,
        rtpCapabilities: options.rtpCapabilities as ms.RtpCapabilities,
        paused: true,
        appData: options.appData,
      }),
    );
    this.#log.debug(
      `transport ${this.id}: consumer ${consumer.id} of producer ${consumer.producerId} (${consumer.kind}, ${consumer.type})`,
    );
    return new MediasoupConsumer(consumer, this.#log);
  }

  /** mediasoup's stats as plain JSON objects (what goes over the signaling socket). */
  async getStats(): Promise<Array<Record<string, unknown>>> {
    const stats = await attempt(`transport ${this.id}: getStats`, () => this.#transport.getStats());
    return stats.map((entry) => JSON.parse(JSON.stringify(entry)) as Record<string, unknown>);
  }

  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): void {
    this.#events.listen(event, listener);
  }

  close(): void {
    if (this.#transport.closed) return;
    this.#log.debug(`transport ${this.id}: close`);
    try {
      this.#transport.close();
    } catch (error) {
      this.#log.warn(`transport ${this.id}: close failed`, error);
    }
  }

  #report(state: TransportEvents['state'][0] | undefined): void {
    if (state === undefined) return;
    this.#log.debug(`transport ${this.id}: state ${state}`);
    this.#events.safeEmit('state', state);
  }
}
