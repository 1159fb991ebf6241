import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  fsyncSync,
  mkdirSync,
  openSync,
  closeSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { AttachmentView } from '../../../protocol/api/messaging';
import { MAX_ATTACHMENT_BYTES } from '../../../protocol/sync/attachments';
import type { AttachmentBody, Priority } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { attachmentEntry, attachmentIds, insertAttachment, toAttachmentView } from '../store/attachmentsRepo';
import { enqueueOutbox } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import { estimateWireBytes } from '../sync/outboxItem';
import { createLogger } from '../../../platform/log/logger';

const log = createLogger('attachments');

export interface AddAttachment {
  /** The file to send; it is copied into the data directory first. */
  sourcePath: string;
  name?: string;
  mime?: string;
  priority?: Priority;
}

/**
 * Files for the center (photos, clips, recordings): copied into the data directory with
 * their SHA-256 and made durable before the record and its outbox item are written in
 * one transaction, so the outbox never points at a file that is not there.
 */
export class AttachmentService {
  readonly #store: Store;
  readonly #dir: string;
  readonly #onOutbox: () => void;

  constructor(options: { store: Store; dir: string; onOutbox: () => void }) {
    this.#store = options.store;
    this.#dir = options.dir;
    this.#onOutbox = options.onOutbox;
    mkdirSync(this.#dir, { recursive: true });
    this.#removeOrphans();
  }

  get dir(): string {
    return this.#dir;
  }

  async add(request: AddAttachment): Promise<AttachmentView> {
    const size = statSync(request.sourcePath).size;
    if (size > MAX_ATTACHMENT_BYTES)
      throw new RangeError(`${request.sourcePath} is ${size} bytes, over the ${MAX_ATTACHMENT_BYTES}-byte limit`);
    const id = uuidv7();
    const part = join(this.#dir, `${id}.part`);
    const hash = createHash('sha256');
    let copied = 0;
    try {
      await pipeline(
        createReadStream(request.sourcePath),
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            hash.update(chunk);
            copied += chunk.length;
            callback(null, chunk);
          },
        }),
        createWriteStream(part),
      );
      syncFile(part);
      renameSync(part, join(this.#dir, id));
      syncFile(this.#dir);
    } catch (error) {
      rmSync(part, { force: true });
      throw storeError(error, part);
    }
    const now = Date.now();
    const body: AttachmentBody = {
      attachmentId: id,
      name: (request.name ?? basename(request.sourcePath)).slice(0, 200) || 'file',
      mime: request.mime ?? 'application/octet-stream',
      size: copied,
      sha256: hash.digest('hex'),
    };
    const priority = request.priority ?? 'bulk';
    const db = this.#store.db;
    try {
      db.transaction(() => {
        insertAttachment(db, { id, name: body.name, mime: body.mime, size: body.size, sha256: body.sha256, createdAt: now });
        const itemId = uuidv7(now);
        enqueueOutbox(db, {
          id: itemId,
          kind: 'attachment',
          priority,
          createdAt: now,
          body,
          bytes: copied + estimateWireBytes({ kind: 'attachment', id: itemId, priority, createdAt: now, body }),
          attachmentId: id,
        });
      }).immediate();
    } catch (error) {
      rmSync(join(this.#dir, id), { force: true });
      throw storeError(error, this.#store.file);
    }
    this.#onOutbox();
    return toAttachmentView(attachmentEntry(db, id)!);
  }

  /** A crash between copying a file and recording it leaves a file nobody points at. */
  #removeOrphans(): void {
    try {
      const known = attachmentIds(this.#store.db);
      for (const name of readdirSync(this.#dir)) {
        if (!known.has(name)) {
          rmSync(join(this.#dir, name), { force: true });
          log.info(`removed ${name}: a copy interrupted before it was recorded`);
        }
      }
    } catch (error) {
      log.warn(`could not tidy ${this.#dir}`, error);
    }
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
