import type { IncomingMessage } from 'node:http';
import { DESK_PATHS } from '../../protocol/sync/http';
import { tileResponse } from '../../platform/maps/tileResponse';
import { authenticate } from './auth';
import type { CenterContext } from './context';
import { sendJson } from './respond';
import type { Route } from './router';

/** The desk's XYZ template of a layer; the desk appends `?token=<staff token>`. */
export const deskTileUrl = (id: string) => `${DESK_PATHS.tiles}/${id}/{z}/{x}/{y}`;

/**
 * An `<img>` (Leaflet's tiles) cannot send `Authorization`, so tile requests may carry the
 * staff token as `?token=`. Tiles only: the token then sits in URLs, so these answers say
 * `Referrer-Policy: no-referrer`, and every other route still wants the header.
 */
function withQueryToken(req: IncomingMessage, url: URL): IncomingMessage {
  const token = url.searchParams.get('token');
  if (req.headers.authorization !== undefined || token === null) return req;
  return { headers: { authorization: `Bearer ${token}` } } as IncomingMessage;
}

/** `GET /desk/v1/maps/layers` and `GET /desk/v1/tiles/<id>/<z>/<x>/<y>`: the center's MBTiles folder for the desk's map. */
export function deskMapRoutes(context: CenterContext): Route[] {
  const { store, maps } = context;
  return [
    {
      method: 'GET',
      path: DESK_PATHS.mapLayers,
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        // Files copied into the folder while the center runs are listed without a restart.
        maps?.rescan();
        sendJson(res, 200, { layers: maps?.list() ?? [] });
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${DESK_PATHS.tiles}/(.+)$`),
      async handle({ req, res, url, params }) {
        await authenticate(withQueryToken(req, url), store, 'staff');
        const etag = req.headers['if-none-match'];
        const tile = maps ? tileResponse(maps, params[0]!, etag) : undefined;
        if (!tile) return sendJson(res, 404, { code: 'not-found', message: 'the center has no base layers' });
        res.writeHead(tile.status, { ...tile.headers, 'Referrer-Policy': 'no-referrer' });
        res.end(req.method === 'HEAD' ? undefined : tile.body);
      },
    },
  ];
}
