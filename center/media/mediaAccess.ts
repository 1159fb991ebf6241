import type { CenterStore } from '../store/CenterStore';
import type { TicketClaim } from './MediaTickets';

/**
 * Whether a media peer may still take part: its own credential and its room's vehicle both
 * exist and are not revoked. A peer id is `<role>:<credential id>` (media routes); anything
 * else is refused.
 */
export function mediaAccess(store: CenterStore): (claim: TicketClaim) => Promise<boolean> {
  return async ({ roomId, peer }) => {
    const [role, id] = peer.id.split(':', 2);
    if ((role !== 'vehicle' && role !== 'staff') || !id) return false;
    const [own, vehicle] = await Promise.all([store.getCredential(role, id), store.getCredential('vehicle', roomId)]);
    return own !== undefined && own.revokedAt === null && vehicle !== undefined && vehicle.revokedAt === null;
  };
}
