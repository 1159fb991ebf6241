import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { setMinBodyRate } from './body';
import type { AddressInfo, Socket } from 'node:net';
import { HEALTH_PATH } from '../../protocol/sync/http';
import { DatabaseError, isDiskFull } from '../../platform/sqlite/DatabaseError';
import { UploadError } from '../files/UploadError';
import { attachmentRoutes } from './attachmentRoutes';
import type { CenterContext } from './context';
import { deskConversationRoutes } from './deskConversationRoutes';
import { deskOrderRoutes } from './deskOrderRoutes';
import { deskIncidentRoutes } from './deskIncidentRoutes';
import { deskDutyRoutes } from './deskDutyRoutes';
import { deskIridiumRoutes } from './deskIridiumRoutes';
import { deskRoutes } from './deskRoutes';
import { deskMapRoutes } from './deskMapRoutes';
import { mediaRoutes } from './mediaRoutes';
import { deskUiRoutes } from './deskUiRoutes';
import { feedRoutes } from './feedRoutes';
import { CenterHttpError } from './errors';
import { sendError, sendJson } from './respond';
import { findRoute, requestUrl, type Route } from './router';
import { MEDIA_SOCKET_PATH } from '../../protocol/media/signaling';
import { SYNC_STREAM_PATH } from '../../protocol/sync/stream';
import { SyncStream } from './syncStream';
import { routeUpgrades } from './upgrades';
import { syncRoutes } from './syncRoutes';
import { rockblockRoutes, type RockblockPushSetup } from './rockblockRoutes';

export interface CenterServerOptions extends CenterContext {
  host: string;
  port: number;
  /** PEM contents; with both, the server speaks HTTPS. */
  tls?: { cert: Buffer; key: Buffer } | undefined;
  /** The built renderer (`out/renderer`), served as the desk under /ui/. */
  deskUiRoot?: string | undefined;
  /** A connection with no bytes either way for this long is closed (a stalled upload releases its file). Default 60 000 ms. */
  idleTimeoutMs?: number;
  /** Connections held at once (more are closed on arrival), time for a request's headers, slowest body taken. */
  limits?: { maxConnections: number; headersTimeoutMs: number; minBodyBytesPerSecond: number } | undefined;
  /** RockBLOCK web push (config `iridium.rockblock`); absent: no push route. */
  rockblock?: RockblockPushSetup | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, ends uploads in progress (their durable bytes are recorded), waits up to `graceMs` for answers in flight. */
  close(graceMs?: number): Promise<void>;
}

/** The center's HTTP(S) server: health, sync, attachments and desk routes behind one error policy. */
export async function startCenterServer(options: CenterServerOptions): Promise<RunningServer> {
  const { log } = options;
  const routes: Route[] = [
    {
      method: 'GET',
      path: HEALTH_PATH,
      handle: async ({ res }) => sendJson(res, 200, { ok: true, version: options.version }),
    },
    ...syncRoutes(options),
    ...attachmentRoutes(options),
    ...deskRoutes(options),
    ...deskOrderRoutes(options),
    ...deskIncidentRoutes(options),
    ...deskDutyRoutes(options),
    ...deskIridiumRoutes(options),
    ...deskConversationRoutes(options),
    ...deskMapRoutes(options),
    ...feedRoutes(options),
    ...mediaRoutes(options),
    ...rockblockRoutes(options),
    ...deskUiRoutes(options.deskUiRoot),
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    const { route, params } = findRoute(routes, req.method ?? 'GET', url);
    await route.handle({ req, res, url, params });
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => answerFailure(req, res, error));
  };
  /** Sends the error answer for a failed request; never throws (a throw here would end the process). */
  const answerFailure = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    try {
      if (res.headersSent || res.destroyed || !req.socket || req.socket.destroyed) {
        if (!(error instanceof CenterHttpError))
          log.debug(`${req.method} ${req.url}: failed after answering or with the client gone: ${String(error)}`);
        res.destroy();
        return;
      }
      if (error instanceof CenterHttpError) return sendError(req, res, error);
      if (error instanceof UploadError)
        return sendError(
          req,
          res,
          new CenterHttpError(error.code, error.message, error.offset !== undefined ? { offset: error.offset } : {}),
        );
      if (isDiskFull(error)) {
        log.warn(`${req.method} ${req.url}: disk full: ${(error as Error).message}`);
        return sendError(
          req,
          res,
          new CenterHttpError('store-full', 'the center is out of disk space; nothing of this request was stored, try again later'),
        );
      }
      log.error(`${req.method} ${req.url}: internal error`, error instanceof DatabaseError ? error.message : error);
      sendError(req, res, new CenterHttpError('internal', 'internal error; the center logged it'));
    } catch (failure) {
      log.error('answering a failed request failed', failure);
      res.destroy();
    }
  };

  const limits = options.limits ?? { maxConnections: 1000, headersTimeoutMs: 30_000, minBodyBytesPerSecond: 50 };
  setMinBodyRate(limits.minBodyBytesPerSecond);
  // Node checks header deadlines on this interval (30 s by default): finer, so 408 comes on time.
  const checking = { connectionsCheckingInterval: Math.min(5000, Math.max(500, limits.headersTimeoutMs / 4)) };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, ...checking }, onRequest)
    : createHttpServer(checking, onRequest);
  // A client opening connections without end gets no more than this many; the rest are closed at once.
  server.maxConnections = limits.maxConnections;
  // Uploads over HF or satellite take long: no limit on a whole request, only on silence and on trickling (body.ts).
  server.requestTimeout = 0;
  server.headersTimeout = limits.headersTimeoutMs;
  // A vehicle on HF sees our idle timer seconds late (3 s round trips) and would reuse a
  // connection we are closing; keeping it 30 s also spares a narrow link a TCP handshake per poll.
  server.keepAliveTimeout = 30_000;
  server.timeout = options.idleTimeoutMs ?? 60_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      const body = JSON.stringify({
        code: 'too-slow',
        message: `the request's headers did not arrive within ${limits.headersTimeoutMs} ms`,
      });
      socket.end(
        `HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
    } else if (socket.writable && error.code !== 'ECONNRESET') {
      const body = JSON.stringify({ code: 'malformed', message: 'not a valid HTTP request' });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error('server error', error));
  const stream = new SyncStream(options);
  routeUpgrades(
    server,
    new Map([[SYNC_STREAM_PATH, stream.upgrade], ...(options.media ? [[MEDIA_SOCKET_PATH, options.media.upgrade] as const] : [])]),
    log,
  );
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `${options.tls ? 'https' : 'http'}://${hostInUrl}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close(graceMs = 5000) {
      closing ??= (async () => {
        // Feed streams never end by themselves: end them, or closing would wait out the grace.
        options.feed.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        stream.close();
        await options.media?.close();
        await options.uploads.closeAll();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        await closed;
        clearTimeout(timer);
      })();
      return closing;
    },
  };
}
