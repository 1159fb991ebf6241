import type { IncomingMessage, ServerResponse } from 'node:http';
import { CenterHttpError } from './errors';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The pattern's capture groups, decoded. */
  params: string[];
}

export interface Route {
  method: 'GET' | 'HEAD' | 'POST' | 'PATCH';
  /** An exact path, or a pattern anchored at both ends whose groups become `params`. */
  path: string | RegExp;
  handle(context: RouteContext): Promise<void>;
}

/** A path segment: anything but `/`, percent-decoded by the router. */
export const SEGMENT = '([^/]+)';

/** Finds the route for a request: unknown path → 404, known path with another method → 405 with `Allow`; HEAD falls back to GET. */
export function findRoute(routes: readonly Route[], method: string, url: URL): { route: Route; params: string[] } {
  const allowed = new Set<string>();
  let getRoute: { route: Route; params: string[] } | undefined;
  for (const route of routes) {
    const params = matchPath(route.path, url.pathname);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allowed.add(route.method);
    if (route.method === 'GET') getRoute = { route, params };
  }
  // HEAD of a GET resource: the same answer without its body (node:http drops the body).
  if (method === 'HEAD' && getRoute) return getRoute;
  if (allowed.size === 0) throw new CenterHttpError('not-found', `no such resource: ${url.pathname.slice(0, 200)}`);
  throw new CenterHttpError('method-not-allowed', `${method} is not allowed here; use ${[...allowed].join(', ')}`, {
    headers: { allow: [...allowed].join(', ') },
  });
}

function matchPath(path: string | RegExp, pathname: string): string[] | undefined {
  if (typeof path === 'string') return path === pathname ? [] : undefined;
  const match = path.exec(pathname);
  if (!match) return undefined;
  try {
    return match.slice(1).map((part) => decodeURIComponent(part ?? ''));
  } catch {
    return undefined;
  }
}

/** The request's URL, or 400 when its target is not a path (`GET http://…`, `*`, garbage). */
export function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) throw new CenterHttpError('malformed', 'the request target must be a path');
  try {
    return new URL(target, 'http://center.invalid');
  } catch {
    throw new CenterHttpError('malformed', 'the request target is not a valid path');
  }
}
