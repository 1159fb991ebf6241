import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { MAX_PROTOO_FRAME_BYTES, PROTOO_ERRORS, ProtooMessage, type ProtooRequest } from '../../protocol/media/protoo';
import type { Logger } from '../../platform/log/logger';

/** A request failed in a way the client should hear: a protoo error response with this code. */
export class ProtooError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'ProtooError';
  }
}

/** How long the center waits for the client to answer its request (`newConsumer`). */
const REQUEST_TIMEOUT_MS = 20_000;
/** A ping this often; a socket that answered none since the last one is dead (a link that vanished sends no FIN). */
const PING_INTERVAL_MS = 15_000;

export type ProtooRequestHandler = (request: ProtooRequest) => Promise<unknown>;

/**
 * One signaling connection in the protoo format: every frame is checked against the
 * protocol's schemas; a request is answered exactly once (its handler's value, or an
 * error response with a code); the center's own requests wait for the client's answer
 * with a timeout. Emits `close` once.
 */
export class ProtooPeer extends EventEmitter<{ close: [] }> {
  readonly #socket: WebSocket;
  readonly #log: Logger;
  #handler: ProtooRequestHandler = async () => {
    throw new ProtooError(PROTOO_ERRORS.unavailable, 'not ready');
  };
  readonly #pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  #nextId = Math.floor(Math.random() * 1_000_000);
  #closed = false;
  #alive = true;
  readonly #pinger: NodeJS.Timeout;

  constructor(
    socket: WebSocket,
    readonly id: string,
    log: Logger,
  ) {
    super();
    this.#socket = socket;
    this.#log = log;
    socket.on('message', (data, isBinary) => this.#onFrame(data as Buffer, isBinary));
    socket.on('close', () => this.#onClosed());
    socket.on('error', (error) => log.debug(`peer ${id}: socket error: ${error.message}`));
    socket.on('pong', () => (this.#alive = true));
    this.#pinger = setInterval(() => {
      if (!this.#alive) {
        log.info(`peer ${id}: no answer to ping for ${(2 * PING_INTERVAL_MS) / 1000} s; closing`);
        socket.terminate();
        this.#onClosed();
        return;
      }
      this.#alive = false;
      socket.ping();
    }, PING_INTERVAL_MS);
    this.#pinger.unref();
  }

  get closed(): boolean {
    return this.#closed;
  }

  handleRequests(handler: ProtooRequestHandler): void {
    this.#handler = handler;
  }

  notify(method: string, data: unknown): void {
    this.#send({ notification: true, method, data });
  }

  /** A request to the client; resolves with its answer's data. */
  request(method: string, data: unknown): Promise<unknown> {
    if (this.#closed) return Promise.reject(new Error('peer closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${method}: no answer from peer ${this.id} within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
      this.#send({ request: true, id, method, data });
    });
  }

  close(code = 1000, reason = ''): void {
    if (this.#closed) return;
    this.#socket.close(code, reason);
    this.#onClosed();
  }

  #onFrame(data: Buffer, isBinary: boolean): void {
    if (isBinary || data.length > MAX_PROTOO_FRAME_BYTES) return this.#refuseFrame('not a protoo text frame');
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return this.#refuseFrame('not JSON');
    }
    const parsed = ProtooMessage.safeParse(json);
    if (!parsed.success) {
      const id = (json as { request?: unknown; id?: unknown } | null)?.request === true ? (json as { id?: unknown }).id : undefined;
      if (typeof id === 'number' && Number.isSafeInteger(id))
        this.#respondError(id, PROTOO_ERRORS.badRequest, 'not a valid protoo request');
      return this.#refuseFrame('not a protoo message');
    }
    const message = parsed.data;
    if ('request' in message) void this.#answer(message);
    else if ('response' in message) this.#onResponse(message);
    // Notifications from clients carry nothing the center acts on.
  }

  async #answer(request: ProtooRequest): Promise<void> {
    try {
      const data = await this.#handler(request);
      this.#send({ response: true, id: request.id, ok: true, data: data ?? {} });
    } catch (error) {
      if (error instanceof ProtooError) return this.#respondError(request.id, error.code, error.message);
      this.#log.error(`peer ${this.id}: ${request.method} failed`, error);
      this.#respondError(request.id, PROTOO_ERRORS.internal, `${request.method} failed on the center`);
    }
  }

  #onResponse(response: Extract<ProtooMessage, { response: true }>): void {
    const pending = this.#pending.get(response.id);
    if (!pending) return;
    this.#pending.delete(response.id);
    clearTimeout(pending.timer);
    if (response.ok) pending.resolve(response.data);
    else pending.reject(new Error(`peer ${this.id} refused: ${response.errorReason} (${response.errorCode})`));
  }

  #respondError(id: number, errorCode: number, errorReason: string): void {
    this.#send({ response: true, id, ok: false, errorCode, errorReason: errorReason.slice(0, 500) });
  }

  #refuseFrame(why: string): void {
    this.#log.debug(`peer ${this.id}: frame dropped: ${why}`);
  }

  #send(message: unknown): void {
    if (this.#closed || this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.send(JSON.stringify(message));
  }

  #onClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#pinger);
    for (const [, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new Error('peer closed'));
    }
    this.#pending.clear();
    this.emit('close');
  }
}
