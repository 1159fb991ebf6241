import { EventEmitter } from 'node:events';
import { PROTOO_ERRORS, type ProtooRequest } from '../../protocol/media/protoo';
import type { RtpCapabilities } from '../../protocol/media/rtp';
import {
  isMediaRequestMethod,
  mediaRequests,
  type MediaRequestData,
  type MediaRequestMethod,
  type PeerInfo,
} from '../../protocol/media/signaling';
import { describeIssues } from '../../protocol/common';
import type { Logger } from '../../platform/log/logger';
import type { MediaBackend, MediaConsumer, MediaProducer, MediaRouter, MediaTransport } from './MediaBackend';
import { ProtooError, type ProtooPeer } from './ProtooPeer';

interface RoomPeer {
  info: PeerInfo;
  protoo: ProtooPeer;
  joined: boolean;
  rtpCapabilities: RtpCapabilities | undefined;
  transports: Map<string, { transport: MediaTransport; consuming: boolean; lostTimer?: NodeJS.Timeout }>;
  producers: Map<string, MediaProducer>;
  consumers: Map<string, MediaConsumer>;
  /** Producers this peer has been offered (a join, a new receiving transport and a produce can race: one offer each). */
  offered: Set<string>;
}

export interface MediaRoomOptions {
  log: Logger;
  /** A peer whose transport stays disconnected or failed this long is closed (it rejoins). */
  disconnectGraceMs: number;
}

/** Transports one peer may hold at once. */
export const MAX_TRANSPORTS_PER_PEER = 4;

/**
 * One vehicle's media room: its console and the center staff watching it. Speaks the
 * mediasoup-demo requests (protocol/media/signaling.ts) to each peer and the
 * MediaBackend below. As in the demo, a peer that joined consumes every producer of the
 * others (created paused, offered with `newConsumer`, resumed once accepted); unlike the
 * demo, a transport that loses ICE is given `disconnectGraceMs` to come back (an ICE
 * restart after a change of the vehicle's link) before the peer is closed.
 */
export class MediaRoom extends EventEmitter<{ empty: [] }> {
  readonly #peers = new Map<string, RoomPeer>();
  readonly #log: Logger;
  #closed = false;

  private constructor(
    readonly id: string,
    readonly router: MediaRouter,
    readonly options: MediaRoomOptions,
    readonly simulcast: boolean,
  ) {
    super();
    this.#log = options.log;
  }

