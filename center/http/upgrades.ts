import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../platform/log/logger';
import { CenterHttpError } from './errors';

/** Takes a WebSocket upgrade for one path; throws CenterHttpError to refuse it with that answer. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;

/**
 * The center's WebSocket upgrades (media signaling, the sync stream): one listener that
 * hands each path to its handler and refuses the rest, so two features never answer the
 * same upgrade.
 */
export function routeUpgrades(server: Server, handlers: ReadonlyMap<string, UpgradeHandler>, log: Logger): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://center').pathname;
    const handler = handlers.get(path);
    if (!handler) return refuseUpgrade(socket, new CenterHttpError('not-found', `no WebSocket at ${path}`));
    handler(req, socket, head).catch((error: unknown) => {
      if (error instanceof CenterHttpError) return refuseUpgrade(socket, error);
      log.error(`WebSocket upgrade on ${path} failed`, error);
      refuseUpgrade(socket, new CenterHttpError('internal', 'internal error; the center logged it'));
    });
  });
}

/** Answers an upgrade with the error as JSON, as an HTTP request would get it, and closes. */
export function refuseUpgrade(socket: Duplex, error: CenterHttpError): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ code: error.code, message: error.message });
  socket.end(
    `HTTP/1.1 ${error.status} ${error.code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
