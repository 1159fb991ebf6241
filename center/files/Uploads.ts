import type { Readable } from 'node:stream';
import type { AttachmentCreate, AttachmentState } from '../../protocol/sync/attachments';
import type { Logger } from '../../platform/log/logger';
import type { CenterStore, UploadRecord } from '../store/CenterStore';
import { StoreFullError } from '../store/errors';
import type { AttachmentFiles } from './AttachmentFiles';
import { UploadError } from './UploadError';
import { UploadSink, type UploadSinkOptions } from './UploadSink';

export interface UploadsOptions {
  store: CenterStore;
  files: AttachmentFiles;
  maxAttachmentBytes: number;
  log: Logger;
  sink?: UploadSinkOptions;
}

/**
 * Resumable attachment uploads (tus-like): create, where-do-we-stand, append from the
 * center's offset, and the SHA-256 check at the end. One request at a time writes an
 * upload; a newer PATCH for the same upload stops the older one (its durable bytes
 * are kept) instead of waiting for the older connection to time out.
 */
export class Uploads {
  readonly #store: CenterStore;
  readonly #files: AttachmentFiles;
  readonly #maxBytes: number;
  readonly #log: Logger;
  readonly #sinkOptions: UploadSinkOptions;
  /** Per upload: the tail of its queue of PATCHes, and the sink writing now. */
  readonly #tails = new Map<string, Promise<void>>();
  readonly #sinks = new Map<string, UploadSink>();

  constructor(options: UploadsOptions) {
    this.#store = options.store;
    this.#files = options.files;
    this.#maxBytes = options.maxAttachmentBytes;
    this.#log = options.log;
    this.#sinkOptions = options.sink ?? {};
  }

