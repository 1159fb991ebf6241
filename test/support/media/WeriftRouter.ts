import { randomUUID } from 'node:crypto';
import type { MediaRouter } from '../../../center/media/MediaBackend';
import type { RtpCapabilities } from '../../../protocol/media/rtp';
import { InvalidStateError, UnsupportedError } from './errors';
import { canReceive, routerRtpCapabilities } from './routerCapabilities';
import type { WeriftProducer } from './WeriftProducer';
import { type Announce, WeriftTransport } from './WeriftTransport';

export interface WeriftRouterOptions {
  listenIp: string;
  portRange?: [number, number];
  announce?: Announce;
  consentTimeoutMs: number;
  onClose: (router: WeriftRouter) => void;
}

/** One room: fixed capabilities, the producers of all its transports. */
export class WeriftRouter implements MediaRouter {
  readonly id = randomUUID();
  readonly roomId: string;
  readonly rtpCapabilities: RtpCapabilities = routerRtpCapabilities();
  readonly #options: WeriftRouterOptions;
  readonly #producers = new Map<string, WeriftProducer>();
  readonly #transports = new Set<WeriftTransport>();
  readonly #closing: Array<Promise<void>> = [];
  #closed = false;

  constructor(roomId: string, options: WeriftRouterOptions) {
    this.roomId = roomId;
    this.#options = options;
  }

  get closed(): boolean {
    return this.#closed;
  }

  canConsume(producerId: string, rtpCapabilities: RtpCapabilities): boolean {
    const producer = this.#producers.get(producerId);
    return !!producer && !producer.closed && canReceive(producer.codec, rtpCapabilities);
  }

  async createWebRtcTransport(options: { producing: boolean; consuming: boolean; forceTcp?: boolean }): Promise<WeriftTransport> {
    if (this.#closed) throw new InvalidStateError(`router ${this.id} is closed`);
    if (options.forceTcp) throw new UnsupportedError('the stand-in has no ICE-TCP; test forceTcp against mediasoup');
    const transport = await WeriftTransport.create({
      listenIp: this.#options.listenIp,
      portRange: this.#options.portRange,
      announce: this.#options.announce,
      consentTimeoutMs: this.#options.consentTimeoutMs,
      producers: {
        get: (id) => this.#producers.get(id),
        add: (producer) => this.#producers.set(producer.id, producer),
        remove: (producer) => this.#producers.delete(producer.id),
      },
      onClose: (closed) => {
        this.#transports.delete(closed);
        this.#closing.push(closed.whenClosed());
      },
    });
    if (this.#closed) {
      transport.close();
      throw new InvalidStateError(`router ${this.id} closed while the transport was created`);
    }
    this.#transports.add(transport);
    return transport;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of [...this.#transports]) transport.close();
    this.#options.onClose(this);
  }

  /** Resolves once every transport this router closed has released its socket. */
  async whenClosed(): Promise<void> {
    await Promise.all(this.#closing);
  }
}
