/**
 * TEST STAND-IN: a MediaBackend on werift (pure TypeScript WebRTC), for tests on
 * machines where mediasoup's worker cannot be installed. It is never a production
 * option: it lives under test/, the layering lint keeps werift out of center/, and it
 * implements only what mediasoup-client needs from an SFU in a test (one encoding per
 * producer, Opus and VP8 with RTX, UDP on one address, no congestion control, no
 * simulcast layers, no ICE-TCP, no data channels).
 *
 * How it maps mediasoup onto werift (../shared/reference/media.md §6–7): one ICE-lite
 * RTCPeerConnection per transport; a synthetic offer at creation yields the ICE and DTLS
 * parameters; werift is always the DTLS server and learns the browser's fingerprint at
 * `connect`; a produce appends an m-section built from `rtpParameters` and renegotiates;
 * a consume adds a sendonly transceiver and answers for the browser with the router's
 * payload types; RTP is forwarded with its header extensions cleared; consumers start
 * paused; PLIs flow back to the producing browser. Details per file:
 * WeriftTransport.ts, WeriftProducer.ts, WeriftConsumer.ts, sdpSynthesis.ts.
 */
import type { MediaBackend } from '../../../center/media/MediaBackend';
import { reassembleDtlsFragmentsByOffset } from './dtlsReassembly';
import { InvalidStateError } from './errors';
import { WeriftRouter } from './WeriftRouter';
import type { Announce } from './WeriftTransport';

export type { AnnouncedAddress, Announce } from './WeriftTransport';

reassembleDtlsFragmentsByOffset();

export interface WeriftBackendOptions {
  /** Address the transports' UDP sockets bind to, and announce unless `announce` says otherwise. Default `127.0.0.1`. */
  listenIp?: string;
  /** UDP port range for the transports' sockets, `[min, max]` with min < max (werift's rule). Default: any free port. */
  portRange?: [number, number];
  /**
   * The ICE candidate the transports announce instead of their own address, e.g. a link
   * relay in front of them: `{ ip, port? }` (port defaults to the transport's own), or a
   * function called once per transport with its bound address, returning the address.
   */
  announce?: Announce;
  /** `disconnected` after this long without any packet from the browser, once connected (mediasoup's ICE consent timeout). Default 30 000 ms. */
  consentTimeoutMs?: number;
}

export class WeriftBackend implements MediaBackend {
  readonly name = 'test-stand-in';
  /** One encoding per producer only. */
  readonly simulcast = false;
  readonly #options: Required<Pick<WeriftBackendOptions, 'listenIp' | 'consentTimeoutMs'>> & WeriftBackendOptions;
  readonly #routers = new Set<WeriftRouter>();
  readonly #closing: Array<Promise<void>> = [];
  #closed = false;

  constructor(options: WeriftBackendOptions = {}) {
    if (options.portRange && !(options.portRange[0] < options.portRange[1]))
      throw new TypeError('portRange must be [min, max] with min < max');
    if (options.consentTimeoutMs !== undefined && !(options.consentTimeoutMs > 0)) throw new TypeError('consentTimeoutMs must be positive');
    this.#options = { ...options, listenIp: options.listenIp ?? '127.0.0.1', consentTimeoutMs: options.consentTimeoutMs ?? 30_000 };
  }

  async createRouter(roomId: string): Promise<WeriftRouter> {
    if (this.#closed) throw new InvalidStateError('the media backend is closed');
    const router = new WeriftRouter(roomId, {
      listenIp: this.#options.listenIp,
      portRange: this.#options.portRange,
      announce: this.#options.announce,
      consentTimeoutMs: this.#options.consentTimeoutMs,
      onClose: (closed) => {
        this.#routers.delete(closed);
        this.#closing.push(closed.whenClosed());
      },
    });
    this.#routers.add(router);
    return router;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const router of [...this.#routers]) router.close();
    await Promise.all(this.#closing);
  }
}
