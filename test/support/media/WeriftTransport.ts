import { randomUUID } from 'node:crypto';
import { RTCDtlsFingerprint, RTCDtlsParameters, RTCPeerConnection, type RTCDtlsTransport } from 'werift';
import type { MediaTransport, TransportEvents } from '../../../center/media/MediaBackend';
import {
  DtlsParameters,
  type IceCandidate,
  type IceParameters,
  type MediaKind,
  RtpCapabilities,
  RtpParameters,
} from '../../../protocol/media/rtp';
import { InvalidStateError, NotFoundError, UnsupportedError } from './errors';
import { answerBrowserOffer, offerToBrowser } from './negotiation';
import { EXT, canReceive, consumerRtpParameters, producerMediaCodec, weriftCodecs, weriftHeaderExtensions } from './routerCapabilities';
import { FAKE_ICE, type Fingerprint, PROBE_MID, type RemoteSection } from './sdpSynthesis';
import { TransportStateWatch } from './transportState';
import { TwccResponder } from './TwccResponder';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { WeriftConsumer } from './WeriftConsumer';
import { WeriftProducer } from './WeriftProducer';
import { mediaTrace } from './mediaTrace';
import { behaveLikeMediasoup } from './mediasoupBehaviour';

/** The address a transport's ICE candidate announces (a relay's, say); `port` defaults to the transport's own. */
export type AnnouncedAddress = { ip: string; port?: number };
/** A fixed address, or one chosen per transport once its socket is bound (a test starts a relay per transport here). */
export type Announce =
  AnnouncedAddress | ((local: { transportId: string; ip: string; port: number }) => AnnouncedAddress | Promise<AnnouncedAddress>);

/** The router's producers, shared by its transports. */
export interface ProducerRegistry {
  get(producerId: string): WeriftProducer | undefined;
  add(producer: WeriftProducer): void;
  remove(producer: WeriftProducer): void;
}

export interface WeriftTransportOptions {
  listenIp: string;
  portRange?: [number, number];
  announce?: Announce;
  consentTimeoutMs: number;
  producers: ProducerRegistry;
  onClose: (transport: WeriftTransport) => void;
}

type SendSection = Extract<RemoteSection, { type: 'send' }>;

/**
 * One mediasoup WebRtcTransport as one werift RTCPeerConnection (ICE-lite, max-bundle,
 * one UDP host candidate). A transport either produces (werift answers the browser's
 * synthesized offers) or consumes (werift offers, the stand-in answers for the browser),
 * as mediasoup-client's send and recv transports do; negotiations run one at a time.
 */
export class WeriftTransport implements MediaTransport {
  readonly id: string;
  readonly iceCandidates: IceCandidate[];
  readonly dtlsParameters: DtlsParameters;
  readonly #pc: RTCPeerConnection;
  readonly #dtls: RTCDtlsTransport;
  readonly #options: WeriftTransportOptions;
  readonly #events = new SafeEmitter<TransportEvents>();
  readonly #state: TransportStateWatch;
  readonly #producers = new Map<string, WeriftProducer>();
  readonly #consumers = new Map<string, { consumer: WeriftConsumer; mid: string }>();
  /** Sending side: the browser's m-sections in order (the probe first). */
  readonly #sendSections: RemoteSection[] = [{ type: 'probe', mid: PROBE_MID }];
  /** Receiving side: the browser's answer section per werift mid. */
  readonly #recvByMid = new Map<string, RemoteSection>();
  #iceParameters: IceParameters;
  #twcc: TwccResponder | undefined;
  #direction: 'send' | 'recv' | undefined;
  #fingerprint: Fingerprint | undefined;
  #version = 1;
  #queue: Promise<unknown> = Promise.resolve();
  #connected = false;
  /** Resolved by `connect()`: the browser's DTLS fingerprint is known. */
  readonly #remoteDtlsKnown: Promise<void>;
  #markRemoteDtlsKnown: () => void = () => {};
  #closed = false;
  #whenClosed: Promise<void> = Promise.resolve();

