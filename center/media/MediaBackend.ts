import type { DtlsParameters, IceCandidate, IceParameters, MediaKind, RtpCapabilities, RtpParameters } from '../../protocol/media/rtp';

/**
 * What the center's media side needs from an SFU, after mediasoup's API: one router per
 * room, WebRTC transports, producers and consumers. Two implementations: mediasoup (the
 * production SFU, `center/media/mediasoup/`) and a test stand-in on werift
 * (`test/support/media/`), which is never offered as a production option. The signaling
 * room (`MediaRoom`) speaks to this interface only.
 */
export interface MediaBackend {
  /** `mediasoup` or `test-stand-in`; printed at startup. */
  readonly name: string;
  /** Whether producers may send simulcast (several encodings with rids); the stand-in takes one encoding only. */
  readonly simulcast: boolean;
  createRouter(roomId: string): Promise<MediaRouter>;
  close(): Promise<void>;
}

export interface MediaRouter {
  readonly id: string;
  readonly rtpCapabilities: RtpCapabilities;
  /** Whether a peer with `rtpCapabilities` can consume `producerId`. */
  canConsume(producerId: string, rtpCapabilities: RtpCapabilities): boolean;
  createWebRtcTransport(options: { producing: boolean; consuming: boolean; forceTcp?: boolean }): Promise<MediaTransport>;
  close(): void;
}

export type TransportEvents = {
  /** ICE `disconnected`/`closed` or DTLS `failed`/`closed`: the room may end the peer after a grace time. */
  state: [state: 'connected' | 'disconnected' | 'failed' | 'closed'];
};

export interface MediaTransport {
  readonly id: string;
  readonly iceParameters: IceParameters;
  readonly iceCandidates: IceCandidate[];
  readonly dtlsParameters: DtlsParameters;
  connect(dtlsParameters: DtlsParameters): Promise<void>;
  restartIce(): Promise<IceParameters>;
  produce(options: { kind: MediaKind; rtpParameters: RtpParameters; appData: Record<string, unknown> }): Promise<MediaProducer>;
  /** Created paused; resume once the client has it. */
  consume(options: { producerId: string; rtpCapabilities: RtpCapabilities; appData: Record<string, unknown> }): Promise<MediaConsumer>;
  getStats(): Promise<Array<Record<string, unknown>>>;
  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): void;
  close(): void;
}

export interface MediaProducer {
  readonly id: string;
  readonly kind: MediaKind;
  readonly paused: boolean;
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): void;
}

export type ConsumerEvents = {
  /** The producer is gone: the consumer closed itself. */
  producerclose: [];
  producerpause: [];
  producerresume: [];
  layerschange: [layers: { spatialLayer: number; temporalLayer: number } | null];
};

export interface MediaConsumer {
  readonly id: string;
  readonly producerId: string;
  readonly kind: MediaKind;
  readonly rtpParameters: RtpParameters;
  readonly type: 'simple' | 'simulcast' | 'svc' | 'pipe';
  readonly producerPaused: boolean;
  pause(): Promise<void>;
  resume(): Promise<void>;
  setPreferredLayers(layers: { spatialLayer: number; temporalLayer?: number }): Promise<void>;
  requestKeyFrame(): Promise<void>;
  on<K extends keyof ConsumerEvents>(event: K, listener: (...args: ConsumerEvents[K]) => void): void;
  close(): void;
}
