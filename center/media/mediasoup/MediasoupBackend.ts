import { existsSync } from 'node:fs';
import type * as Mediasoup from 'mediasoup';
import type { MediaConfig } from '../../../protocol/config/centerConfig';
import type { Logger } from '../../../platform/log/logger';
import type { MediaBackend, MediaRouter } from '../MediaBackend';
import { attempt, MediaUnavailableError, reasonOf } from './errors';
import { routerMediaCodecs } from './mediaCodecs';
import { MediasoupRouter } from './MediasoupRouter';
import { workerSettings } from './settings';
import { closeWorker, WorkerPool } from './WorkerPool';

/** The part of the `mediasoup` package the backend uses. */
export type MediasoupModule = Pick<typeof Mediasoup, 'createWorker' | 'version' | 'workerBin' | 'setLogEventListeners'>;

/** What an operator does when media is off because of mediasoup; the start of docs/media.md's deployment section. */
export const MEDIASOUP_HOWTO =
  'Install mediasoup with its worker: `npm install` fetches or builds the worker (mediasoup 3.32 needs Node 22+; the project runs on 24), ' +
  'or build mediasoup-worker (python3, make, g++) and set MEDIASOUP_WORKER_BIN to it. See docs/media.md, "Deploying the center with mediasoup".';

/**
 * The production media backend: `config.workers` mediasoup workers, one router per room
 * (round-robin over the workers), WebRTC transports as `media` configures them.
 *
 * mediasoup is an optional dependency whose worker is a native binary; it is loaded here,
 * on demand, so that the center starts without it. Rejects with `MediaUnavailableError`
 * (its message says why and what to do) when the package is missing or a worker does not
 * start; the caller then runs without media.
 */
export async function createMediasoupBackend(config: MediaConfig, log: Logger): Promise<MediaBackend> {
  let mediasoup: MediasoupModule;
  try {
    mediasoup = await import('mediasoup');
  } catch (error) {
    throw new MediaUnavailableError(`the mediasoup package cannot be loaded (${reasonOf(error)}). ${MEDIASOUP_HOWTO}`, { cause: error });
  }
  return MediasoupBackend.start(mediasoup, config, log);
}

export class MediasoupBackend implements MediaBackend {
  readonly name = 'mediasoup';
  readonly simulcast = true;
  readonly version: string;
  readonly #pool: WorkerPool;
  readonly #config: MediaConfig;
  readonly #log: Logger;
  readonly #routers = new Set<MediasoupRouter>();
  #closed = false;

  private constructor(version: string, pool: WorkerPool, config: MediaConfig, log: Logger) {
    this.version = version;
    this.#pool = pool;
    this.#config = config;
    this.#log = log;
  }

  /** Starts every worker (all or none) and returns the backend. */
  static async start(mediasoup: MediasoupModule, config: MediaConfig, log: Logger): Promise<MediasoupBackend> {
    const create = () => mediasoup.createWorker(workerSettings(config));
    const started = await Promise.allSettled(Array.from({ length: config.workers }, create));
    const workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) {
      await Promise.all(workers.map((worker) => closeWorker(worker, log)));
      throw workerStartError(mediasoup, failed.reason);
    }
    // From here on mediasoup's own warnings and errors go to our log. Not before: a worker
    // that fails to start is said once, by workerStartError, not also by mediasoup's lines.
    mediasoup.setLogEventListeners({
      onwarn: (namespace, text) => log.warn(`${namespace} ${text}`),
      onerror: (namespace, text, error) => log.error(`${namespace} ${text}${error ? `: ${error.message}` : ''}`),
    });
    log.info(
      `mediasoup ${mediasoup.version}: ${workers.length} worker(s) (pid ${workers.map((w) => w.pid).join(', ')}), RTC ports ${config.listenIp}:${config.rtcMinPort}-${config.rtcMaxPort} UDP+TCP${config.announcedAddress ? `, announced as ${config.announcedAddress}` : ''}`,
    );
    return new MediasoupBackend(mediasoup.version, new WorkerPool(workers, create, log), config, log);
  }

  /** Workers that run now. */
  get workerCount(): number {
    return this.#pool.live.length;
  }

  async createRouter(roomId: string): Promise<MediaRouter> {
    const worker = await attempt(`room ${roomId}: createRouter`, () => this.#pool.pick());
    const router = await attempt(`room ${roomId}: createRouter on worker ${worker.pid}`, () =>
      worker.createRouter({ mediaCodecs: routerMediaCodecs(this.#config.initialAvailableOutgoingBitrate / 1000), appData: { roomId } }),
    );
    const wrapped = new MediasoupRouter(router, roomId, this.#config, this.#log);
    this.#routers.add(wrapped);
    router.observer.once('close', () => this.#routers.delete(wrapped));
    this.#log.debug(`room ${roomId}: router ${router.id} on worker ${worker.pid}`);
    return wrapped;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const router of this.#routers) router.close();
    this.#routers.clear();
    await this.#pool.close();
    this.#log.debug('closed');
  }
}

function workerStartError(mediasoup: MediasoupModule, error: unknown): MediaUnavailableError {
  const bin = mediasoup.workerBin;
  if (!existsSync(bin)) {
    return new MediaUnavailableError(
      `mediasoup ${mediasoup.version} is installed without its worker binary (${bin} does not exist). ${MEDIASOUP_HOWTO}`,
      { cause: error },
    );
  }
  return new MediaUnavailableError(
    `the mediasoup worker ${bin} did not start (${reasonOf(error)}). Check the media block of the center config (a port range that is free) and that the worker was built for this machine and mediasoup ${mediasoup.version}; see docs/media.md.`,
    { cause: error },
  );
}
