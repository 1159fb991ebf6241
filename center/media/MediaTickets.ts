import { randomBytes } from 'node:crypto';
import type { PeerInfo } from '../../protocol/media/signaling';

/** How long a ticket may wait for its socket. */
const TICKET_TTL_MS = 30_000;

export interface TicketClaim {
  roomId: string;
  peer: PeerInfo;
}

/**
 * Single-use tickets for the signaling socket: browsers cannot put a bearer token on a
 * WebSocket, and a long-lived token does not belong in a URL (logs keep URLs). A client
 * trades its token for a ticket over HTTPS, then opens the socket with it within 30 s.
 */
export class MediaTickets {
  readonly #tickets = new Map<string, TicketClaim & { expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(claim: TicketClaim): { ticket: string; expiresAt: number } {
    this.#sweep();
    const ticket = randomBytes(24).toString('base64url');
    const expiresAt = this.now() + TICKET_TTL_MS;
    this.#tickets.set(ticket, { ...claim, expiresAt });
    return { ticket, expiresAt };
  }

  /** The claim, once; undefined for an unknown, used or expired ticket. */
  redeem(ticket: string): TicketClaim | undefined {
    const entry = this.#tickets.get(ticket);
    this.#tickets.delete(ticket);
    if (!entry || entry.expiresAt < this.now()) return undefined;
    return { roomId: entry.roomId, peer: entry.peer };
  }

  #sweep(): void {
    const now = this.now();
    for (const [ticket, entry] of this.#tickets) if (entry.expiresAt < now) this.#tickets.delete(ticket);
  }
}
