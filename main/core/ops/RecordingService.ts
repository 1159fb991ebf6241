import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AttachmentView } from '../../../protocol/api/messaging';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { storeError } from '../store/StoreError';
import { createLogger } from '../../../platform/log/logger';
import type { AttachmentService } from './AttachmentService';
import { NotFoundError } from './MessageService';
import { ConflictError } from './orderSteps';

const log = createLogger('recording');

/** A chunk out of order (one was lost on the way): the renderer must start a new recording. */
export class ChunkOrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChunkOrderError';
  }
}

/** Data is forced to disk at least this often while recording. */
const SYNC_EVERY_MS = 5000;
/** Recordings open at once: the camera and one more source; a client that starts without end gets an error, not file handles. */
export const MAX_OPEN_RECORDINGS = 2;
/** A recording with no chunk for this long was abandoned (its page closed, its socket gone): finished and queued. */
const ABANDONED_AFTER_MS = 60_000;

interface Open {
  fd: number;
  path: string;
  mime: string;
  nextSeq: number;
  bytes: number;
  syncedAt: number;
  startedAt: number;
  lastChunkAt: number;
}

/**
 * Local recordings of the vehicle's camera and microphone at full quality, written to disk
 * in the chunks the renderer's MediaRecorder makes (in order, a chunk sent twice is taken
 * once), forced to disk every few seconds, and handed to the sync engine as a `bulk`
 * attachment when finished. A recording cut off by a crash is finished at the next start:
 * what reached the disk is kept and sent.
 */
export class RecordingService {
  readonly #dir: string;
  readonly #attachments: AttachmentService;
  readonly #open = new Map<string, Open>();
  readonly #abandonedAfterMs: number;
  readonly #sweep: NodeJS.Timeout;

  constructor(options: { dir: string; attachments: AttachmentService; abandonedAfterMs?: number }) {
    this.#dir = options.dir;
    this.#attachments = options.attachments;
    this.#abandonedAfterMs = options.abandonedAfterMs ?? ABANDONED_AFTER_MS;
    mkdirSync(this.#dir, { recursive: true });
    this.#sweep = setInterval(() => void this.finishAbandoned(), Math.min(10_000, this.#abandonedAfterMs));
    this.#sweep.unref();
  }

  /** Finishes (closes and queues) recordings that got no chunk for a while: what reached the disk is kept and sent. */
  async finishAbandoned(now = Date.now()): Promise<AttachmentView[]> {
    const views: AttachmentView[] = [];
    for (const [id, open] of [...this.#open]) {
      if (now - open.lastChunkAt < this.#abandonedAfterMs) continue;
      log.info(`recording ${id} got no data for ${Math.round((now - open.lastChunkAt) / 1000)} s; closed and queued what it has`);
      views.push(await this.finish(id));
    }
    return views;
  }

  /** Recordings left by a crash, finished and queued. */
  async recover(): Promise<AttachmentView[]> {
    const views: AttachmentView[] = [];
    for (const name of readdirSync(this.#dir).filter((n) => n.endsWith('.part'))) {
      const path = join(this.#dir, name);
      if (statSync(path).size === 0) {
        rmSync(path, { force: true });
        continue;
      }
      const [, mime = 'video/webm'] = /^[^.]+\.(.+)\.part$/.exec(name.replace(/_/g, '/')) ?? [];
      views.push(await this.#queue(path, mime, statSync(path).mtimeMs));
      log.info(`a recording interrupted by a restart was kept and queued (${name})`);
    }
    return views;
  }

  start(mime: string): { id: string } {
    if (this.#open.size >= MAX_OPEN_RECORDINGS)
      throw new ConflictError(`${MAX_OPEN_RECORDINGS} recordings are open already; finish one before starting another`);
    const id = uuidv7();
    const path = join(this.#dir, `${id}.${mime.replace(/\//g, '_')}.part`);
    try {
      const fd = openSync(path, 'wx');
      const now = Date.now();
      this.#open.set(id, { fd, path, mime, nextSeq: 0, bytes: 0, syncedAt: now, startedAt: now, lastChunkAt: now });
    } catch (error) {
      throw storeError(error, path);
    }
    return { id };
  }

  append(id: string, seq: number, data: Buffer): { bytes: number } {
    const open = this.#get(id);
    if (seq < open.nextSeq) return { bytes: open.bytes };
    if (seq > open.nextSeq) throw new ChunkOrderError(`recording ${id}: chunk ${seq} arrived but ${open.nextSeq} is next`);
    try {
      for (let at = 0; at < data.length;) at += writeSync(open.fd, data, at, data.length - at);
      if (Date.now() - open.syncedAt >= SYNC_EVERY_MS) {
        fsyncSync(open.fd);
        open.syncedAt = Date.now();
      }
    } catch (error) {
      throw storeError(error, open.path);
    }
    open.nextSeq++;
    open.bytes += data.length;
    open.lastChunkAt = Date.now();
    return { bytes: open.bytes };
  }

  /** Closes the recording and queues it for the center as a bulk attachment. */
  async finish(id: string): Promise<AttachmentView> {
    const open = this.#get(id);
    this.#open.delete(id);
    try {
      fsyncSync(open.fd);
    } finally {
      closeSync(open.fd);
    }
    return this.#queue(open.path, open.mime, open.startedAt);
  }

  /** Closes what is open (the core is stopping); the next start finishes them. */
  close(): void {
    clearInterval(this.#sweep);
    for (const open of this.#open.values()) {
      try {
        fsyncSync(open.fd);
        closeSync(open.fd);
      } catch {
        // The next start finishes what is on disk.
      }
    }
    this.#open.clear();
  }

  async #queue(path: string, mime: string, startedAt: number): Promise<AttachmentView> {
    const stamp = new Date(startedAt).toISOString().replace(/[:.]/g, '-').slice(0, 19);
    const extension = mime.includes('mp4') ? 'mp4' : 'webm';
    const view = await this.#attachments.add({ sourcePath: path, name: `recording-${stamp}.${extension}`, mime, priority: 'bulk' });
    rmSync(path, { force: true });
    return view;
  }

  #get(id: string): Open {
    const open = this.#open.get(id);
    if (!open) throw new NotFoundError(`no recording ${id} in progress`);
    return open;
  }
}
