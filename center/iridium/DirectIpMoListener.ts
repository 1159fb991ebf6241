import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Logger } from '../../platform/log/logger';
import { DIRECTIP_PREAMBLE_BYTES, DirectIpError, readPreamble } from '../../protocol/sbd/directIpFrame';
import { MAX_MO_PAYLOAD_BYTES, decodeMoMessage, encodeMoConfirmation, type MoMessage } from '../../protocol/sbd/directIpMo';
import { allowList, sourceAddress } from './allowList';
import type { MoOutcome } from './moIngest';

/** Largest MO message read: header, location, payload IE headers and the largest payload taken. */
export const MAX_MO_MESSAGE_BYTES = DIRECTIP_PREAMBLE_BYTES + 31 + 14 + 3 + MAX_MO_PAYLOAD_BYTES;
/** Connections served at once; the gateway opens one per MO message. */
const MAX_CONNECTIONS = 64;

export interface DirectIpMoListenerOptions {
  host: string;
  port: number;
  /** Source addresses allowed to deliver (exact; see allowList.ts). */
  allow: readonly string[];
  /** A connection that has not delivered one whole message in this time is closed. */
  timeoutMs: number;
  /** Takes one decoded MO message; its outcome decides the confirmation. */
  onMessage(message: MoMessage, source: string): Promise<MoOutcome>;
  log: Logger;
}

/** What the listener refused and took since it started, for the shutdown log and tests. */
export interface MoListenerStats {
  taken: number;
  refused: number;
  notAllowed: number;
}

/**
 * The DirectIP MO listener: the gateway connects, sends one MO message (protocol
 * revision 1) and reads the center's MO confirmation (IE 0x05). Sources outside the
 * allow-list are closed unread; a message is bounded in size and in time; a malformed
 * one is answered "refused" (0), logged with its reason, and nothing of it is stored.
 * No failure of one connection touches another or the center.
 */
export class DirectIpMoListener {
  readonly #server: Server;
  readonly #options: DirectIpMoListenerOptions;
  readonly #allowed: (remote: string | undefined) => boolean;
  readonly #sockets = new Set<Socket>();
  readonly stats: MoListenerStats = { taken: 0, refused: 0, notAllowed: 0 };
  #closing: Promise<void> | undefined;

  private constructor(options: DirectIpMoListenerOptions) {
    this.#options = options;
    this.#allowed = allowList(options.allow);
    this.#server = createServer((socket) => this.#accept(socket));
    this.#server.maxConnections = MAX_CONNECTIONS;
  }

  static async start(options: DirectIpMoListenerOptions): Promise<DirectIpMoListener> {
    const listener = new DirectIpMoListener(options);
    await new Promise<void>((resolve, reject) => {
      listener.#server.once('error', reject);
      listener.#server.listen(options.port, options.host, () => {
        listener.#server.off('error', reject);
        resolve();
      });
    });
    listener.#server.on('error', (error) => options.log.error('DirectIP MO listener error', error));
    return listener;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  #accept(socket: Socket): void {
    const source = sourceAddress(socket.remoteAddress);
    const { log } = this.#options;
    socket.on('error', (error) => log.debug(`DirectIP MO from ${source}: ${error.message}`));
    if (!this.#allowed(socket.remoteAddress)) {
      this.stats.notAllowed++;
      log.warn(`DirectIP MO refused: source ${source} is not in iridium.directIp.allow; closed unread`);
      socket.destroy();
      return;
    }
    this.#sockets.add(socket);
    const chunks: Buffer[] = [];
    let received = 0;
    let expected: number | undefined;
    let done = false;
    socket.once('close', () => this.#sockets.delete(socket));
    socket.setTimeout(this.#options.timeoutMs, () => {
      done = true;
      this.#refuse(socket, source, `no whole message within ${this.#options.timeoutMs} ms`, false);
    });
    const onData = (chunk: Buffer) => {
      if (done) return;
      chunks.push(chunk);
      received += chunk.length;
      try {
        if (expected === undefined && received >= DIRECTIP_PREAMBLE_BYTES) {
          expected = DIRECTIP_PREAMBLE_BYTES + readPreamble(Buffer.concat(chunks).subarray(0, DIRECTIP_PREAMBLE_BYTES));
          if (expected > MAX_MO_MESSAGE_BYTES)
            throw new DirectIpError(
              'too-large',
              `the message announces ${expected} bytes; an MO message is at most ${MAX_MO_MESSAGE_BYTES}`,
            );
        }
        if (expected === undefined || received < expected) return;
        if (received > expected)
          throw new DirectIpError('bad-length', `${received - expected} bytes beyond the length the message announces`);
        done = true;
        socket.off('data', onData);
        socket.setTimeout(0);
        this.#handle(socket, source, decodeMoMessage(new Uint8Array(Buffer.concat(chunks))));
      } catch (error) {
        done = true;
        socket.off('data', onData);
        if (error instanceof DirectIpError) this.#refuse(socket, source, `${error.code}: ${error.message}`, true);
        else this.#refuse(socket, source, `unexpected: ${String(error)}`, true);
      }
    };
    socket.on('data', onData);
    socket.once('end', () => {
      if (done) return;
      done = true;
      this.#refuse(socket, source, `truncated: the connection ended after ${received} of ${expected ?? 'at least 3'} bytes`, false);
    });
  }

  #handle(socket: Socket, source: string, message: MoMessage): void {
    const { log } = this.#options;
    this.#options.onMessage(message, source).then(
      (outcome) => {
        if (outcome.taken) {
          this.stats.taken++;
          log.info(`DirectIP MO ${outcome.reason}`);
        } else {
          this.stats.refused++;
          log.warn(`DirectIP MO refused: ${outcome.reason}`);
        }
        socket.end(encodeMoConfirmation(outcome.taken));
      },
      (error: unknown) => {
        log.error(`DirectIP MO CDR ${message.header.cdrReference} from ${source}: could not be stored`, error);
        this.stats.refused++;
        socket.end(encodeMoConfirmation(false));
      },
    );
  }

  /** Logs why, answers "refused" when the socket can still take it, and closes. */
  #refuse(socket: Socket, source: string, reason: string, answer: boolean): void {
    this.stats.refused++;
    this.#options.log.warn(`DirectIP MO from ${source} refused: ${reason}; nothing stored`);
    if (answer && socket.writable) socket.end(encodeMoConfirmation(false));
    else socket.destroy();
    // A peer that never reads our answer must not hold the socket.
    setTimeout(() => socket.destroy(), 2000).unref();
  }

  /** Stops accepting and closes open connections; idempotent. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      for (const socket of this.#sockets) socket.destroy();
    });
    return this.#closing;
  }
}
