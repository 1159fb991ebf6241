import type { CenterMediaView, MediaTicketView } from '../../../protocol/api/media';
import { MEDIA_SOCKET_PATH } from '../../../protocol/media/signaling';
import type { CenterClient } from './CenterClient';
import { CenterRequestError } from './CenterRequestError';
import { requestLimits, type LinkRoute } from './linkRoute';

/** Live media cannot start now, and why (no center, no link for live, the center has no media). */
export class UnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnavailableError';
  }
}

/**
 * A single-use ticket for the media signaling socket, asked over the link that carries
 * live media; the renderer opens the socket with it (the token stays in the core).
 */
export async function fetchMediaTicket(client: CenterClient | undefined, route: LinkRoute | undefined): Promise<MediaTicketView> {
  if (!client) throw new UnavailableError('no command center is configured (sync.centerUrl and sync.token)');
  if (!route) throw new UnavailableError('no link may carry live media now');
  let ticket;
  try {
    ticket = await client.mediaTicket(route.route, requestLimits(route, 0));
  } catch (error) {
    if (error instanceof CenterRequestError && error.status === 503) throw new UnavailableError('the command center runs no live media');
    throw new UnavailableError(
      `the command center cannot be reached over ${route.linkName}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const url = new URL(route.route.baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/$/, '')}${MEDIA_SOCKET_PATH}`;
  url.search = new URLSearchParams({ ticket: ticket.ticket }).toString();
  return { socketUrl: url.toString(), roomId: ticket.roomId, peerId: ticket.peerId, linkId: route.linkId, linkName: route.linkName };
}

/**
 * Whether the center runs live media, asked over the live-media route, so the Video view can
 * say so before a crew presses "Go live". Never throws: what could not be asked is `unknown`
 * with the reason.
 */
export async function fetchCenterMedia(
  client: CenterClient | undefined,
  route: LinkRoute | undefined,
  now = Date.now(),
): Promise<CenterMediaView> {
  const unknown = (reason: string): CenterMediaView => ({ state: 'unknown', reason, checkedAt: now });
  if (!client) return unknown('no command center is configured');
  if (!route) return unknown('no link may carry live media now');
  try {
    const state = await client.mediaState(route.route, requestLimits(route, 0));
    return { state: state.on ? 'on' : 'off', ...(state.code ? { code: state.code } : {}), reason: state.reason, checkedAt: now };
  } catch (error) {
    if (error instanceof CenterRequestError && error.status === 404) return unknown('the center is older than this question');
    if (error instanceof CenterRequestError && (error.status === 401 || error.status === 403))
      return unknown("the command center refused this vehicle's token");
    return unknown(
      `the command center cannot be reached over ${route.linkName}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
