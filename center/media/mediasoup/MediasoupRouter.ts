import type { types as ms } from 'mediasoup';
import type { MediaConfig } from '../../../protocol/config/centerConfig';
import type { RtpCapabilities } from '../../../protocol/media/rtp';
import type { Logger } from '../../../platform/log/logger';
import type { MediaRouter, MediaTransport } from '../MediaBackend';
import { attempt, reasonOf } from './errors';
import { MediasoupTransport } from './MediasoupTransport';
import { webRtcTransportOptions } from './settings';

/**
 * One room's mediasoup router behind the `MediaRouter` interface. When its worker dies
 * mediasoup closes it and, with it, its transports (each reports `closed`); the room then
 * ends its peers, who rejoin on a router of a live worker.
 */
export class MediasoupRouter implements MediaRouter {
  readonly #router: ms.Router;
  readonly #config: MediaConfig;
  readonly #log: Logger;
  readonly roomId: string;

  constructor(router: ms.Router, roomId: string, config: MediaConfig, log: Logger) {
    this.#router = router;
    this.#config = config;
    this.#log = log;
    this.roomId = roomId;
    router.on('workerclose', () => log.warn(`router ${router.id} (room ${roomId}) closed: its mediasoup worker is gone`));
  }

  get id(): string {
    return this.#router.id;
  }

  get closed(): boolean {
    return this.#router.closed;
  }

  get rtpCapabilities(): RtpCapabilities {
    // mediasoup's codec parameters are typed `unknown`; they are strings and numbers.
    return this.#router.rtpCapabilities as RtpCapabilities;
  }

  canConsume(producerId: string, rtpCapabilities: RtpCapabilities): boolean {
    try {
      return this.#router.canConsume({ producerId, rtpCapabilities: rtpCapabilities as ms.RtpCapabilities });
    } catch (error) {
      this.#log.debug(`router ${this.id}: canConsume(${producerId}) threw: ${reasonOf(error)}`);
      return false;
    }
  }

  async createWebRtcTransport(options: { producing: boolean; consuming: boolean; forceTcp?: boolean }): Promise<MediaTransport> {
    const transport = await attempt(`router ${this.id} (room ${this.roomId}): createWebRtcTransport`, () =>
      this.#router.createWebRtcTransport(webRtcTransportOptions(this.#config, options)),
    );
    try {
      await transport.setMaxIncomingBitrate(this.#config.maxIncomingBitrate);
    } catch (error) {
      // The transport works without the cap; say so rather than lose it.
      this.#log.warn(`transport ${transport.id}: setMaxIncomingBitrate(${this.#config.maxIncomingBitrate}) failed: ${reasonOf(error)}`);
    }
    this.#log.debug(
      `router ${this.id}: transport ${transport.id} (${options.forceTcp ? 'TCP only' : 'UDP+TCP'}, producing ${options.producing}, consuming ${options.consuming})`,
    );
    return new MediasoupTransport(transport, this.#log);
  }

  close(): void {
    if (this.#router.closed) return;
    this.#log.debug(`router ${this.id} (room ${this.roomId}): close`);
    try {
      this.#router.close();
    } catch (error) {
      this.#log.warn(`router ${this.id}: close failed`, error);
    }
  }
}