  static async create(id: string, backend: MediaBackend, options: MediaRoomOptions): Promise<MediaRoom> {
    return new MediaRoom(id, await backend.createRouter(id), options, backend.simulcast);
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  /** Who is in the room and what each sends, for the desk's list of live vehicles. */
  summary(): { roomId: string; peers: Array<PeerInfo & { producers: Array<{ id: string; kind: string }> }> } {
    const peers = [...this.#peers.values()]
      .filter((p) => p.joined)
      .map((p) => ({ ...p.info, producers: [...p.producers.values()].map((x) => ({ id: x.id, kind: x.kind })) }));
    return { roomId: this.id, peers };
  }

  /** A new connection; one with the same peer id as a connected one replaces it. */
  addPeer(info: PeerInfo, protoo: ProtooPeer): void {
    this.#peers.get(info.id)?.protoo.close(4002, 'replaced by a new connection');
    const peer: RoomPeer = {
      info,
      protoo,
      joined: false,
      rtpCapabilities: undefined,
      transports: new Map(),
      producers: new Map(),
      consumers: new Map(),
      offered: new Set(),
    };
    this.#peers.set(info.id, peer);
    protoo.handleRequests((request) => this.#handle(peer, request));
    protoo.once('close', () => this.#removePeer(peer));
  }

  /** Who holds a socket in the room (joined or not). */
  peerInfos(): PeerInfo[] {
    return [...this.#peers.values()].map((p) => p.info);
  }

  /** Ends one peer's socket; its transports close with it. */
  closePeer(peerId: string, code: number, reason: string): void {
    this.#peers.get(peerId)?.protoo.close(code, reason);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.protoo.close(1001, 'room closed');
    this.router.close();
  }

  async #handle(peer: RoomPeer, request: ProtooRequest): Promise<unknown> {
    if (!isMediaRequestMethod(request.method)) throw new ProtooError(PROTOO_ERRORS.notFound, `unknown method "${request.method}"`);
    const parsed = mediaRequests[request.method].data.safeParse(request.data ?? {});
    if (!parsed.success) throw new ProtooError(PROTOO_ERRORS.badRequest, `${request.method}: ${describeIssues(parsed.error)}`);
    return this.#dispatch(peer, request.method, parsed.data);
  }

  async #dispatch(peer: RoomPeer, method: MediaRequestMethod, data: unknown): Promise<unknown> {
    switch (method) {
      case 'getRouterRtpCapabilities':
        return this.router.rtpCapabilities;
      case 'join':
        return this.#join(peer, data as MediaRequestData<'join'>);
      case 'createWebRtcTransport':
        return this.#createTransport(peer, data as MediaRequestData<'createWebRtcTransport'>);
      case 'connectWebRtcTransport': {
        const { transportId, dtlsParameters } = data as MediaRequestData<'connectWebRtcTransport'>;
        await this.#transport(peer, transportId).connect(dtlsParameters);
        return {};
      }
      case 'restartIce':
        return this.#transport(peer, (data as MediaRequestData<'restartIce'>).transportId).restartIce();
      case 'produce':
        return this.#produce(peer, data as MediaRequestData<'produce'>);
      case 'closeProducer': {
        const { producerId } = data as MediaRequestData<'closeProducer'>;
        this.#producer(peer, producerId).close();
        peer.producers.delete(producerId);
        return {};
      }
      case 'pauseProducer':
        await this.#producer(peer, (data as MediaRequestData<'pauseProducer'>).producerId).pause();
        return {};
      case 'resumeProducer':
        await this.#producer(peer, (data as MediaRequestData<'resumeProducer'>).producerId).resume();
        return {};
      case 'pauseConsumer':
        await this.#consumer(peer, (data as MediaRequestData<'pauseConsumer'>).consumerId).pause();
        return {};
      case 'resumeConsumer':
        await this.#consumer(peer, (data as MediaRequestData<'resumeConsumer'>).consumerId).resume();
        return {};
      case 'setConsumerPreferredLayers': {
        const { consumerId, spatialLayer, temporalLayer } = data as MediaRequestData<'setConsumerPreferredLayers'>;
        await this.#consumer(peer, consumerId).setPreferredLayers({
          spatialLayer,
          ...(temporalLayer !== undefined ? { temporalLayer } : {}),
        });
        return {};
      }
      case 'requestConsumerKeyFrame':
        await this.#consumer(peer, (data as MediaRequestData<'requestConsumerKeyFrame'>).consumerId).requestKeyFrame();
        return {};
      case 'getTransportStats':
        return this.#transport(peer, (data as MediaRequestData<'getTransportStats'>).transportId).getStats();
    }
  }

  #join(peer: RoomPeer, data: MediaRequestData<'join'>): { peers: PeerInfo[]; simulcast: boolean } {
    if (peer.joined) throw new ProtooError(PROTOO_ERRORS.forbidden, 'already joined');
    peer.joined = true;
    peer.rtpCapabilities = data.rtpCapabilities;
    const others = [...this.#peers.values()].filter((p) => p !== peer && p.joined);
    // After the answer: consumers for what the others already send, then tell them.
    setImmediate(() => {
      this.#offerExisting(peer);
      for (const other of others) other.protoo.notify('newPeer', peer.info);
    });
    return { peers: others.map((p) => p.info), simulcast: this.simulcast };
  }

  async #createTransport(peer: RoomPeer, data: MediaRequestData<'createWebRtcTransport'>): Promise<unknown> {
    // Each transport takes ports and worker memory: a peer needs two (send, receive), a rejoin brings new ones on a new socket.
    if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER)
      throw new ProtooError(PROTOO_ERRORS.forbidden, `a peer may hold at most ${MAX_TRANSPORTS_PER_PEER} transports at once`);
    const transport = await this.router.createWebRtcTransport({
      producing: data.producing,
      consuming: data.consuming,
      ...(data.forceTcp ? { forceTcp: true } : {}),
    });
    const entry: { transport: MediaTransport; consuming: boolean; lostTimer?: NodeJS.Timeout } = { transport, consuming: data.consuming };
    peer.transports.set(transport.id, entry);
    // A client on a slow link asks for its transports and joins in one go; the join may
    // come first, and what the others send is offered once it can be received.
    if (data.consuming && peer.joined) setImmediate(() => this.#offerExisting(peer));
    transport.on('state', (state) => {
      if (state === 'connected') {
        clearTimeout(entry.lostTimer);
        entry.lostTimer = undefined;
      } else if (state === 'closed') {
        peer.transports.delete(transport.id);
      } else if (!entry.lostTimer) {
        entry.lostTimer = setTimeout(() => {
          this.#log.info(
            `peer ${peer.info.id}: media transport ${state} for ${this.options.disconnectGraceMs / 1000} s; closing the peer (it rejoins)`,
          );
          peer.protoo.close(4001, 'media transport lost');
        }, this.options.disconnectGraceMs);
      }
    });
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  async #produce(peer: RoomPeer, data: MediaRequestData<'produce'>): Promise<{ id: string }> {
    if (!peer.joined) throw new ProtooError(PROTOO_ERRORS.forbidden, 'join first');
    const transport = this.#transport(peer, data.transportId);
    const producer = await transport.produce({
      kind: data.kind,
      rtpParameters: data.rtpParameters,
      appData: { ...data.appData, peerId: peer.info.id },
    });
    peer.producers.set(producer.id, producer);
    for (const other of this.#peers.values()) if (other !== peer && other.joined) void this.#offerConsumer(other, peer, producer);
    return { id: producer.id };
  }

