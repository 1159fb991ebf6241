import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

/**
 * A UDP relay for one client whose path toward the target can change: `switchPath()`
 * drops the socket toward the target and opens another, so the target sees the same
 * client arrive from a new source port (a vehicle whose carrying link changed) and its
 * replies to the old source go nowhere; `blocked` is an outage. No impairment:
 * fixtures/net/LinkRelay does that.
 */
export class UdpPathRelay {
  readonly #listen: Socket;
  readonly #target: { host: string; port: number };
  #upstream: Socket;
  #client: RemoteInfo | undefined;
  #closed = false;
  /** Datagrams carried, both ways. */
  forwarded = 0;
  /** While true, every datagram is dropped both ways (an outage). */
  blocked = false;

  private constructor(listen: Socket, upstream: Socket, target: { host: string; port: number }) {
    this.#listen = listen;
    this.#upstream = upstream;
    this.#target = target;
    listen.on('message', (message, from) => {
      if (this.#closed || this.blocked) return;
      this.#client = from;
      this.forwarded += 1;
      try {
        this.#upstream.send(message, target.port, target.host, () => {});
      } catch {
        // the path is being switched
      }
    });
    listen.on('error', () => {});
  }

  static async start(target: { host: string; port: number }, host = '127.0.0.1'): Promise<UdpPathRelay> {
    const listen = await bound(host);
    const relay = new UdpPathRelay(listen, await bound(host), target);
    relay.#wire(relay.#upstream);
    return relay;
  }

  /** Where the relay forwards to. */
  get target(): { host: string; port: number } {
    return { ...this.#target };
  }

  /** The port clients send to. */
  get port(): number {
    return this.#listen.address().port;
  }

  /** The source port the target currently sees. */
  get upstreamPort(): number {
    return this.#upstream.address().port;
  }

  /** A new path: a new source port toward the target; the old one is closed. */
  async switchPath(): Promise<void> {
    const old = this.#upstream;
    this.#upstream = await bound(old.address().address);
    this.#wire(this.#upstream);
    old.close();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#upstream.close();
    await new Promise<void>((resolve) => this.#listen.close(() => resolve()));
  }

  #wire(upstream: Socket): void {
    upstream.on('error', () => {});
    upstream.on('message', (message) => {
      const client = this.#client;
      if (!client || upstream !== this.#upstream || this.#closed || this.blocked) return;
      this.forwarded += 1;
      try {
        this.#listen.send(message, client.port, client.address, () => {});
      } catch {
        // closing
      }
    });
  }
}

function bound(host: string): Promise<Socket> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}
