import {
  MEDIA_ROOMS_PATH,
  MEDIA_STATE_PATH,
  MEDIA_TICKET_PATH,
  MediaTicketRequest,
  type MediaRooms,
  type MediaTicket,
} from '../../protocol/media/signaling';
import type { MediaState } from '../../protocol/sync/mediaState';
import { VehicleId } from '../../protocol/sync/credentials';
import { requireVehicleAccess, vehicleFilter } from './access';
import { authenticate, authenticateAnyRole } from './auth';
import { parseJson, readBody, requireMediaType } from './body';
import type { CenterContext } from './context';
import { CenterHttpError } from './errors';
import { sendJson } from './respond';
import type { Route } from './router';

/** Whether this center runs live media, and why (the desk's header and a console's Video view show it). */
export function mediaState(context: CenterContext): MediaState {
  return {
    on: context.media !== undefined,
    reason: context.media ? null : (context.mediaOffReason ?? 'not configured'),
    ...(context.mediaCode ? { code: context.mediaCode } : {}),
  };
}

/**
 * `GET /media/v1/state`: whether live media runs (any authenticated vehicle or staff member).
 * `POST /media/v1/ticket`: a vehicle (its own room) or a staff member (`roomId` = the
 * vehicle to watch) trades a bearer token for a single-use ticket for the signaling socket.
 */
export function mediaRoutes(context: CenterContext): Route[] {
  const { store } = context;
  return [
    {
      // A console asks before offering "Go live", so a crew is not sent to a center without media.
      method: 'GET',
      path: MEDIA_STATE_PATH,
      async handle({ req, res }) {
        await authenticateAnyRole(req, store);
        sendJson(res, 200, mediaState(context));
      },
    },
    {
      method: 'GET',
      path: MEDIA_ROOMS_PATH,
      async handle({ req, res }) {
        const visible = await vehicleFilter(await authenticate(req, store, 'staff'));
        const rooms = context.media ? ((await context.media.rooms()) as MediaRooms['rooms']) : [];
        // A room is its vehicle's: only the rooms of vehicles this staff member may see.
        const answer: MediaRooms = { rooms: rooms.filter((room) => visible(room.roomId)) };
        sendJson(res, 200, answer);
      },
    },
    {
      method: 'POST',
      path: MEDIA_TICKET_PATH,
      async handle({ req, res }) {
        const principal = await authenticateAnyRole(req, store);
        requireMediaType(req, 'application/json');
        const request = parseJson(await readBody(req, 4096, 'ticket request'), MediaTicketRequest, 'ticket request');
        // Before anything else: desk staff learn nothing of rooms outside their groups.
        if (principal.role === 'staff') await requireVehicleAccess(principal, request.roomId ?? '');
        const media = context.media;
        if (!media) throw new CenterHttpError('media-unavailable', 'this center runs no media backend (see docs/media.md)');
        let roomId = principal.id;
        if (principal.role === 'staff') {
          const vehicle = VehicleId.safeParse(request.roomId);
          const credential = vehicle.success ? await store.getCredential('vehicle', vehicle.data) : undefined;
          if (!credential || credential.revokedAt !== null)
            throw new CenterHttpError('unknown-vehicle', `no active vehicle ${JSON.stringify(request.roomId ?? '')}`);
          roomId = credential.id;
        } else if (request.roomId !== undefined && request.roomId !== principal.id) {
          throw new CenterHttpError('forbidden', 'a vehicle may only open its own media room');
        }
        const peer = {
          id: `${principal.role}:${principal.id}`,
          displayName: principal.name,
          role: principal.role === 'staff' ? ('staff' as const) : ('vehicle' as const),
        };
        const { ticket, expiresAt } = media.tickets.issue({ roomId, peer });
        const answer: MediaTicket = { ticket, expiresAt, roomId, peerId: peer.id };
        sendJson(res, 201, answer);
      },
    },
  ];
}
