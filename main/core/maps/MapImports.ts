import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { ChunkOrderError } from '../ops/RecordingService';
import { NotFoundError } from '../ops/MessageService';
import { ConflictError } from '../ops/orderSteps';
import { storeError } from '../store/StoreError';

/** An import in progress: a temp file filled in chunk order. */
export interface OpenImport {
  id: string;
  /** The picked file's name, for messages. */
  name: string;
  size: number;
  path: string;
  fd: number;
  nextSeq: number;
  bytes: number;
}

/**
 * Copies of picked MBTiles files arriving in chunks, into `<maps>/.import/` (so the rename
 * into the maps folder is atomic, on one file system). A chunk repeated is taken once; one
 * out of order or past the announced size is refused. Leftovers of a crash are deleted at start.
 */
export class MapImports {
  readonly #dir: string;
  readonly #open = new Map<string, OpenImport>();

  constructor(mapsDir: string) {
    this.#dir = join(mapsDir, '.import');
    mkdirSync(this.#dir, { recursive: true });
    for (const name of readdirSync(this.#dir)) rmSync(join(this.#dir, name), { force: true });
  }

  start(name: string, size: number): OpenImport {
    const id = uuidv7();
    const path = join(this.#dir, `${id}.part`);
    try {
      const fd = openSync(path, 'wx');
      const open = { id, name: basename(name), size, path, fd, nextSeq: 0, bytes: 0 };
      this.#open.set(id, open);
      return open;
    } catch (error) {
      throw storeError(error, path);
    }
  }

  append(id: string, seq: number, data: Buffer): { bytes: number } {
    const open = this.get(id);
    if (seq < open.nextSeq) return { bytes: open.bytes };
    if (seq > open.nextSeq) throw new ChunkOrderError(`import of ${open.name}: chunk ${seq} arrived but ${open.nextSeq} is next`);
    if (open.bytes + data.length > open.size) {
      throw new ConflictError(`import of ${open.name}: more bytes than the ${open.size} announced`);
    }
    try {
      for (let at = 0; at < data.length;) at += writeSync(open.fd, data, at, data.length - at);
    } catch (error) {
      throw storeError(error, open.path);
    }
    open.nextSeq++;
    open.bytes += data.length;
    return { bytes: open.bytes };
  }

  /** Closes the temp file, on disk, and hands it over (the caller renames or deletes it). */
  close(id: string): OpenImport {
    const open = this.get(id);
    this.#open.delete(id);
    try {
      fsyncSync(open.fd);
    } finally {
      closeSync(open.fd);
    }
    return open;
  }

  /** Drops an import and its temp file; false when there was none. */
  cancel(id: string): boolean {
    const open = this.#open.get(id);
    if (!open) return false;
    this.#open.delete(id);
    closeSync(open.fd);
    rmSync(open.path, { force: true });
    return true;
  }

  get(id: string): OpenImport {
    const open = this.#open.get(id);
    if (!open) throw new NotFoundError(`no map import ${id} in progress (finished, cancelled, or the console restarted)`);
    return open;
  }

  closeAll(): void {
    for (const id of [...this.#open.keys()]) this.cancel(id);
  }
}
