import { EventEmitter } from 'node:events';

/**
 * An in-memory stand-in for the `mediasoup` package, for `vi.mock('mediasoup', …)`: just
 * what the backend calls, with every call recorded, and the cascade mediasoup runs when a
 * worker dies (routers `workerclose`, transports `routerclose`, then `died`). Tests drive
 * ICE/DTLS and consumer events by emitting on the fake objects.
 */

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;

export class FakeProducer extends EventEmitter {
  readonly id = nextId('producer');
  closed = false;
  paused = false;
  readonly type = 'simple';
  constructor(
    readonly kind: 'audio' | 'video',
    readonly options: Record<string, unknown>,
  ) {
    super();
  }
  async pause() {
    this.paused = true;
  }
  async resume() {
    this.paused = false;
  }
  close() {
    this.closed = true;
  }
}

export class FakeConsumer extends EventEmitter {
  readonly id = nextId('consumer');
  closed = false;
  paused: boolean;
  producerPaused = false;
  readonly kind = 'video';
  readonly type = 'simple';
  readonly rtpParameters = { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: 1234 }] };
  readonly producerId: string;
  preferredLayers: unknown;
  keyFrames = 0;
  constructor(readonly options: { producerId: string; paused?: boolean }) {
    super();
    this.producerId = options.producerId;
    this.paused = options.paused ?? false;
  }
  async pause() {
    this.paused = true;
  }
  async resume() {
    this.paused = false;
  }
  async setPreferredLayers(layers: unknown) {
    this.preferredLayers = layers;
  }
  async requestKeyFrame() {
    this.keyFrames++;
  }
  close() {
    this.closed = true;
  }
}

class Stat {
  constructor(readonly type: string) {}
  readonly bytesSent = 100;
  readonly iceSelectedTuple = { localIp: '10.0.0.1', localPort: 40001, protocol: 'udp' };
  toString() {
    return 'not plain';
  }
}

export class FakeTransport extends EventEmitter {
  readonly id = nextId('transport');
  closed = false;
  iceState = 'new';
  dtlsState = 'new';
  readonly iceParameters = { usernameFragment: 'ufrag', password: 'pwd', iceLite: true };
  readonly iceCandidates = [
    {
      foundation: 'udpcandidate',
      priority: 1076302079,
      ip: '203.0.113.7',
      address: '203.0.113.7',
      protocol: 'udp',
      port: 40001,
      type: 'host',
    },
  ];
  readonly dtlsParameters = { role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: 'AA:BB' }] };
  maxIncomingBitrate: number | undefined;
  connectedWith: unknown;
  /** Set to make the next call of that name fail. */
  failNext: { method: string; error: Error; sync?: boolean } | undefined;
  readonly produced: FakeProducer[] = [];
  readonly consumed: FakeConsumer[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  #maybeFail(method: string) {
    const fail = this.failNext;
    if (fail?.method !== method) return;
    this.failNext = undefined;
    throw fail.error;
  }
  async setMaxIncomingBitrate(bitrate: number) {
    this.maxIncomingBitrate = bitrate;
  }
  async connect({ dtlsParameters }: { dtlsParameters: unknown }) {
    this.#maybeFail('connect');
    this.connectedWith = dtlsParameters;
  }
  async restartIce() {
    return { usernameFragment: 'ufrag2', password: 'pwd2', iceLite: true };
  }
  produce(options: { kind: 'audio' | 'video' }) {
    if (this.failNext?.method === 'produce' && this.failNext.sync) this.#maybeFail('produce'); // a synchronous throw, as mediasoup's argument checks do
    return (async () => {
      this.#maybeFail('produce');
      const producer = new FakeProducer(options.kind, options);
      this.produced.push(producer);
      return producer;
    })();
  }
  async consume(options: { producerId: string; paused?: boolean }) {
    this.#maybeFail('consume');
    const consumer = new FakeConsumer(options);
    this.consumed.push(consumer);
    return consumer;
  }
  async getStats() {
    return [new Stat('webrtc-transport')];
  }
  setIce(state: string) {
    this.iceState = state;
    this.emit('icestatechange', state);
  }
  setDtls(state: string) {
    this.dtlsState = state;
    this.emit('dtlsstatechange', state);
  }
  close() {
    this.closed = true;
  }
  routerClosed() {
    if (this.closed) return;
    this.closed = true;
    this.emit('routerclose');
  }
}

export class FakeRouter extends EventEmitter {
  readonly id = nextId('router');
  closed = false;
  readonly observer = new EventEmitter();
  readonly transports: FakeTransport[] = [];
  readonly rtpCapabilities = {
    codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100 }],
    headerExtensions: [],
  };
  consumable = new Set<string>();
  constructor(
    readonly worker: FakeWorker,
    readonly options: { mediaCodecs: Array<Record<string, unknown>>; appData: Record<string, unknown> },
  ) {
    super();
  }
  async createWebRtcTransport(options: Record<string, unknown>) {
    const transport = new FakeTransport(options);
    this.transports.push(transport);
    return transport;
  }
  canConsume({ producerId }: { producerId: string }) {
    if (producerId === 'throws') throw new Error('invalid rtpCapabilities');
    return this.consumable.has(producerId);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports) transport.routerClosed();
    this.observer.emit('close');
  }
  workerClosed() {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports) transport.routerClosed();
    this.emit('workerclose');
    this.observer.emit('close');
  }
}

let pids = 1000;

export class FakeWorker extends EventEmitter {
  readonly pid = ++pids;
  closed = false;
  died = false;
  subprocessClosed = false;
  readonly routers: FakeRouter[] = [];
  constructor(readonly settings: Record<string, unknown>) {
    super();
  }
  async createRouter(options: FakeRouter['options']) {
    if (this.closed) throw new Error('Channel closed');
    const router = new FakeRouter(this, options);
    this.routers.push(router);
    return router;
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    for (const router of this.routers) router.workerClosed();
    this.subprocessClosed = true;
  }
  /** What mediasoup does when the worker process exits unexpectedly. */
  die(error = new Error('[pid:1, code:null, signal:SIGKILL]')) {
    this.closed = true;
    this.died = true;
    for (const router of this.routers) router.workerClosed();
    this.emit('died', error);
    this.subprocessClosed = true;
    this.emit('subprocessclose');
  }
}

/** What the tests steer: failures to inject, and everything created. */
export const fake = {
  workers: [] as FakeWorker[],
  /** How many coming createWorker() calls fail, and with what. */
  failWorkers: 0,
  /** createWorker() calls (1-based, counted since reset) that fail. */
  failCalls: new Set<number>(),
  calls: 0,
  workerError: new Error('spawn /nonexistent-mediasoup-worker ENOENT'),
  logListeners: undefined as unknown,
  reset() {
    this.workers = [];
    this.failWorkers = 0;
    this.failCalls = new Set();
    this.calls = 0;
    this.logListeners = undefined;
  },
};

export const fakeMediasoupModule = {
  version: '3.32.2',
  workerBin: '/nonexistent-mediasoup-worker',
  async createWorker(settings: Record<string, unknown>) {
    fake.calls++;
    if (fake.failCalls.has(fake.calls)) throw fake.workerError;
    if (fake.failWorkers > 0) {
      fake.failWorkers--;
      throw fake.workerError;
    }
    const worker = new FakeWorker(settings);
    fake.workers.push(worker);
    return worker;
  },
  setLogEventListeners(listeners: unknown) {
    fake.logListeners = listeners;
  },
};
