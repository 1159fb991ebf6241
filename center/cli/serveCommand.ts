import { mediaAccess } from '../media/mediaAccess';
import type { TicketClaim } from '../media/MediaTickets';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { makeDataPrivate } from '../../platform/privateFiles';
import { dirname, join } from 'node:path';
import { dataFiles } from '../config/dataDir';
import { resolveServeSettings, type ServeFlags, type ServeSettings } from '../config/loadCenterConfig';
import { EchoResponder } from '../echo/EchoResponder';
import { DeskFeed } from '../feed/DeskFeed';
import { AttachmentFiles } from '../files/AttachmentFiles';
import { Uploads } from '../files/Uploads';
import { LayerDirectory } from '../../platform/maps/LayerDirectory';
import { deskTileUrl } from '../http/deskMapRoutes';
import { startCenterServer, type RunningServer } from '../http/server';
import { createLogger } from '../../platform/log/logger';
import type { MediaBackend } from '../media/MediaBackend';
import { MediaSignaling } from '../media/MediaSignaling';
import { createMediasoupBackend } from '../media/mediasoup/MediasoupBackend';
import { probeMediasoup } from '../media/mediasoup/probeMediasoup';
import { planMedia } from '../media/mediaPlan';
import { isLoopback } from '../config/loopback';
import type { MediaStateCode } from '../../protocol/sync/mediaState';
import { centerStoreError } from '../store/errors';
import { InstanceLock } from '../store/sqlite/instanceLock';
import { SqliteCenterStore } from '../store/sqlite/SqliteCenterStore';
import { PRODUCT_VERSION } from '../../platform/version';
import type { CliOutput } from './credentialCommands';
import { OperatorError } from '../../platform/OperatorError';
import { startIridium } from '../iridium/startIridium';
import { loadRockblockKey } from '../iridium/rockblockJwt';