  /**
   * After a restart (or a crash): make every unfinished upload's file agree with its
   * recorded offset, and finish uploads whose last step was interrupted.
   */
  async recover(): Promise<void> {
    for (const upload of await this.#store.incompleteUploads()) {
      const { vehicleId, attachmentId } = upload;
      if ((await this.#files.finalSize(vehicleId, attachmentId)) === upload.size) {
        // Renamed after the hash matched, but not yet marked complete.
        await this.#store.completeUpload(vehicleId, attachmentId, Date.now());
        continue;
      }
      const partSize = await this.#files.partSize(vehicleId, attachmentId);
      if (partSize === undefined) {
        await this.#files.prepare(vehicleId, attachmentId);
        if (upload.offset !== 0) await this.#store.setUploadOffset(vehicleId, attachmentId, 0);
        this.#log.warn(`attachment ${vehicleId}/${attachmentId}: its file was missing; the upload starts again`);
      } else if (partSize > upload.offset) {
        await this.#files.truncate(vehicleId, attachmentId, upload.offset);
        this.#log.info(
          `attachment ${vehicleId}/${attachmentId}: cut ${partSize - upload.offset} unconfirmed bytes; resumes at ${upload.offset}`,
        );
      } else if (partSize < upload.offset) {
        await this.#store.setUploadOffset(vehicleId, attachmentId, partSize);
        this.#log.warn(`attachment ${vehicleId}/${attachmentId}: file shorter than recorded; resumes at ${partSize}`);
      } else if (upload.offset === upload.size) {
        await this.#finish(upload).catch((error: unknown) =>
          this.#log.warn(`attachment ${vehicleId}/${attachmentId}: ${(error as Error).message}`),
        );
      }
    }
  }

  async create(vehicleId: string, create: AttachmentCreate): Promise<{ state: AttachmentState; created: boolean }> {
    if (create.size > this.#maxBytes)
      throw new UploadError('too-large', `attachment of ${create.size} bytes is over this center's limit of ${this.#maxBytes}`);
    const existing = await this.#store.getUpload(vehicleId, create.attachmentId);
    if (existing) return { state: this.#sameOrConflict(existing, create), created: false };
    await this.#files.prepare(vehicleId, create.attachmentId);
    const stored = await this.#store.createUpload({ vehicleId, ...create, createdAt: Date.now() });
    const state = this.#sameOrConflict(stored, create);
    if (stored.size === 0 && stored.completedAt === null) return { state: await this.#finish(stored), created: true };
    return { state, created: true };
  }

  async state(vehicleId: string, attachmentId: string): Promise<AttachmentState | undefined> {
    const upload = await this.#store.getUpload(vehicleId, attachmentId);
    return upload ? stateOf(upload) : undefined;
  }

  /** Appends `body` at `claimedOffset`, which must be the center's offset. */
  async patch(
    vehicleId: string,
    attachmentId: string,
    claimedOffset: number,
    body: Readable,
    declaredLength: number | undefined,
  ): Promise<AttachmentState> {
    const key = `${vehicleId}/${attachmentId}`;
    const previous = this.#tails.get(key) ?? Promise.resolve();
    this.#sinks.get(key)?.abort();
    let release!: () => void;
    const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.#tails.set(key, tail);
    await previous;
    try {
      return await this.#append(key, vehicleId, attachmentId, claimedOffset, body, declaredLength);
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Stops every upload in progress (shutdown); their durable bytes are recorded. */
  async closeAll(): Promise<void> {
    for (const sink of this.#sinks.values()) sink.abort();
    await Promise.all([...this.#tails.values()]);
  }

  async #append(
    key: string,
    vehicleId: string,
    attachmentId: string,
    claimedOffset: number,
    body: Readable,
    declaredLength: number | undefined,
  ): Promise<AttachmentState> {
    const upload = await this.#store.getUpload(vehicleId, attachmentId);
    if (!upload) throw new UploadError('not-found', `no upload ${attachmentId}; create it first`);
    if (upload.completedAt !== null) {
      if (claimedOffset === upload.size) return stateOf(upload);
      throw new UploadError('offset-mismatch', `the upload is complete at ${upload.size} bytes`, upload.size);
    }
    if (claimedOffset !== upload.offset)
      throw new UploadError('offset-mismatch', `the center holds ${upload.offset} bytes; continue from there`, upload.offset);
    if (declaredLength !== undefined && upload.offset + declaredLength > upload.size) {
      throw new UploadError(
        'beyond-length',
        `${declaredLength} bytes from offset ${upload.offset} go past the declared size of ${upload.size}`,
      );
    }
    const sink = await this.#openSink(upload);
    this.#sinks.set(key, sink);
    let result;
    try {
      result = await sink.consume(body, upload.size);
    } finally {
      this.#sinks.delete(key);
    }
    const state: UploadRecord = { ...upload, offset: result.offset };
    if (result.end === 'disk-full') throw new StoreFullError(this.#files.root, result.error);
    if (result.end === 'failed') throw result.error;
    if (result.end === 'interrupted') {
      this.#log.debug(
        `attachment ${key}: body ended early at ${result.offset} bytes (${(result.error as Error | undefined)?.message ?? 'cut'})`,
      );
      throw new UploadError('malformed', `the body was cut off; the center holds ${result.offset} bytes`);
    }
    if (result.end === 'beyond')
      throw new UploadError('beyond-length', `the body goes past the declared size of ${upload.size}; bytes up to it were kept`);
    return state.offset === state.size ? this.#finish(state) : stateOf(state);
  }

  async #openSink(upload: UploadRecord): Promise<UploadSink> {
    const { vehicleId, attachmentId } = upload;
    const checkpoint = (offset: number) => this.#store.setUploadOffset(vehicleId, attachmentId, offset);
    try {
      return await UploadSink.open(this.#files.partPath(vehicleId, attachmentId), upload.offset, checkpoint, this.#sinkOptions);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await this.#files.prepare(vehicleId, attachmentId);
      return UploadSink.open(this.#files.partPath(vehicleId, attachmentId), upload.offset, checkpoint, this.#sinkOptions);
    }
  }

  /** All bytes are in: check the SHA-256; keep the file, or start the upload over. */
  async #finish(upload: UploadRecord): Promise<AttachmentState> {
    const { vehicleId, attachmentId } = upload;
    const actual = await this.#files.hashPart(vehicleId, attachmentId);
    if (actual !== upload.sha256) {
      await this.#files.truncate(vehicleId, attachmentId, 0);
      await this.#store.setUploadOffset(vehicleId, attachmentId, 0);
      throw new UploadError(
        'checksum-mismatch',
        `the ${upload.size} bytes received hash to ${actual}, not the announced ${upload.sha256}; the upload starts again from 0`,
      );
    }
    await this.#files.promote(vehicleId, attachmentId);
    await this.#store.completeUpload(vehicleId, attachmentId, Date.now());
    return { attachmentId, offset: upload.size, size: upload.size, complete: true };
  }

  #sameOrConflict(existing: UploadRecord, create: AttachmentCreate): AttachmentState {
    if (existing.size !== create.size || existing.sha256 !== create.sha256) {
      throw new UploadError('conflict', `attachment ${create.attachmentId} was created with another size or SHA-256`);
    }
    return stateOf(existing);
  }
}

function stateOf(upload: UploadRecord): AttachmentState {
  return { attachmentId: upload.attachmentId, offset: upload.offset, size: upload.size, complete: upload.completedAt !== null };
}
