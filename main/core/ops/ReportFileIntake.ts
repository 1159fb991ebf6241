import { createHash, type Hash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { StagedFileView } from '../../../protocol/api/incidents';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { createLogger } from '../../../platform/log/logger';
import { attachmentEntry } from '../store/attachmentsRepo';
import { reportFile, stageReportFile } from '../store/reportWrites';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import { NotFoundError } from './MessageService';
import { makePhotoThumbnail } from './photoThumbnail';
import { ChunkOrderError } from './RecordingService';

const log = createLogger('report-files');

/** A file the renderer is sending, chunk by chunk. */
interface Open {
  fd: number;
  path: string;
  name: string;
  mime: string;
  size: number;
  nextSeq: number;
  bytes: number;
  hash: Hash;
}

/** Files this small are shown as they are when they have no thumbnail. */
const PREVIEW_MAX_BYTES = 64 * 1024;

/**
 * Files for reports from the renderer (file picker, drag and drop, a camera still): taken in
 * chunks in order (a repeat is taken once), hashed on the way, forced to disk, then moved
 * untouched into the attachments folder. A photo gets its thumbnail (upright, ≤ 12 KB) and
 * its EXIF position. Both are recorded as staged in one transaction; a report then sends them.
 */
export class ReportFileIntake {
  readonly #store: Store;
  readonly #attachmentsDir: string;
  readonly #partsDir: string;
  readonly #open = new Map<string, Open>();
  readonly #now: () => number;

  constructor(options: { store: Store; attachmentsDir: string; partsDir: string; now?: () => number }) {
    this.#store = options.store;
    this.#attachmentsDir = options.attachmentsDir;
    this.#partsDir = options.partsDir;
    this.#now = options.now ?? Date.now;
    mkdirSync(this.#attachmentsDir, { recursive: true });
    mkdirSync(this.#partsDir, { recursive: true });
    // A file cut off by a restart cannot be finished: the renderer that sent it is gone too.
    for (const name of readdirSync(this.#partsDir)) rmSync(join(this.#partsDir, name), { force: true });
  }

  start(params: { name: string; mime: string; size: number }): { id: string } {
    const id = uuidv7(this.#now());
    const path = join(this.#partsDir, `${id}.part`);
    try {
      const fd = openSync(path, 'wx');
      this.#open.set(id, { fd, path, ...params, nextSeq: 0, bytes: 0, hash: createHash('sha256') });
    } catch (error) {
      throw storeError(error, path);
    }
    return { id };
  }

  append(id: string, seq: number, data: Buffer): { bytes: number } {
    const open = this.#get(id);
    if (seq < open.nextSeq) return { bytes: open.bytes };
    if (seq > open.nextSeq) throw new ChunkOrderError(`file ${id}: chunk ${seq} arrived but ${open.nextSeq} is next`);
    if (open.bytes + data.length > open.size) {
      this.#abandon(open, id);
      throw new ChunkOrderError(`file ${id}: more than the ${open.size} bytes announced; start again`);
    }
    try {
      for (let at = 0; at < data.length;) at += writeSync(open.fd, data, at, data.length - at);
    } catch (error) {
      this.#abandon(open, id);
      throw storeError(error, open.path);
    }
    open.hash.update(data);
    open.nextSeq++;
    open.bytes += data.length;
    return { bytes: open.bytes };
  }

  /** The whole file arrived: kept untouched with its SHA-256, a thumbnail made for a photo, staged for a report. */
  async finish(id: string): Promise<StagedFileView> {
    const open = this.#get(id);
    this.#open.delete(id);
    try {
      fsyncSync(open.fd);
    } finally {
      closeSync(open.fd);
    }
    if (open.bytes !== open.size) {
      rmSync(open.path, { force: true });
      throw new ChunkOrderError(`file ${id}: ${open.bytes} of the ${open.size} bytes announced arrived; start again`);
    }
    const now = this.#now();
    const target = join(this.#attachmentsDir, id);
    const thumb = open.mime.startsWith('image/') ? await makePhotoThumbnail(open.path) : undefined;
    const thumbId = thumb ? uuidv7(now) : undefined;
    try {
      if (thumb && thumbId) {
        const thumbPath = join(this.#attachmentsDir, thumbId);
        writeFileSync(thumbPath, thumb.data);
        syncPath(thumbPath);
      }
      renameSync(open.path, target);
      syncPath(this.#attachmentsDir);
    } catch (error) {
      rmSync(open.path, { force: true });
      if (thumbId) rmSync(join(this.#attachmentsDir, thumbId), { force: true });
      throw storeError(error, target);
    }
    const sha256 = open.hash.digest('hex');
    const original = { id, name: open.name, mime: open.mime, size: open.bytes, sha256, createdAt: now };
    const thumbnail =
      thumb && thumbId
        ? {
            id: thumbId,
            name: `${open.name.replace(/\.[^.]*$/, '')}.thumb.jpg`.slice(0, 200),
            mime: 'image/jpeg',
            size: thumb.data.length,
            sha256: createHash('sha256').update(thumb.data).digest('hex'),
            createdAt: now,
          }
        : undefined;
    try {
      stageReportFile(this.#store.db, original, thumbnail, {
        width: thumb?.photoWidth ?? null,
        height: thumb?.photoHeight ?? null,
        latitude: thumb?.gps?.latitude ?? null,
        longitude: thumb?.gps?.longitude ?? null,
      });
    } catch (error) {
      rmSync(target, { force: true });
      if (thumbId) rmSync(join(this.#attachmentsDir, thumbId), { force: true });
      throw storeError(error, this.#store.file);
    }
    log.info(`staged ${open.name} (${open.bytes} bytes${thumb ? `, thumbnail ${thumb.data.length} bytes` : ''})`);
    return {
      id,
      name: open.name,
      mime: open.mime,
      size: open.bytes,
      sha256,
      thumbnail: thumb && thumbId ? { id: thumbId, size: thumb.data.length, width: thumb.width, height: thumb.height } : null,
      gps: thumb?.gps ?? null,
    };
  }

  /** What to show of a report file: its thumbnail, or the file itself when it is a small image. */
  preview(id: string): { mime: string; data: string } | null {
    const db = this.#store.db;
    const file = reportFile(db, id);
    if (!file) throw new NotFoundError(`no report file ${id}`);
    const shownId = file.thumbnailId ?? id;
    const entry = attachmentEntry(db, shownId);
    if (!entry || !entry.mime.startsWith('image/') || entry.size > PREVIEW_MAX_BYTES) return null;
    try {
      return { mime: entry.mime, data: readFileSync(join(this.#attachmentsDir, shownId)).toString('base64') };
    } catch (error) {
      log.warn(`the preview of ${id} could not be read`, error);
      return null;
    }
  }

  /** Closes what is open (the core is stopping); the parts are removed at the next start. */
  close(): void {
    for (const open of this.#open.values()) closeQuietly(open.fd);
    this.#open.clear();
  }

  #abandon(open: Open, id: string): void {
    this.#open.delete(id);
    closeQuietly(open.fd);
    rmSync(open.path, { force: true });
  }

  #get(id: string): Open {
    const open = this.#open.get(id);
    if (!open) throw new NotFoundError(`no file ${id} being sent`);
    return open;
  }
}

function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed: nothing to keep.
  }
}