  private constructor(
    id: string,
    pc: RTCPeerConnection,
    dtls: RTCDtlsTransport,
    local: { ip: string; port: number },
    options: WeriftTransportOptions,
  ) {
    this.id = id;
    this.#pc = pc;
    this.#dtls = dtls;
    this.#options = options;
    const ice = dtls.iceTransport.localParameters;
    this.#iceParameters = { usernameFragment: ice.usernameFragment, password: ice.password, iceLite: true };
    this.iceCandidates = [
      {
        foundation: 'udpcandidate',
        priority: 1076302079,
        address: local.ip,
        ip: local.ip,
        protocol: 'udp',
        port: local.port,
        type: 'host',
      },
    ];
    const fingerprints = dtls.localParameters.fingerprints.filter((f) => f.algorithm === 'sha-256');
    this.dtlsParameters = { role: 'auto', fingerprints: fingerprints.map((f) => ({ algorithm: f.algorithm, value: f.value })) };
    this.#state = new TransportStateWatch(dtls, options.consentTimeoutMs, (state) => this.#events.safeEmit('state', state));
    this.#remoteDtlsKnown = new Promise<void>((resolve) => (this.#markRemoteDtlsKnown = resolve));
    behaveLikeMediasoup(dtls, this.#remoteDtlsKnown);
    const name = `transport ${id.slice(0, 8)} (${local.port})`;
    dtls.iceTransport.onStateChange.subscribe((state) => mediaTrace(`${name} ICE ${state}`));
    dtls.onStateChange.subscribe((state) => mediaTrace(`${name} DTLS ${state}`));
  }

  /** Creates the peer connection and answers a synthetic offer, so ICE and DTLS parameters exist before any media. */
  static async create(options: WeriftTransportOptions): Promise<WeriftTransport> {
    const pc = new RTCPeerConnection({
      iceLite: true,
      bundlePolicy: 'max-bundle',
      iceServers: [],
      // Only the listen address: no other interface, no IPv6.
      iceUseIpv4: false,
      iceUseIpv6: false,
      iceAdditionalHostAddresses: [options.listenIp],
      iceInterfaceAddresses: { udp4: options.listenIp },
      icePortRange: options.portRange,
      codecs: weriftCodecs(),
      headerExtensions: weriftHeaderExtensions(),
    });
    try {
      await answerBrowserOffer(pc, [{ type: 'probe', mid: PROBE_MID }], 1, undefined);
      const dtls = pc.dtlsTransports[0];
      const candidate = dtls?.iceTransport.localCandidates[0];
      if (!dtls || !candidate) throw new Error('werift gathered no candidate on the listen address');
      const id = randomUUID();
      const bound = { ip: options.listenIp, port: candidate.port };
      const announced = typeof options.announce === 'function' ? await options.announce({ transportId: id, ...bound }) : options.announce;
      const local = { ip: announced?.ip ?? bound.ip, port: announced?.port ?? bound.port };
      return new WeriftTransport(id, pc, dtls, local, options);
    } catch (error) {
      await pc.close().catch(() => {});
      throw error;
    }
  }

  get iceParameters(): IceParameters {
    return this.#iceParameters;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** `connected`, `disconnected`, `failed`, `closed`, or `new` before the first. */
  get connectionState(): string {
    return this.#state.state;
  }

  on<K extends keyof TransportEvents>(event: K, listener: (...args: TransportEvents[K]) => void): void {
    this.#events.listen(event, listener);
  }

  /** The browser's DTLS fingerprint (it is always the DTLS client). */
  async connect(dtlsParameters: DtlsParameters): Promise<void> {
    this.#assertOpen();
    const parsed = DtlsParameters.parse(dtlsParameters);
    if (this.#connected) throw new InvalidStateError('connect() already called');
    if (parsed.role === 'server') throw new UnsupportedError('the stand-in is always the DTLS server');
    this.#connected = true;
    mediaTrace(`transport ${this.id.slice(0, 8)} connect (the browser's DTLS fingerprint)`);
    this.#fingerprint = parsed.fingerprints.find((f) => f.algorithm.toLowerCase() === 'sha-256') ?? parsed.fingerprints[0];
    this.#dtls.setRemoteParams(
      new RTCDtlsParameters(
        parsed.fingerprints.map((f) => new RTCDtlsFingerprint(f.algorithm, f.value)),
        'client',
      ),
    );
    this.#markRemoteDtlsKnown();
  }

  /**
   * New local ICE credentials on the same socket. The ICE-lite agent then answers the
   * browser's checks from any source and takes the pair the browser nominates, so media
   * follows the browser to a new address (a new carrying link) after its ICE restart.
   */
  restartIce(): Promise<IceParameters> {
    return this.#serial(async () => {
      this.#assertOpen();
      const ice = this.#dtls.iceTransport;
      ice.restart();
      ice.connection.setRemoteParams({ iceLite: false, usernameFragment: FAKE_ICE.ufrag, password: FAKE_ICE.pwd });
      await ice.gather();
      // Resolves when the browser nominates a pair; until then nothing is sent.
      ice.start().catch(() => {});
      const local = ice.localParameters;
      this.#iceParameters = { usernameFragment: local.usernameFragment, password: local.password, iceLite: true };
      return this.#iceParameters;
    });
  }

