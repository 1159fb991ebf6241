import type { Device, types as ms } from 'mediasoup-client';
import { Peer, WebSocketTransport } from 'protoo-client';
import {
  NewConsumer,
  TransportOptions,
  mediaRequests,
  type MediaRequestData,
  type MediaRequestMethod,
  type MediaResponse,
} from '../../protocol/media/signaling';

/** What the operator sees: `connecting` (first time), `live`, `recovering` (after a loss; it reconnects by itself), `closed`. */
export type MediaSessionState = 'idle' | 'connecting' | 'live' | 'recovering' | 'closed';

export interface RemoteTrack {
  consumerId: string;
  peerId: string;
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
}

export interface PublishOptions {
  encodings?: ms.RtpEncodingParameters[];
  codecOptions?: ms.ProducerCodecOptions;
}

/** Options fixed at publish time, or worked out when the track is produced (after join: whether the SFU takes simulcast is known then). */
export type PublishOptionsSource = PublishOptions | ((sfu: { simulcast: boolean }) => PublishOptions);

export interface MediaSessionOptions {
  displayName: string;
  /** A signaling socket URL with a fresh single-use ticket, for each (re)connection. */
  socketUrl: () => Promise<string>;
  /** A new mediasoup-client Device (tests give one with the FakeHandler). */
  createDevice: () => Promise<Device>;
  /** Wait before the n-th reconnection attempt, ms. */
  backoffMs?: (attempt: number) => number;
  /** A transport `disconnected` this long gets an ICE restart (a `failed` one at once). */
  iceRestartAfterMs?: number;
  /** A transport not connected again this long after its ICE restart means a full rejoin. */
  iceRestartTimeoutMs?: number;
  log?: (line: string) => void;
}

type Listener<T> = (value: T) => void;

/** The router capabilities each center (host) answered last: they change only with its configuration. */
const knownCapabilities = new Map<string, ms.RtpCapabilities>();

/**
 * The console's (and the desk's) side of the media room: protoo signaling, a
 * mediasoup-client Device with one send and one receive transport, what it publishes and
 * what it receives. It recovers by itself: a transport that loses ICE is restarted; a lost
 * signaling socket, a failed restart or a closed peer means a full rejoin with backoff,
 * republishing every track. The operator never presses anything to get media back.
 */
export class MediaSession {
  #state: MediaSessionState = 'idle';
  readonly #options: Required<Omit<MediaSessionOptions, 'log'>> & { log: (line: string) => void };
  readonly #published = new Map<
    string,
    { track: MediaStreamTrack; options: PublishOptionsSource; producer?: ms.Producer; producing?: Promise<void> }
  >();
  readonly #remote = new Map<string, { consumer: ms.Consumer; peerId: string }>();
  readonly #stateListeners = new Set<Listener<MediaSessionState>>();
  readonly #trackListeners = new Set<Listener<RemoteTrack>>();
  readonly #endedListeners = new Set<Listener<string>>();
  #peer: Peer | undefined;
  #send: ms.Transport | undefined;
  #recv: ms.Transport | undefined;
  #generation = 0;
  /** The room answered this connection's join (producing is allowed). */
  #joined = false;
  #simulcast = false;
  #restartTimers = new Map<ms.Transport, ReturnType<typeof setTimeout>>();
  /** The receiving transport of the join under way (undefined once torn down). */
  #recvReady: Promise<ms.Transport | undefined> = Promise.resolve(undefined);
  #recvMade: (transport: ms.Transport | undefined) => void = () => {};
  /** Per transport: when its ICE restart is given up (cleared once it connects). */
  #restartDeadlines = new Map<ms.Transport, ReturnType<typeof setTimeout>>();

