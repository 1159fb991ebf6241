import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_PROTOO_FRAME_BYTES, PROTOO_SUBPROTOCOL } from '../../protocol/media/protoo';
import { MEDIA_SOCKET_PATH } from '../../protocol/media/signaling';
import type { Logger } from '../../platform/log/logger';
import type { MediaBackend } from './MediaBackend';
import { MediaRoom } from './MediaRoom';
import { MediaTickets, type TicketClaim } from './MediaTickets';
import { ProtooPeer } from './ProtooPeer';

export interface MediaSignalingOptions {
  backend: MediaBackend;
  log: Logger;
  disconnectGraceMs: number;
  /** Whether a ticket's peer and its room's vehicle may still take part (neither credential revoked). */
  allowed?: (claim: TicketClaim) => Promise<boolean>;
  /** How often the peers in rooms are checked against revocation. Default 2000 ms. */
  revocationCheckMs?: number;
}

/** Sockets one room takes at once (the vehicle and the staff watching it); more are refused. */
export const MAX_PEERS_PER_ROOM = 16;
/** The close code a peer gets when its credential (or its room's vehicle) was revoked. */
export const REVOKED_CLOSE_CODE = 4003;

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

  readonly #revocationTimer: NodeJS.Timeout | undefined;

  constructor(options: MediaSignalingOptions) {
    this.#options = options;
    // Revocation is written by the CLI (another process): the running rooms learn it by looking.
    if (options.allowed) {
      this.#revocationTimer = setInterval(() => void this.#dropRevoked(), options.revocationCheckMs ?? 2000);
      this.#revocationTimer.unref();
    }
  }

  get backendName(): string {
    return this.#options.backend.name;
  }

  /** Takes an upgrade on the media path (center/http/upgrades.ts routes it here). */
  readonly upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    try {
      await this.#upgrade(req, socket, head);
    } catch (error) {
      this.#options.log.error('media socket upgrade failed', error);
      refuse(socket, 500, 'internal error');
    }
  };

  /** Rooms with someone in them (a vehicle live, or staff waiting for it). */
  async rooms(): Promise<Array<ReturnType<MediaRoom['summary']>>> {
    const rooms = await Promise.all([...this.#rooms.values()].map((room) => room.catch(() => undefined)));
    return rooms.filter((r): r is MediaRoom => r !== undefined).map((r) => r.summary());
  }

  async close(): Promise<void> {
    clearInterval(this.#revocationTimer);
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
    // A ticket issued before its token was revoked dies with the token.
    if (this.#options.allowed && !(await this.#options.allowed(claim))) return refuse(socket, 401, 'the credential was revoked');
    const room = await this.#room(claim.roomId);
    const replacing = room.peerInfos().some((p) => p.id === claim.peer.id);
    if (!replacing && room.peerCount >= MAX_PEERS_PER_ROOM)
      return refuse(socket, 503, `room ${claim.roomId} is full (${MAX_PEERS_PER_ROOM} peers); try again when someone leaves`);
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const peer = new ProtooPeer(ws, claim.peer.id, this.#options.log);
      room.addPeer(claim.peer, peer);
      this.#options.log.info(`media: ${claim.peer.role} "${claim.peer.displayName}" joined room ${claim.roomId}`);
    });
  }

  /** Ends the sockets of peers whose credential, or whose room's vehicle, has been revoked (their transports close with them). */
  async #dropRevoked(): Promise<void> {
    const allowed = this.#options.allowed!;
    for (const [roomId, pending] of this.#rooms) {
      const room = await pending.catch(() => undefined);
      if (!room) continue;
      for (const peer of room.peerInfos()) {
        if (await allowed({ roomId, peer }).catch(() => true)) continue;
        this.#options.log.info(`media: ${peer.role} "${peer.displayName}" removed from room ${roomId}: credential revoked`);
        room.closePeer(peer.id, REVOKED_CLOSE_CODE, 'credential revoked');
      }
    }
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
  const code = status === 401 ? 'unauthorized' : status === 503 ? 'media-unavailable' : 'malformed';
  const body = JSON.stringify({ code, message: reason });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
