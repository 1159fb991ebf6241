import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { securityHeaders } from '../../platform/static/contentSecurity';
import { centerConnectSources } from '../core/sync/centerConnectSources';
import { resolveRendererFile } from '../../platform/static/rendererFiles';
import type { Core } from '../core/createCore';
import { createWsBridge } from './wsBridge';
import { TILE_PATH_PREFIX } from '../core/maps/MapService';

export interface HeadlessServerOptions {
  core: Core;
  /** Folder of the built renderer (`out/renderer`). */
  rendererRoot: string;
  host: string;
  port: number;
}

export interface HeadlessServer {
  /** The URL to open, e.g. http://127.0.0.1:5170/ */
  url: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The request's path, or undefined when it is not a valid URL path (`//`, `//[`). */
function pathOf(request: IncomingMessage): string | undefined {
  try {
    return new URL(request.url ?? '/', 'http://host.invalid').pathname;
  } catch {
    return undefined;
  }
}

/**
 * The headless host's HTTP side: the built renderer with the same CSP as Electron, and
 * the API WebSocket at `/api`, and base layer tiles at `/tiles/<id>/<z>/<x>/<y>`. Host and Origin are checked so a web page open in the
 * same browser cannot reach the console through DNS rebinding or a cross-site socket.
 */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { core, rendererRoot, host } = options;
  const bridge = createWsBridge(core);
  const headers = securityHeaders(centerConnectSources(core.resolved.config.sync));
  let allowedHosts = new Set<string>();
  let port = 0;

  const listensBeyondLoopback = !LOOPBACK_NAMES.includes(host) && host !== '::1';
  const hostAllowed = (request: IncomingMessage) => {
    const value = (request.headers.host ?? '').toLowerCase();
    if (allowedHosts.has(value)) return true;
    // Other laptops in the vehicle reach us by IP; DNS rebinding needs a name, so IP literals are safe.
    const match = /^\[?([0-9a-f:.]+)\]?:(\d+)$/.exec(value);
    return listensBeyondLoopback && match !== null && isIP(match[1]!) !== 0 && Number(match[2]) === port;
  };
  const originAllowed = (request: IncomingMessage) =>
    request.headers.origin?.toLowerCase() === `http://${(request.headers.host ?? '').toLowerCase()}`;

  const server: Server = createServer((request, response) => serveFile(request, response));

  function reply(response: ServerResponse, status: number, text: string): void {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(text);
  }

  function serveFile(request: IncomingMessage, response: ServerResponse): void {
    if (!hostAllowed(request)) return reply(response, 421, 'unexpected Host header');
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(response, 405, 'method not allowed');
    const path = pathOf(request);
    if (path === undefined) return reply(response, 400, 'bad request path');
    if (path === '/api') return reply(response, 426, 'the API speaks WebSocket');
    if (path.startsWith(TILE_PATH_PREFIX)) {
      const tile = core.maps.tile(path.slice(TILE_PATH_PREFIX.length), request.headers['if-none-match']);
      response.writeHead(tile.status, { ...headers, ...tile.headers });
      return void response.end(request.method === 'HEAD' ? undefined : tile.body);
    }
    const file = resolveRendererFile(rendererRoot, path);
    if (!file) {
      const missingBuild = path === '/' || path === '/index.html';
      return reply(response, missingBuild ? 503 : 404, missingBuild ? 'the renderer is not built: run `npm run build`' : 'not found');
    }
    response.writeHead(200, {
      ...headers,
      'Content-Type': file.contentType,
      'Cache-Control': file.path.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file.path)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  server.on('upgrade', (request, socket, head) => {
    // Node drops its own error listener before 'upgrade'; a reset socket must not crash us.
    socket.on('error', () => socket.destroy());
    if (pathOf(request) !== '/api' || !hostAllowed(request) || !originAllowed(request)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    bridge.handleUpgrade(request, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const names = new Set([...LOOPBACK_NAMES, host.includes(':') ? `[${host}]` : host]);
  allowedHosts = new Set([...names].map((name) => `${name}:${port}`.toLowerCase()));
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;

  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        bridge.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
