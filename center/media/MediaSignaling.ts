import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_PROTOO_FRAME_BYTES, PROTOO_SUBPROTOCOL } from '../../protocol/media/protoo';
import { MEDIA_SOCKET_PATH } from '../../protocol/media/signaling';
import type { Logger } from '../../platform/log/logger';
import type { MediaBackend } from './MediaBackend';
import { MediaRoom } from './MediaRoom';
import { MediaTickets } from './MediaTickets';
import { ProtooPeer } from './ProtooPeer';

export interface MediaSignalingOptions {
  backend: MediaBackend;
  log: Logger;
  disconnectGraceMs: number;
}

/**
 * The center's media signaling: WebSocket upgrades on MEDIA_SOCKET_PATH with sub-protocol
 * `protoo` and a ticket (MediaTickets), one MediaRoom per vehicle, created on the first
 * peer and closed when the last one leaves.
 */
export class MediaSignaling {
  readonly tickets = new MediaTickets();
  readonly #wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_PROTOO_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(PROTOO_SUBPROTOCOL) ? PROTOO_SUBPROTOCOL : false),
  });
  readonly #rooms = new Map<string, Promise<MediaRoom>>();
  readonly #options: MediaSignalingOptions;

  constructor(options: MediaSignalingOptions) {
    this.#options = options;
  }

  get backendName(): string {
    return this.#options.backend.name;
  }

  /** Takes the HTTP server's upgrades for the media path; others are refused. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#upgrade(req, socket, head).catch((error: unknown) => {
        this.#options.log.error('media socket upgrade failed', error);
        refuse(socket, 500, 'internal error');
      });
    });
  }

  /** Rooms with someone in them (a vehicle live, or staff waiting for it). */
  async rooms(): Promise<Array<ReturnType<MediaRoom['summary']>>> {
    const rooms = await Promise.all([...this.#rooms.values()].map((room) => room.catch(() => undefined)));
    return rooms.filter((r): r is MediaRoom => r !== undefined).map((r) => r.summary());
  }

  async close(): Promise<void> {
    for (const room of this.#rooms.values()) (await room.catch(() => undefined))?.close();
    this.#rooms.clear();
    this.#wss.close();
    await this.#options.backend.close();
  }

  async #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://center');
    if (url.pathname !== MEDIA_SOCKET_PATH) return refuse(socket, 404, 'not found');
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!offered.includes(PROTOO_SUBPROTOCOL)) return refuse(socket, 400, `sub-protocol "${PROTOO_SUBPROTOCOL}" required`);
    const claim = this.tickets.redeem(url.searchParams.get('ticket') ?? '');
    if (!claim) return refuse(socket, 401, 'a valid media ticket is required (POST /media/v1/ticket)');
    const room = await this.#room(claim.roomId);
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const peer = new ProtooPeer(ws, claim.peer.id, this.#options.log);
      room.addPeer(claim.peer, peer);
      this.#options.log.info(`media: ${claim.peer.role} "${claim.peer.displayName}" joined room ${claim.roomId}`);
    });
  }

  #room(roomId: string): Promise<MediaRoom> {
    let room = this.#rooms.get(roomId);
    if (!room) {
      room = MediaRoom.create(roomId, this.#options.backend, {
        log: this.#options.log,
        disconnectGraceMs: this.#options.disconnectGraceMs,
      });
      this.#rooms.set(roomId, room);
      room.then(
        (r) =>
          r.once('empty', () => {
            this.#rooms.delete(roomId);
            r.close();
          }),
        () => this.#rooms.delete(roomId),
      );
    }
    return room;
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ code: status === 401 ? 'unauthorized' : 'malformed', message: reason });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