  constructor(options: MediaSessionOptions) {
    this.#options = {
      backoffMs: (attempt) => Math.min(8000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2),
      iceRestartAfterMs: 2000,
      iceRestartTimeoutMs: 10_000,
      log: () => undefined,
      ...options,
    };
  }

  get state(): MediaSessionState {
    return this.#state;
  }

  onState(listener: Listener<MediaSessionState>): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  onTrack(listener: Listener<RemoteTrack>): () => void {
    this.#trackListeners.add(listener);
    return () => this.#trackListeners.delete(listener);
  }

  /** A remote track ended (its producer closed, or the session rejoined); the consumer id. */
  onTrackEnded(listener: Listener<string>): () => void {
    this.#endedListeners.add(listener);
    return () => this.#endedListeners.delete(listener);
  }

  start(): void {
    if (this.#state !== 'idle') return;
    this.#setState('connecting');
    void this.#connectLoop(this.#generation);
  }

  /** Publishes (or replaces) the track of `source` ('mic', 'camera', 'screen'); kept across rejoins. */
  async publish(source: string, track: MediaStreamTrack, options: PublishOptionsSource = {}): Promise<void> {
    await this.#settled(source);
    const entry = this.#published.get(source);
    if (entry?.producer && !entry.producer.closed) {
      await entry.producer.replaceTrack({ track });
      entry.track = track;
      return;
    }
    this.#published.set(source, { track, options });
    // Joined (live, or recovering on the same transports): produce now; otherwise the join does.
    if (this.#joined) await this.#produce(source);
  }

  async unpublish(source: string): Promise<void> {
    await this.#settled(source);
    const entry = this.#published.get(source);
    this.#published.delete(source);
    if (!entry?.producer || entry.producer.closed) return;
    entry.producer.close();
    await this.#request('closeProducer', { producerId: entry.producer.id }).catch(() => undefined);
  }

  /** Waits until no produce of `source` is under way (one started meanwhile is waited for too). */
  async #settled(source: string): Promise<void> {
    for (let producing = this.#published.get(source)?.producing; producing; producing = this.#published.get(source)?.producing)
      await producing.catch(() => undefined);
  }

  producer(source: string): ms.Producer | undefined {
    return this.#published.get(source)?.producer;
  }

  /**
   * The carrying link changed (the console knows before ICE notices): restart ICE on both
   * transports now, so media takes the new path within a round trip or two.
   */
  restartIce(): void {
    for (const transport of [this.#send, this.#recv]) {
      if (!transport || this.#state !== 'live') continue;
      clearTimeout(this.#restartTimers.get(transport));
      void this.#restartIce(transport, this.#generation);
    }
  }

  /** Stops sending `source` without closing it (audio only keeps the camera ready). */
  async pause(source: string): Promise<void> {
    const producer = this.producer(source);
    if (!producer || producer.paused) return;
    producer.pause();
    await this.#request('pauseProducer', { producerId: producer.id }).catch(() => undefined);
  }

  async resume(source: string): Promise<void> {
    const producer = this.producer(source);
    if (!producer || !producer.paused) return;
    producer.resume();
    await this.#request('resumeProducer', { producerId: producer.id }).catch(() => undefined);
  }

  /** The consumer behind a remote track, for its stats. */
  consumer(consumerId: string): ms.Consumer | undefined {
    return this.#remote.get(consumerId)?.consumer;
  }

  /** Whether the center's SFU takes simulcast (known once joined). */
  get simulcast(): boolean {
    return this.#simulcast;
  }

  get sendTransport(): ms.Transport | undefined {
    return this.#send;
  }

  get recvTransport(): ms.Transport | undefined {
    return this.#recv;
  }

  close(): void {
    this.#generation++;
    this.#teardown();
    this.#setState('closed');
  }

  async #connectLoop(generation: number): Promise<void> {
    for (let attempt = 0; generation === this.#generation; attempt++) {
      try {
        await this.#join(generation);
        if (generation !== this.#generation) return;
        this.#setState('live');
        // A track published while the join was finishing was kept, not produced.
        for (const [source, entry] of this.#published) if (!entry.producer) await this.#produce(source);
        return;
      } catch (error) {
        if (generation !== this.#generation) return;
        this.#options.log(`media: joining failed (${error instanceof Error ? error.message : String(error)}); trying again`);
        if (this.#state === 'live') this.#setState('recovering');
        this.#teardown();
        await new Promise((resolve) => setTimeout(resolve, this.#options.backoffMs(attempt)));
      }
    }
  }

  async #join(generation: number): Promise<void> {
    this.#recvReady = new Promise((resolve) => (this.#recvMade = resolve));
    // Closed or started over while this join waited: it must not touch the session's socket
    // or transports (teardown only closes what the session holds).
    const current = () => {
      if (generation !== this.#generation) throw new Error('superseded');
    };
    const started = Date.now();
    const url = await this.#options.socketUrl();
    const ticketMs = Date.now() - started;
    current();
    const peer = new Peer(new WebSocketTransport(url, { retry: { retries: 0 } }));
    this.#peer = peer;
    await new Promise<void>((resolve, reject) => {
      peer.once('open', resolve);
      peer.once('failed', () => reject(new Error('the signaling socket did not open')));
      peer.once('close', () => reject(new Error('the signaling socket closed')));
    });
    current();
    this.#options.log(`media: signaling socket open (ticket ${ticketMs} ms, socket ${Date.now() - started - ticketMs} ms)`);
    // Only the current peer's loss counts: teardown closes old ones on purpose.
    peer.on('close', () => this.#peer === peer && this.#lost(generation, 'the signaling socket closed'));
    peer.on('disconnected', () => this.#peer === peer && this.#lost(generation, 'the signaling socket was lost'));
    peer.on('request', (request, accept, reject) => {
      if (request.method !== 'newConsumer') return reject(404, `unknown method ${request.method}`);
      this.#consume(request.data).then(
        () => accept(),
        (error: unknown) => reject(500, error instanceof Error ? error.message : String(error)),
      );
    });
    peer.on('notification', ({ method, data }) => {
      const consumerId = (data as { consumerId?: unknown } | null)?.consumerId;
      if (method === 'consumerClosed' && typeof consumerId === 'string') this.#endRemote(consumerId);
      const peerId = (data as { peerId?: unknown } | null)?.peerId;
      if (method === 'peerClosed') for (const [id, remote] of this.#remote) if (remote.peerId === peerId) this.#endRemote(id);
    });

    // One round trip for the router's capabilities and both transports, and the join too
    // when this center's capabilities are known from an earlier join (a rejoin, going live
    // again): on a 600 ms link every sequential round trip counts.
    const center = new URL(url).host;
    const known = knownCapabilities.get(center);
    const device = await this.#options.createDevice();
    if (known) await device.load({ routerRtpCapabilities: known });
    current();
    const joining = known ? this.#requestJoin(device) : undefined;
    joining?.catch(() => undefined);
    const [capabilities, send, recv] = await Promise.all([
      this.#request('getRouterRtpCapabilities', {}) as Promise<ms.RtpCapabilities>,
      this.#request('createWebRtcTransport', { producing: true, consuming: false }),
      this.#request('createWebRtcTransport', { producing: false, consuming: true }),
    ]);
    knownCapabilities.set(center, capabilities);
    if (!known) await device.load({ routerRtpCapabilities: capabilities });
    else if (JSON.stringify(known) !== JSON.stringify(capabilities))
      throw new Error("the center's media capabilities changed; joining again");
    current();
    this.#send = this.#transport(device.createSendTransport(send as ms.TransportOptions), generation);
    this.#recv = this.#transport(device.createRecvTransport(recv as ms.TransportOptions), generation);
    this.#recvMade(this.#recv);
    this.#send.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.#request('produce', {
        transportId: this.#send!.id,
        kind,
        rtpParameters: rtpParameters as MediaRequestData<'produce'>['rtpParameters'],
        appData,
      }).then(({ id }) => callback({ id }), errback);
    });
    const joined = await (joining ?? this.#requestJoin(device));
    current();
    this.#simulcast = joined.simulcast;
    this.#joined = true;
    this.#options.log('media: joined the room');
    for (const source of this.#published.keys()) await this.#produce(source);
  }

  #requestJoin(device: Device): Promise<MediaResponse<'join'>> {
    return this.#request('join', {
      displayName: this.#options.displayName,
      rtpCapabilities: device.recvRtpCapabilities as MediaRequestData<'join'>['rtpCapabilities'],
    });
  }

  #transport(transport: ms.Transport, generation: number): ms.Transport {
    transport.on('connect', ({ dtlsParameters }, callback) => {
      // Not waited for: the browser starts ICE and DTLS a round trip earlier (600 ms over a
      // satellite link). The request leaves before any ICE check, and the SFU starts DTLS
      // only once it has these parameters; if it refuses them, the session starts over.
      this.#request('connectWebRtcTransport', {
        transportId: transport.id,
        dtlsParameters: dtlsParameters as MediaRequestData<'connectWebRtcTransport'>['dtlsParameters'],
      }).catch((error: unknown) =>
        this.#lost(
          generation,
          `the center refused the ${transport.direction} transport (${error instanceof Error ? error.message : String(error)})`,
        ),
      );
      callback();
    });
    transport.on('connectionstatechange', (state) => {
      if (generation !== this.#generation || (transport !== this.#send && transport !== this.#recv)) return;
      this.#options.log(`media: the ${transport.direction} transport is ${state}`);
      clearTimeout(this.#restartTimers.get(transport));
      if (state === 'connected') {
        clearTimeout(this.#restartDeadlines.get(transport));
        this.#restartDeadlines.delete(transport);
        if (this.#state === 'recovering') this.#setState('live');
      } else if (state === 'disconnected' || state === 'failed') {
        this.#setState('recovering');
        const delay = state === 'failed' ? 0 : this.#options.iceRestartAfterMs;
        this.#restartTimers.set(
          transport,
          setTimeout(() => void this.#restartIce(transport, generation), delay),
        );
      }
    });
    return transport;
  }

  async #restartIce(transport: ms.Transport, generation: number): Promise<void> {
    try {
      const iceParameters = await this.#request('restartIce', { transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as ms.IceParameters });
      this.#options.log(`media: ICE restarted on the ${transport.direction} transport`);
      // An ICE restart mends a lost path, not a failed DTLS handshake (final in the browser):
      // a transport still not connected after a while starts over with new transports
      // instead of waiting for the center to drop the peer.
      if (!this.#restartDeadlines.has(transport)) {
        const timeoutMs = this.#options.iceRestartTimeoutMs;
        this.#restartDeadlines.set(
          transport,
          setTimeout(() => {
            this.#restartDeadlines.delete(transport);
            if (transport.connectionState !== 'connected')
              this.#lost(
                generation,
                `the ${transport.direction} transport did not reconnect within ${timeoutMs / 1000} s of its ICE restart`,
              );
          }, timeoutMs),
        );
      }
    } catch (error) {
      this.#lost(generation, `ICE restart failed (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  /** Produces `source` once: a second call while it is being produced waits for the first. */
  async #produce(source: string): Promise<void> {
    const entry = this.#published.get(source);
    const send = this.#send;
    if (!entry || !send || entry.producer) return;
    if (entry.producing) return entry.producing;
    const options = typeof entry.options === 'function' ? entry.options({ simulcast: this.#simulcast }) : entry.options;
    const producing = send
      .produce({ track: entry.track, stopTracks: false, appData: { source }, ...options })
      .then((producer) => {
        // A rejoin meanwhile made this transport (and so this producer) history.
        if (send === this.#send) entry.producer = producer;
      })
      .finally(() => {
        if (entry.producing === producing) entry.producing = undefined;
      });
    entry.producing = producing;
    return producing;
  }

  async #consume(data: unknown): Promise<void> {
    const offer = NewConsumer.parse(data);
    // Joined in the same round trip as the transports were asked for: an offer can come
    // before the receiving transport is made here.
    const recv = this.#recv ?? (await this.#recvReady);
    if (!recv) throw new Error('not ready to receive');
    const consumer = await recv.consume({
      id: offer.id,
      producerId: offer.producerId,
      kind: offer.kind,
      rtpParameters: offer.rtpParameters as ms.RtpParameters,
      streamId: `${offer.peerId}-media`,
    });
    this.#remote.set(consumer.id, { consumer, peerId: offer.peerId });
    for (const listener of this.#trackListeners)
      listener({ consumerId: consumer.id, peerId: offer.peerId, kind: offer.kind, track: consumer.track });
    if (offer.kind === 'video') this.#watchFirstFrame(consumer);
  }

  /**
   * On a lossy path the first keyframe (or the request for it) can be lost, and video
   * would wait for the encoder's next one: ask again every 2 s until a frame is decoded.
   */
  #watchFirstFrame(consumer: ms.Consumer): void {
    let tries = 0;
    const timer = setInterval(() => {
      if (consumer.closed || ++tries > 15) return clearInterval(timer);
      consumer.getStats().then(
        (report) => {
          const decoded = [...report.values()].some(
            (s: { type?: string; framesDecoded?: number }) => s.type === 'inbound-rtp' && (s.framesDecoded ?? 0) > 0,
          );
          if (decoded) clearInterval(timer);
          else void this.#request('requestConsumerKeyFrame', { consumerId: consumer.id }).catch(() => undefined);
        },
        () => clearInterval(timer),
      );
    }, 2000);
  }

  #endRemote(consumerId: string): void {
    const remote = this.#remote.get(consumerId);
    if (!remote) return;
    remote.consumer.close();
    this.#remote.delete(consumerId);
    for (const listener of this.#endedListeners) listener(consumerId);
  }

  /** Signaling or media lost for good: start over (new ticket, new transports), republishing. */
  #lost(generation: number, why: string): void {
    if (generation !== this.#generation || this.#state === 'closed') return;
    this.#options.log(`media: ${why}; rejoining`);
    const next = ++this.#generation;
    this.#teardown();
    this.#setState('recovering');
    void this.#connectLoop(next);
  }

  #teardown(): void {
    for (const timer of [...this.#restartTimers.values(), ...this.#restartDeadlines.values()]) clearTimeout(timer);
    this.#restartTimers.clear();
    this.#restartDeadlines.clear();
    for (const consumerId of [...this.#remote.keys()]) this.#endRemote(consumerId);
    for (const entry of this.#published.values()) {
      entry.producer = undefined;
      entry.producing = undefined;
    }
    this.#recvMade(undefined);
    this.#joined = false;
    const [send, recv, peer] = [this.#send, this.#recv, this.#peer];
    this.#send = this.#recv = undefined;
    this.#peer = undefined;
    send?.close();
    recv?.close();
    peer?.close();
  }

  /** A request whose answer is checked against the contract before it is used. */
  async #request<M extends MediaRequestMethod>(method: M, data: MediaRequestData<M>): Promise<MediaResponse<M>> {
    const peer = this.#peer;
    if (!peer) throw new Error('not connected');
    const answer = await peer.request(method, data);
    const parsed = mediaRequests[method].response.safeParse(answer);
    if (!parsed.success) throw new Error(`${method}: the center's answer does not match the protocol`);
    return (method === 'createWebRtcTransport' ? TransportOptions.parse(answer) : parsed.data) as MediaResponse<M>;
  }

  #setState(state: MediaSessionState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}
