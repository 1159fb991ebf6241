import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { securityHeaders } from '../../platform/static/contentSecurity';
import { resolveRendererFile } from '../../platform/static/rendererFiles';
import { CenterHttpError } from './errors';
import type { Route } from './router';

/** Where center staff open the desk: the console's renderer in its center role. */
export const DESK_UI_PATH = '/ui/';

/**
 * Serves the built renderer (`out/renderer`) under /ui/ with the console's CSP; it sees
 * the path and runs as the desk (sign-in with a staff token, vehicles, video). Its API
 * and media calls go back to this same origin.
 */
export function deskUiRoutes(rendererRoot: string | undefined): Route[] {
  const headers = securityHeaders();
  return [
    {
      method: 'GET',
      path: /^\/ui(\/.*)?$/,
      async handle({ res, url }) {
        if (url.pathname === '/ui') {
          res.writeHead(301, { location: DESK_UI_PATH }).end();
          return;
        }
        const file = rendererRoot ? resolveRendererFile(rendererRoot, url.pathname.slice('/ui'.length), { sourceMaps: false }) : undefined;
        if (!file)
          throw new CenterHttpError('not-found', rendererRoot ? `no ${url.pathname}` : 'the desk UI is not built here (npm run build)');
        res.writeHead(200, {
          ...headers,
          'content-type': file.contentType,
          'cache-control': file.path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        });
        await pipeline(createReadStream(file.path), res);
      },
    },
  ];
}
