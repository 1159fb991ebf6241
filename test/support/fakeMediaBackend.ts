import { EventEmitter } from 'node:events';
import type {
  ConsumerEvents,
  MediaBackend,
  MediaConsumer,
  MediaProducer,
  MediaRouter,
  MediaTransport,
  TransportEvents,
} from '../../center/media/MediaBackend';
import type { DtlsParameters, IceParameters, MediaKind, RtpCapabilities, RtpParameters } from '../../protocol/media/rtp';

/**
 * An in-memory MediaBackend with no media at all: for tests of the signaling room and
 * of clients' request flows. Records what was asked of it; `transports` lets a test
 * drive ICE state changes.
 */
export class FakeMediaBackend implements MediaBackend {
  readonly name = 'fake';
  readonly simulcast = false;
  readonly routers: FakeRouter[] = [];
  closed = false;

  /**
   * `capabilities`: the routers' RTP capabilities; `consumerParameters`: a consumer's RTP
   * parameters by kind (default: the producer's). mediasoup-client's FakeHandler wants its
   * own fake ones for both.
   */
  constructor(
    private readonly capabilities: RtpCapabilities = FAKE_CAPABILITIES,
    private readonly consumerParameters?: (kind: MediaKind) => RtpParameters,
  ) {}

  async createRouter(roomId: string): Promise<MediaRouter> {
    const router = new FakeRouter(`router-${roomId}`, this.capabilities, this.consumerParameters);
    this.routers.push(router);
    return router;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get transports(): FakeTransport[] {
    return this.routers.flatMap((r) => r.transports);
  }
}

export const FAKE_CAPABILITIES: RtpCapabilities = {
  codecs: [
    { kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000 },
  ],
  headerExtensions: [],
};

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

class FakeRouter implements MediaRouter {
  readonly transports: FakeTransport[] = [];
  readonly producers = new Map<string, FakeProducer>();
  closed = false;
  constructor(
    readonly id: string,
    readonly rtpCapabilities: RtpCapabilities,
    readonly consumerParameters: ((kind: MediaKind) => RtpParameters) | undefined,
  ) {}

  canConsume(producerId: string): boolean {
    return this.producers.has(producerId);
  }

  async createWebRtcTransport(options: { producing: boolean; consuming: boolean; forceTcp?: boolean }): Promise<MediaTransport> {
    const transport = new FakeTransport(this, options);
    this.transports.push(transport);
    return transport;
  }

  close(): void {
    this.closed = true;
    for (const t of this.transports) t.close();
  }
}

export class FakeTransport implements MediaTransport {
  readonly id = nextId('transport');
  iceParameters: IceParameters = { usernameFragment: `u-${this.id}`, password: 'p'.repeat(24), iceLite: true };
  readonly iceCandidates = [
    { foundation: 'udp', priority: 1, address: '127.0.0.1', protocol: 'udp' as const, port: 40000, type: 'host' as const },
  ];
  readonly dtlsParameters: DtlsParameters = { role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB' }] };
  readonly events = new EventEmitter();
  connected: DtlsParameters | undefined;
  restarts = 0;
  closed = false;
  readonly consumers: FakeConsumer[] = [];
  readonly producers: FakeProducer[] = [];

  constructor(
    readonly router: FakeRouter,
    readonly options: { producing: boolean; consuming: boolean; forceTcp?: boolean },
  ) {}

  async connect(dtlsParameters: DtlsParameters): Promise<void> {
    this.connected = dtlsParameters;
    this.emitState('connected');
  }

  async restartIce(): Promise<IceParameters> {
    this.restarts++;
    this.iceParameters = { ...this.iceParameters, usernameFragment: `u-${this.id}-${this.restarts}` };
    return this.iceParameters;
  }

  async produce(options: { kind: MediaKind; rtpParameters: RtpParameters; appData: Record<string, unknown> }): Promise<MediaProducer> {
    const producer = new FakeProducer(options.kind, options.rtpParameters, this.router);
    this.router.producers.set(producer.id, producer);
    this.producers.push(producer);
    return producer;
  }

  async consume(options: { producerId: string; rtpCapabilities: RtpCapabilities }): Promise<MediaConsumer> {
    const producer = this.router.producers.get(options.producerId);
    if (!producer) throw new Error(`no producer ${options.producerId}`);
    const consumer = new FakeConsumer(producer, this.router.consumerParameters?.(producer.kind) ?? producer.rtpParameters);
    this.consumers.push(consumer);
    return consumer;
  }

  async getStats(): Promise<Array<Record<string, unknown>>> {
    return [{ type: 'webrtc-transport', transportId: this.id, bytesReceived: 0 }];
  }

  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): void {
    this.events.on(event, listener as (...args: unknown[]) => void);
  }

  emitState(state: TransportEvents['state'][0]): void {
    this.events.emit('state', state);
  }

  /** As in mediasoup: its producers close too (their consumers hear `producerclose`). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const producer of this.producers) producer.close();
    this.emitState('closed');
  }
}

class FakeProducer implements MediaProducer {
  readonly id = nextId('producer');
  paused = false;
  readonly events = new EventEmitter();
  constructor(
    readonly kind: MediaKind,
    readonly rtpParameters: RtpParameters,
    private readonly router: FakeRouter,
  ) {}
  async pause(): Promise<void> {
    this.paused = true;
    this.events.emit('pause');
  }
  async resume(): Promise<void> {
    this.paused = false;
    this.events.emit('resume');
  }
  close(): void {
    this.router.producers.delete(this.id);
    this.events.emit('close');
  }
}

class FakeConsumer implements MediaConsumer {
  readonly id = nextId('consumer');
  readonly producerId: string;
  readonly kind: MediaKind;
  readonly rtpParameters: RtpParameters;
  readonly type = 'simple' as const;
  readonly producerPaused: boolean;
  paused = true;
  keyFrames = 0;
  readonly events = new EventEmitter();
  constructor(producer: FakeProducer, rtpParameters: RtpParameters) {
    this.producerId = producer.id;
    this.kind = producer.kind;
    this.rtpParameters = rtpParameters;
    this.producerPaused = producer.paused;
    producer.events.on('close', () => this.events.emit('producerclose'));
    producer.events.on('pause', () => this.events.emit('producerpause'));
    producer.events.on('resume', () => this.events.emit('producerresume'));
  }
  async pause(): Promise<void> {
    this.paused = true;
  }
  async resume(): Promise<void> {
    this.paused = false;
  }
  async setPreferredLayers(): Promise<void> {}
  async requestKeyFrame(): Promise<void> {
    this.keyFrames++;
  }
  on<K extends keyof ConsumerEvents>(event: K, listener: (...args: ConsumerEvents[K]) => void): void {
    this.events.on(event, listener as (...args: unknown[]) => void);
  }
  close(): void {}
}
