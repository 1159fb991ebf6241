import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import type { ProbeMethod } from '../../protocol/links/path';
import { SafeEmitter } from '../../platform/events/SafeEmitter';
import { parseProbeTarget, type ProbeResult, type ProbeTarget } from './probeTypes';

export interface PathProberOptions {
  /** `host:port` of a UDP echo responder (RFC 862) or a TCP listener. */
  target: string;
  /** Default 'udp-echo'. */
  method?: ProbeMethod;
  /** The link's local address: probes leave through this interface. Default: any. */
  bindAddress?: string;
  /** Default 5000 ms. */
  intervalMs?: number;
  /** Default 2000 ms. */
  timeoutMs?: number;
}

export interface PathProberEvents {
  probe: [result: ProbeResult];
}

const MAGIC = 0x4d43_5650; // "MCVP": our echo payloads, so stray datagrams are not taken for answers

/**
 * Measures a path by active probes: a UDP datagram to an echo responder (RFC 862) and
 * its return, or (fallback for networks that drop UDP) the time a TCP connection takes
 * to open — a refused connection still proves the path and counts. Each probe's result
 * is emitted; judging health is the core's business.
 */
export class PathProber extends SafeEmitter<PathProberEvents> {
  readonly target: string;
  readonly method: ProbeMethod;
  readonly #to: ProbeTarget;
  readonly #bindAddress: string | undefined;
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #nonce = Math.floor(Math.random() * 0xffff_ffff);
  #udp: UdpSocket | undefined;
  #udpReady: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #seq = 0;
  /** Outstanding UDP probes by sequence number. */
  readonly #waiting = new Map<number, { sentAt: number; started: number; timer: NodeJS.Timeout }>();
  /** TCP probes in flight, so close() can end them. */
  readonly #connecting = new Set<{ socket: TcpSocket; timer: NodeJS.Timeout }>();
  #closed = false;

  constructor(options: PathProberOptions) {
    super();
    this.#to = parseProbeTarget(options.target);
    this.target = options.target;
    this.method = options.method ?? 'udp-echo';
    this.#bindAddress = options.bindAddress;
    this.#intervalMs = options.intervalMs ?? 5000;
    this.#timeoutMs = options.timeoutMs ?? 2000;
    if (!Number.isInteger(this.#intervalMs) || this.#intervalMs < 50) throw new TypeError('"intervalMs" must be an integer ≥ 50');
    if (!Number.isInteger(this.#timeoutMs) || this.#timeoutMs < 10) throw new TypeError('"timeoutMs" must be an integer ≥ 10');
  }

  start(): void {
    if (this.#closed || this.#timer) return;
    this.#probe();
    this.#timer = setInterval(() => this.#probe(), this.#intervalMs);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    for (const pending of this.#waiting.values()) clearTimeout(pending.timer);
    this.#waiting.clear();
    for (const probe of this.#connecting) {
      clearTimeout(probe.timer);
      probe.socket.destroy();
    }
    this.#connecting.clear();
    this.#udp?.close();
    this.#udp = undefined;
    this.removeAllListeners();
  }

  #probe(): void {
    const seq = ++this.#seq;
    if (this.method === 'tcp-connect') this.#probeTcp(seq);
    else void this.#probeUdp(seq);
  }

  #emit(result: ProbeResult): void {
    if (!this.#closed) this.safeEmit('probe', result);
  }

  #probeTcp(seq: number): void {
    const sentAt = Date.now();
    const started = performance.now();
    const socket = tcpConnect({
      host: this.#to.host,
      port: this.#to.port,
      ...(this.#bindAddress ? { localAddress: this.#bindAddress } : {}),
    });
    const finish = (ok: boolean, error?: string) => {
      clearTimeout(timer);
      socket.destroy();
      this.#connecting.delete(inFlight);
      this.#emit(ok ? { seq, at: sentAt, ok, rttMs: performance.now() - started } : { seq, at: sentAt, ok, error });
    };
    const timer = setTimeout(() => finish(false, 'timeout'), this.#timeoutMs);
    const inFlight = { socket, timer };
    this.#connecting.add(inFlight);
    socket.once('connect', () => finish(true));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // A refusal (RST) came back through the path: the path works, the port is closed.
      if (error.code === 'ECONNREFUSED') finish(true);
      else finish(false, error.code ?? error.message);
    });
  }

  /** The UDP socket, bound to the link's address; rebuilt after an error (address gone, interface down). */
  #udpSocket(): Promise<UdpSocket> {
    if (this.#udp && this.#udpReady) return this.#udpReady.then(() => this.#udp!);
    const family = isIPv6(this.#bindAddress ?? '') || isIPv6(this.#to.host) ? 'udp6' : 'udp4';
    const socket = createSocket(family);
    this.#udp = socket;
    socket.on('message', (message) => this.#onEcho(message));
    socket.on('error', () => {
      if (this.#udp === socket) {
        this.#udp = undefined;
        this.#udpReady = undefined;
      }
      socket.close();
    });
    this.#udpReady = new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address: this.#bindAddress, port: 0 }, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return this.#udpReady.then(() => socket);
  }

  async #probeUdp(seq: number): Promise<void> {
    const sentAt = Date.now();
    let socket: UdpSocket;
    try {
      socket = await this.#udpSocket();
    } catch (error) {
      this.#emit({
        seq,
        at: sentAt,
        ok: false,
        error: `cannot bind ${this.#bindAddress ?? 'any'}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      });
      return;
    }
    if (this.#closed) return;
    const payload = Buffer.alloc(16);
    payload.writeUInt32BE(MAGIC, 0);
    payload.writeUInt32BE(this.#nonce, 4);
    payload.writeUInt32BE(seq, 8);
    const started = performance.now();
    const timer = setTimeout(() => {
      if (this.#waiting.delete(seq)) this.#emit({ seq, at: sentAt, ok: false, error: 'timeout' });
    }, this.#timeoutMs);
    this.#waiting.set(seq, { sentAt, started, timer });
    socket.send(payload, this.#to.port, this.#to.host, (error) => {
      if (!error) return;
      const pending = this.#waiting.get(seq);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.#waiting.delete(seq);
      this.#emit({ seq, at: sentAt, ok: false, error: (error as NodeJS.ErrnoException).code ?? error.message });
    });
  }

  #onEcho(message: Buffer): void {
    if (message.length < 12 || message.readUInt32BE(0) !== MAGIC || message.readUInt32BE(4) !== this.#nonce) return;
    const seq = message.readUInt32BE(8);
    const pending = this.#waiting.get(seq);
    if (!pending) return; // late (already counted lost) or duplicated
    clearTimeout(pending.timer);
    this.#waiting.delete(seq);
    this.#emit({ seq, at: pending.sentAt, ok: true, rttMs: performance.now() - pending.started });
  }
}
