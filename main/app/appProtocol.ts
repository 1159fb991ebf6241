import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { securityHeaders } from '../../platform/static/contentSecurity';
import { resolveRendererFile } from '../../platform/static/rendererFiles';
import type { TileAnswer } from '../../platform/maps/tileResponse';
import { TILE_SCHEME_PRIVILEGES, tileAsResponse } from './tileProtocol';

/** The renderer is served from `app://mcv/`, never `file://` (Electron security checklist #18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mcv';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    TILE_SCHEME_PRIVILEGES,
  ]);
}

/** Serves the built renderer with the same CSP and headers as the headless host; `connectSources`: the center's signaling origins. */
export function handleAppProtocol(
  rendererRoot: string,
  connectSources: readonly string[] = [],
  tile?: (rest: string, ifNoneMatch?: string) => TileAnswer,
): void {
  const headers = securityHeaders(connectSources);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (tile && url.host === APP_HOST && url.pathname.startsWith('/tiles/')) {
      return tileAsResponse(tile(url.pathname.slice('/tiles/'.length), request.headers.get('if-none-match') ?? undefined));
    }
    const file = url.host === APP_HOST ? resolveRendererFile(rendererRoot, url.pathname) : undefined;
    if (!file) return new Response('not found', { status: 404, headers });
    const body = await net.fetch(pathToFileURL(file.path).toString());
    return new Response(body.body, { status: 200, headers: { ...headers, 'Content-Type': file.contentType } });
  });
}