  async produce(options: { kind: MediaKind; rtpParameters: RtpParameters; appData: Record<string, unknown> }): Promise<WeriftProducer> {
    this.#assertOpen();
    this.#useAs('send');
    const rtpParameters = RtpParameters.parse(options.rtpParameters);
    const codec = producerMediaCodec(options.kind, rtpParameters);
    const encodings = rtpParameters.encodings ?? [];
    const ssrc = encodings[0]?.ssrc;
    if (encodings.length !== 1) throw new UnsupportedError('the stand-in takes one encoding per producer (no simulcast)');
    if (ssrc === undefined) throw new UnsupportedError('the encoding has no ssrc (rid-only streams are not supported)');
    const mid = rtpParameters.mid;
    if (!mid) throw new TypeError('rtpParameters.mid is missing');
    return this.#serial(async () => {
      this.#assertOpen();
      if (this.#sendSections.some((s) => s.mid === mid)) throw new TypeError(`mid ${mid} is already in use on this transport`);
      // werift must not run its own transport-cc feedback (see TwccResponder): the stand-in answers it.
      const weriftView = {
        ...rtpParameters,
        codecs: rtpParameters.codecs.map((c) => ({ ...c, rtcpFeedback: (c.rtcpFeedback ?? []).filter((f) => f.type !== 'transport-cc') })),
      };
      const section: SendSection = { type: 'send', mid, kind: options.kind, rtpParameters: weriftView, trackId: randomUUID() };
      this.#sendSections.push(section);
      try {
        await answerBrowserOffer(this.#pc, this.#sendSections, ++this.#version, this.#fingerprint);
      } catch (error) {
        this.#sendSections.splice(this.#sendSections.indexOf(section), 1);
        await this.#rollback();
        throw error;
      }
      const transceiver = this.#pc.getTransceivers().find((t) => t.mid === mid);
      const track = transceiver?.receiver.trackBySSRC[ssrc];
      if (!transceiver || !track) throw new Error(`werift set up no receiver for mid ${mid}`);
      const producer = new WeriftProducer({
        kind: options.kind,
        rtpParameters,
        codec,
        appData: options.appData,
        ssrc,
        receiver: transceiver.receiver,
        track,
        onClose: (closed) => this.#producerClosed(closed, mid),
      });
      this.#producers.set(producer.id, producer);
      this.#options.producers.add(producer);
      const twccId = rtpParameters.headerExtensions?.find((e) => e.uri === EXT.transportWideCc)?.id;
      if (twccId !== undefined) {
        this.#twcc ??= new TwccResponder(this.#dtls);
        this.#twcc.track(twccId, ssrc);
      }
      return producer;
    });
  }