  /** Consumers of everything the other joined peers send, once `peer` has joined and has a receiving transport. */
  #offerExisting(peer: RoomPeer): void {
    if (!peer.joined || this.#peers.get(peer.info.id) !== peer) return;
    for (const other of this.#peers.values())
      if (other !== peer && other.joined) for (const producer of other.producers.values()) void this.#offerConsumer(peer, other, producer);
  }

  /** A consumer of `producer` for `consumerPeer`, paused, offered with `newConsumer`, resumed once accepted. */
  async #offerConsumer(consumerPeer: RoomPeer, producerPeer: RoomPeer, producer: MediaProducer): Promise<void> {
    const caps = consumerPeer.rtpCapabilities;
    const entry = [...consumerPeer.transports.values()].find((t) => t.consuming);
    if (!caps || !entry || consumerPeer.offered.has(producer.id) || !this.router.canConsume(producer.id, caps)) return;
    consumerPeer.offered.add(producer.id);
    let consumer: MediaConsumer | undefined;
    try {
      consumer = await entry.transport.consume({
        producerId: producer.id,
        rtpCapabilities: caps,
        appData: { peerId: producerPeer.info.id },
      });
      const made = consumer;
      consumerPeer.consumers.set(made.id, made);
      const forget = (notification: string) => {
        consumerPeer.consumers.delete(made.id);
        consumerPeer.protoo.notify(notification, { consumerId: made.id });
      };
      made.on('producerclose', () => forget('consumerClosed'));
      made.on('producerpause', () => consumerPeer.protoo.notify('consumerPaused', { consumerId: made.id }));
      made.on('producerresume', () => consumerPeer.protoo.notify('consumerResumed', { consumerId: made.id }));
      made.on('layerschange', (layers) =>
        consumerPeer.protoo.notify('consumerLayersChanged', {
          consumerId: made.id,
          spatialLayer: layers?.spatialLayer ?? null,
          temporalLayer: layers?.temporalLayer ?? null,
        }),
      );
      await consumerPeer.protoo.request('newConsumer', {
        peerId: producerPeer.info.id,
        producerId: producer.id,
        id: made.id,
        kind: made.kind,
        rtpParameters: made.rtpParameters,
        type: made.type,
        appData: { peerId: producerPeer.info.id },
        producerPaused: made.producerPaused,
      });
      await made.resume();
    } catch (error) {
      this.#log.warn(
        `peer ${consumerPeer.info.id}: consumer of ${producer.id} not set up: ${error instanceof Error ? error.message : String(error)}`,
      );
      consumerPeer.offered.delete(producer.id);
      if (consumer) {
        consumer.close();
        consumerPeer.consumers.delete(consumer.id);
      }
    }
  }

  #removePeer(peer: RoomPeer): void {
    if (this.#peers.get(peer.info.id) !== peer) return;
    this.#peers.delete(peer.info.id);
    for (const { transport, lostTimer } of peer.transports.values()) {
      clearTimeout(lostTimer);
      transport.close();
    }
    if (peer.joined) for (const other of this.#peers.values()) other.protoo.notify('peerClosed', { peerId: peer.info.id });
    if (this.#peers.size === 0) this.emit('empty');
  }

  #transport(peer: RoomPeer, id: string): MediaTransport {
    const entry = peer.transports.get(id);
    if (!entry) throw new ProtooError(PROTOO_ERRORS.notFound, `no transport ${id}`);
    return entry.transport;
  }

  #producer(peer: RoomPeer, id: string): MediaProducer {
    const producer = peer.producers.get(id);
    if (!producer) throw new ProtooError(PROTOO_ERRORS.notFound, `no producer ${id}`);
    return producer;
  }

  #consumer(peer: RoomPeer, id: string): MediaConsumer {
    const consumer = peer.consumers.get(id);
    if (!consumer) throw new ProtooError(PROTOO_ERRORS.notFound, `no consumer ${id}`);
    return consumer;
  }
}