export interface RunningCenter {
  settings: ServeSettings;
  url: string;
  /** The UDP echo port, or 0 when off. */
  echoPort: number;
  echo: EchoResponder | undefined;
  /** The DirectIP MO listener's port, or 0 when Iridium is not configured. */
  directIpPort: number;
  close(): Promise<void>;
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new OperatorError(`Cannot read the TLS ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

/**
 * Starts the center: the data directory and its lock, the store (migrated), recovery
 * of unfinished uploads, the HTTP(S) server and the UDP echo responder. Whatever was
 * opened is closed again when a later step fails.
 */
export async function startCenter(
  settings: ServeSettings,
  options: { mediaBackend?: MediaBackend; mediaDisconnectGraceMs?: number; deskUiRoot?: string } = {},
): Promise<RunningCenter> {
  const log = createLogger('center');
  const tls = settings.tls ? { cert: readPem(settings.tls.cert, 'certificate'), key: readPem(settings.tls.key, 'key') } : undefined;
  const rockblockConfig = settings.iridium?.rockblock;
  const rockblock = rockblockConfig && { ...rockblockConfig, key: loadRockblockKey(rockblockConfig.publicKeyFile) };
  const files = dataFiles(settings.dataDir);
  try {
    makeDataPrivate(settings.dataDir);
    accessSync(settings.dataDir, constants.W_OK);
  } catch (error) {
    throw centerStoreError(error, files.database);
  }
  const cleanup: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };
  try {
    const lock = InstanceLock.acquire(files.lock, files.database);
    cleanup.push(() => lock.release());
    const store = SqliteCenterStore.open({ file: files.database });
    cleanup.push(async () => {
      await store.close();
      const { units, groups } = store.exchangeCommits;
      if (units > 0) log.info(`exchanges: ${units} applied in ${groups} commits`);
    });
    const maps = new LayerDirectory({
      dir: settings.mapsDir ?? join(settings.dataDir, 'maps'),
      tileUrl: deskTileUrl,
      onBadFile: (error) => log.warn(`${error.message}; it is not listed`),
    });
    cleanup.push(() => maps.close());
    const attachmentFiles = new AttachmentFiles(files.attachments);
    const uploads = new Uploads({
      store,
      files: attachmentFiles,
      maxAttachmentBytes: settings.maxAttachmentBytes,
      log: createLogger('uploads'),
    });
    await uploads.recover();
    let server: RunningServer;
    let mediaStart: MediaStart;
    let deskFeed: DeskFeed;
    try {
      mediaStart = await startMedia(settings, options.mediaBackend, options.mediaDisconnectGraceMs, mediaAccess(store));
      const { media, offReason } = mediaStart;
      const feed = new DeskFeed({
        log: createLogger('feed'),
        historyEvents: settings.feed.historyEvents,
        maxLagEvents: settings.feed.maxLagEvents,
        center: {
          ingest: { ok: true, reason: null },
          media: { on: media !== undefined, reason: mediaStart.media ? mediaStart.onLine : mediaStart.offReason, code: mediaStart.code },
          version: PRODUCT_VERSION,
        },
      });
      deskFeed = feed;
      server = await startCenterServer({
        feed,
        store,
        uploads,
        files: attachmentFiles,
        log: createLogger('http'),
        version: PRODUCT_VERSION,
        host: settings.host,
        port: settings.port,
        tls,
        media,
        mediaOffReason: offReason,
        mediaCode: mediaStart.code,
        staleAfterMs: settings.staleAfterMs,
        firstReportDeadlines: settings.incidents?.firstReportMinutes,
        maps,
        deskUiRoot: options.deskUiRoot ?? defaultDeskUiRoot(),
        limits: settings.http,
        rockblock,
      });
    } catch (error) {
      throw listenError(error, settings, 'HTTP');
    }
    cleanup.push(() => server.close());
    logMediaState(mediaStart);
    if (rockblock)
      createLogger('iridium').info(
        `RockBLOCK push on POST ${server.url}${rockblock.path}, JWTs checked against ${rockblock.publicKeyFile}`,
      );
    let echo: EchoResponder | undefined;
    if (settings.echoPort !== 0) {
      try {
        echo = await EchoResponder.start({ host: settings.host, port: settings.echoPort });
      } catch (error) {
        throw listenError(error, settings, 'UDP echo');
      }
      const responder = echo;
      cleanup.push(async () => {
        await responder.close();
        log.info(
          `UDP echo: ${responder.stats.echoed} echoed, ${responder.stats.dropped} dropped (not a probe), ${responder.stats.limited} over the rate limit`,
        );
      });
    }
    const directIpPort = await startIridiumSide(
      settings,
      { store, feed: deskFeed, firstReportDeadlines: settings.incidents?.firstReportMinutes },
      cleanup,
    );
    return { settings, url: server.url, echoPort: echo?.port ?? 0, echo, directIpPort, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The Iridium gateway side when configured (docs/center.md, Iridium SBD); its port, or 0. */
async function startIridiumSide(
  settings: ServeSettings,
  deps: Parameters<typeof startIridium>[1],
  cleanup: Array<() => Promise<void> | void>,
): Promise<number> {
  const directIp = settings.iridium?.directIp;
  if (!directIp) return 0;
  const { listen } = directIp;
  let iridium;
  try {
    iridium = await startIridium({ directIp }, deps);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new OperatorError(
        `The DirectIP MO port ${listen.port} on ${listen.host} is already in use; change iridium.directIp.listen.port.`,
      );
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES')
      throw new OperatorError(`Cannot listen for DirectIP MO on ${listen.host}:${listen.port} (${code}); check iridium.directIp.listen.`);
    throw error;
  }
  const running = iridium;
  cleanup.push(() => running.close());
  createLogger('iridium').info(running.describe);
  return running.moPort;
}

/** The built renderer beside the center's bundle (out/center/main.js → out/renderer). */
function defaultDeskUiRoot(): string | undefined {
  const entry = process.argv[1];
  const root = entry ? join(dirname(entry), '..', 'renderer') : undefined;
  return root && existsSync(join(root, 'index.html')) ? root : undefined;
}

/**
 * The media side: the given backend (tests pass the werift stand-in), else mediasoup as
 * planMedia decides (the `media` block, or defaults on loopback). A backend that cannot
 * start turns media off with one line saying why; the rest of the center runs.
 */
async function startMedia(
  settings: ServeSettings,
  given: MediaBackend | undefined,
  graceMs: number | undefined,
  allowed: (claim: TicketClaim) => Promise<boolean>,
): Promise<MediaStart> {
  const log = createLogger('media');
  const disconnectGraceMs = graceMs ?? settings.media?.disconnectGraceMs ?? 30_000;
  if (given) {
    const media = new MediaSignaling({ backend: given, log, disconnectGraceMs, allowed });
    return { media, code: 'stand-in', offReason: undefined, onLine: `${given.name} (a test stand-in, never for production)` };
  }
  const plan = planMedia({
    media: settings.media,
    host: settings.host,
    loopback: isLoopback(settings.host),
    mediasoup: await probeMediasoup(),
  });
  if (!plan.run)
    return {
      media: undefined,
      code: plan.code,
      offReason: plan.why,
      failed: plan.code === 'mediasoup-missing' && settings.media !== undefined,
    };
  try {
    const backend = await createMediasoupBackend(plan.run, log);
    return {
      media: new MediaSignaling({ backend, log, disconnectGraceMs: graceMs ?? plan.run.disconnectGraceMs, allowed }),
      code: plan.code,
      offReason: undefined,
      onLine: `${backend.name}, WebRTC ports ${plan.run.rtcMinPort}–${plan.run.rtcMaxPort}, ${plan.why}`,
    };
  } catch (error) {
    return {
      media: undefined,
      code: 'start-failed',
      offReason: `the media backend did not start: ${error instanceof Error ? error.message : String(error)}`,
      failed: true,
    };
  }
}

/** Live media as it started: on (and what runs it), or off and why (a failure to start what was asked for is an error, no config is not). */
type MediaStart =
  | { media: MediaSignaling; code: MediaStateCode; offReason: undefined; onLine: string }
  | { media: undefined; code: MediaStateCode; offReason: string; failed: boolean };

/** One line once the center listens: whether live media is on, and why (or why not). */
function logMediaState(start: MediaStart): void {
  const log = createLogger('media');
  if (start.media) log.info(`media is on: ${start.onLine}`);
  else if (start.failed) log.error(`media is off: ${start.offReason}`);
  else log.info(`media is off: ${start.offReason}`);
}

function listenError(error: unknown, settings: ServeSettings, what: 'HTTP' | 'UDP echo'): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const port = what === 'HTTP' ? settings.port : settings.echoPort;
  const flag = what === 'HTTP' ? '--port' : '--echo-port (0 turns it off)';
  if (code === 'EADDRINUSE')
    return new OperatorError(`The ${what} port ${port} on ${settings.host} is already in use; choose another with ${flag}.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new OperatorError(`This machine has no address ${settings.host} (${code}); check --host.`);
  if (code === 'EACCES') return new OperatorError(`Not allowed to listen on ${what} port ${port}; use a port above 1024 or ${flag}.`);
  if (what === 'HTTP' && settings.tls && /PEM|key|cert|asn1|routines/i.test((error as Error).message ?? '')) {
    return new OperatorError(
      `The TLS certificate ${settings.tls.cert} or key ${settings.tls.key} is not usable (${(error as Error).message}).`,
    );
  }
  return error;
}

/** `serve`: starts the center, prints where it listens, and closes gracefully on SIGTERM/SIGINT. */
export async function serveCommand(flags: ServeFlags, io: CliOutput): Promise<RunningCenter> {
  const center = await startCenter(resolveServeSettings(flags));
  const echo = center.echoPort === 0 ? 'UDP echo off' : `UDP echo on ${center.echoPort}`;
  const directIp = center.directIpPort === 0 ? '' : ` · DirectIP MO on ${center.directIpPort}`;
  io.out(`MCV center listening on ${center.url} · ${echo} · data ${center.settings.dataDir}${directIp}`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      io.err(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    io.out(`${signal}: closing`);
    center.close().then(
      () => process.exit(0),
      (error: unknown) => {
        io.err(`closing failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // A promise nobody awaited must not take the whole center down; it is a bug to log.
  process.on('unhandledRejection', (reason) => createLogger('center').error('unhandled rejection', reason));
  return center;
}