  async consume(options: {
    producerId: string;
    rtpCapabilities: RtpCapabilities;
    appData: Record<string, unknown>;
  }): Promise<WeriftConsumer> {
    this.#assertOpen();
    this.#useAs('recv');
    const capabilities = RtpCapabilities.parse(options.rtpCapabilities);
    const producer = this.#options.producers.get(options.producerId);
    if (!producer) throw new NotFoundError(`no producer ${options.producerId}`);
    if (!canReceive(producer.codec, capabilities))
      throw new UnsupportedError(`the consuming device cannot receive ${producer.codec.mimeType}`);
    return this.#serial(async () => {
      this.#assertOpen();
      const { transceiver, finish } = await offerToBrowser(this.#pc, producer.kind);
      const mid = transceiver.mid ?? '';
      let rtpParameters: RtpParameters;
      try {
        rtpParameters = consumerRtpParameters({
          kind: producer.kind,
          producerCodec: producer.codec,
          capabilities,
          mid,
          ssrc: transceiver.sender.ssrc,
          rtxSsrc: transceiver.sender.rtxSsrc,
          cname: this.#pc.cname,
        });
        this.#recvByMid.set(mid, { type: 'recv', mid, kind: producer.kind, rtpParameters });
        await finish(this.#recvByMid, ++this.#version, this.#fingerprint);
      } catch (error) {
        this.#recvByMid.delete(mid);
        await this.#rollback();
        throw error;
      }
      if (producer.closed) {
        this.#recvByMid.set(mid, { type: 'inactive', mid, kind: producer.kind });
        throw new NotFoundError(`producer ${producer.id} closed during consume`);
      }
      const consumer = new WeriftConsumer({
        producer,
        rtpParameters,
        sender: transceiver.sender,
        appData: options.appData,
        onClose: (closed) => this.#consumerClosed(closed),
      });
      this.#consumers.set(consumer.id, { consumer, mid });
      return consumer;
    });
  }

  /** One entry in mediasoup's `webrtc-transport` shape: states, the selected tuple, byte counters. */
  async getStats(): Promise<Array<Record<string, unknown>>> {
    const ice = this.#dtls.iceTransport;
    const pair = ice.connection.nominated;
    const producers = [...this.#producers.values()];
    return [
      {
        type: 'webrtc-transport',
        transportId: this.id,
        timestamp: Date.now(),
        iceRole: 'controlled',
        iceState: this.#closed ? 'closed' : ice.state,
        dtlsState: this.#dtls.state,
        iceSelectedTuple: pair
          ? {
              localIp: pair.localCandidate.host,
              localPort: pair.localCandidate.port,
              remoteIp: pair.remoteAddr[0],
              remotePort: pair.remoteAddr[1],
              protocol: 'udp',
            }
          : undefined,
        bytesReceived: this.#dtls.bytesReceived,
        bytesSent: this.#dtls.bytesSent,
        rtpPacketsReceived: producers.reduce((sum, p) => sum + p.stats.packets, 0),
        rtpPacketsSent: [...this.#consumers.values()].reduce((sum, c) => sum + c.consumer.packetsSent, 0),
        producerCount: this.#producers.size,
        consumerCount: this.#consumers.size,
      },
    ];
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const producer of [...this.#producers.values()]) producer.close();
    for (const { consumer } of [...this.#consumers.values()]) consumer.close();
    this.#state.close();
    this.#twcc?.stop();
    this.#events.removeAllListeners();
    this.#whenClosed = this.#pc.close().catch(() => {});
    this.#options.onClose(this);
  }

  /** Resolves once werift has closed the peer connection (its socket included) after `close()`. */
  whenClosed(): Promise<void> {
    return this.#whenClosed;
  }

  #producerClosed(producer: WeriftProducer, mid: string): void {
    this.#producers.delete(producer.id);
    this.#options.producers.remove(producer);
    const index = this.#sendSections.findIndex((s) => s.mid === mid);
    if (index >= 0) this.#sendSections[index] = { type: 'inactive', mid, kind: producer.kind };
  }

  #consumerClosed(consumer: WeriftConsumer): void {
    const entry = this.#consumers.get(consumer.id);
    this.#consumers.delete(consumer.id);
    if (entry) this.#recvByMid.set(entry.mid, { type: 'inactive', mid: entry.mid, kind: consumer.kind });
  }

  #useAs(direction: 'send' | 'recv'): void {
    if (this.#direction && this.#direction !== direction) {
      throw new UnsupportedError(
        `this transport ${this.#direction === 'send' ? 'produces' : 'consumes'}; the stand-in does not mix both on one transport`,
      );
    }
    this.#direction = direction;
  }

  /** Back to `stable` after a failed negotiation, so the next one can run. */
  async #rollback(): Promise<void> {
    try {
      if (this.#pc.signalingState === 'have-local-offer') await this.#pc.setLocalDescription({ type: 'rollback' });
      else if (this.#pc.signalingState === 'have-remote-offer') await this.#pc.setRemoteDescription({ type: 'rollback' });
    } catch {
      // the connection is beyond repair; the next negotiation will say so
    }
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  #assertOpen(): void {
    if (this.#closed) throw new InvalidStateError(`transport ${this.id} is closed`);
  }
}
