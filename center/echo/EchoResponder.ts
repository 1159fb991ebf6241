import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { RateLimiter } from './RateLimiter';

/** "MCVP": the consoles' path probes start with it (native/probe/PathProber.ts). */
export const PROBE_MAGIC = 0x4d43_5650;
export const MIN_PROBE_BYTES = 16;
/** An Ethernet MTU's worth of UDP payload; anything bigger is not a probe. */
export const MAX_PROBE_BYTES = 1472;

export interface EchoResponderOptions {
  host: string;
  /** 0 picks a free port (tests); the CLI treats 0 as "off" before getting here. */
  port: number;
  /** Answers per second per source address. Default 50. */
  perSourcePerSecond?: number;
}

export interface EchoStats {
  echoed: number;
  /** Not a probe (size or magic). */
  dropped: number;
  /** A probe over its source's rate. */
  limited: number;
}

/**
 * The UDP echo responder (RFC 862) for the consoles' path probes, restricted so it
 * cannot serve as a reflector: only datagrams of 16–1472 bytes that start with the
 * probe magic are echoed, each source address at most `perSourcePerSecond` times a
 * second. Everything else is dropped silently and counted.
 */
export class EchoResponder {
  readonly stats: EchoStats = { echoed: 0, dropped: 0, limited: 0 };
  readonly #socket: Socket;
  readonly #limiter: RateLimiter;
  #closed = false;

  private constructor(socket: Socket, limiter: RateLimiter) {
    this.#socket = socket;
    this.#limiter = limiter;
    socket.on('message', (message, remote) => this.#onMessage(message, remote));
    // A send error (ICMP unreachable from a spoofed source) must not end the responder.
    socket.on('error', () => undefined);
  }

  static async start(options: EchoResponderOptions): Promise<EchoResponder> {
    const host = options.host === 'localhost' ? '127.0.0.1' : options.host;
    const socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new EchoResponder(socket, new RateLimiter(options.perSourcePerSecond ?? 50));
  }

  get port(): number {
    return this.#socket.address().port;
  }

  #onMessage(message: Buffer, remote: RemoteInfo): void {
    if (message.length < MIN_PROBE_BYTES || message.length > MAX_PROBE_BYTES || message.readUInt32BE(0) !== PROBE_MAGIC) {
      this.stats.dropped++;
      return;
    }
    if (!this.#limiter.take(remote.address)) {
      this.stats.limited++;
      return;
    }
    this.stats.echoed++;
    this.#socket.send(message, remote.port, remote.address);
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}
