import { protocol } from 'electron';
import type { TileAnswer } from '../../platform/maps/tileResponse';

/** Base layer tiles in Electron: `mcv-tiles://<id>/<z>/<x>/<y>`, and the same under `app://mcv/tiles/` (the UI's relative URL). */
export const TILE_SCHEME = 'mcv-tiles';

/** Its privileges, registered with the app scheme's (Electron allows one registration call). */
export const TILE_SCHEME_PRIVILEGES = { scheme: TILE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

/** A core tile answer as a fetch Response. */
export function tileAsResponse(tile: TileAnswer): Response {
  const body = tile.status === 204 || tile.status === 304 ? null : new Uint8Array(tile.body);
  return new Response(body, { status: tile.status, headers: tile.headers });
}

/** Serves `mcv-tiles://` from the core's one tile handler. */
export function handleTileProtocol(tile: (rest: string, ifNoneMatch?: string) => TileAnswer): void {
  protocol.handle(TILE_SCHEME, (request) => {
    const url = new URL(request.url);
    return tileAsResponse(tile(`${url.host}${url.pathname}`, request.headers.get('if-none-match') ?? undefined));
  });
}
