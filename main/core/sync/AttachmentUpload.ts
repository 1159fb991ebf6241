import { createReadStream } from 'node:fs';
import type { AttachmentState } from '../../../protocol/sync/attachments';
import type { AttachmentEntry } from '../store/attachmentsRepo';
import type { CenterRoute, RequestLimits } from './CenterClient';
import { CenterRequestError } from './CenterRequestError';
import { requestLimits } from './linkRoute';
import { Pacer } from './Pacer';
import type { SyncCenter } from './SyncCenter';

export interface UploadOptions {
  client: SyncCenter;
  route: CenterRoute;
  linkId: string;
  attachment: AttachmentEntry;
  /** Where the file's bytes are. */
  path: string;
  budgetKbps: number;
  /** Round-trip estimate of the link, ms, for the timeouts. */
  latencyMs: number;
  /** Told each time the center confirms an offset (to persist it). */
  onConfirmed: (state: AttachmentState) => void;
}

/**
 * One attachment on its way: asks the center where it stands (create is idempotent and
 * answers the center's offset), then streams the rest in one request paced at the
 * link's bulk budget. The center keeps whatever arrived, so after a cut, a stall, or a
 * restart of either side the next run starts from the center's offset. Holds still
 * while an urgent exchange is in flight; can be stopped at any moment.
 */
export class AttachmentUpload {
  readonly linkId: string;
  readonly attachment: AttachmentEntry;
  readonly #options: UploadOptions;
  readonly #abort = new AbortController();
  #pacer: Pacer | undefined;
  #startOffset = 0;
  #held = false;
  #budgetKbps: number;

  constructor(options: UploadOptions) {
    this.#options = options;
    this.linkId = options.linkId;
    this.attachment = options.attachment;
    this.#budgetKbps = options.budgetKbps;
  }

  /** Bytes the center holds plus bytes sent in the request under way. */
  get sent(): number {
    return Math.min(this.attachment.size, this.#startOffset + (this.#pacer?.passed ?? 0));
  }

  hold(held: boolean): void {
    this.#held = held;
    this.#pacer?.hold(held);
  }

  setBudget(kbps: number): void {
    this.#budgetKbps = kbps;
    this.#pacer?.setRate(kbps);
  }

  stop(): void {
    this.#abort.abort();
  }

  /** Runs until the center holds the whole file (resolves its state) or a failure (throws CenterRequestError). */
  async run(): Promise<AttachmentState> {
    const { client, route, attachment } = this.#options;
    const create = {
      attachmentId: attachment.id,
      size: attachment.size,
      sha256: attachment.sha256,
      name: attachment.name,
      mime: attachment.mime,
    };
    for (let round = 0; round < 3; round++) {
      const state = await client.createAttachment(route, create, this.#limits(0), this.#abort.signal);
      this.#options.onConfirmed(state);
      if (state.complete) return state;
      this.#startOffset = state.offset;
      const pacer = new Pacer(this.#budgetKbps);
      pacer.hold(this.#held);
      this.#pacer = pacer;
      const file = createReadStream(this.#options.path, { start: state.offset, highWaterMark: 16 * 1024 });
      file.on('error', (error) => pacer.destroy(error));
      file.pipe(pacer);
      try {
        const after = await client.patchAttachment(
          route,
          attachment.id,
          state.offset,
          pacer,
          this.#limits(attachment.size - state.offset),
          this.#abort.signal,
        );
        this.#options.onConfirmed(after);
        if (after.complete) return after;
        // The request went through with all the file had: the copy here is shorter than when it was added.
        throw new CenterRequestError(
          'refused',
          'local-file',
          `the file here is shorter than its recorded ${attachment.size} bytes (the center holds ${after.offset})`,
        );
      } catch (error) {
        // The center moved on (another run got further): ask again where it stands.
        if (error instanceof CenterRequestError && error.code === 'offset-mismatch') continue;
        throw error;
      } finally {
        file.destroy();
        this.#startOffset += pacer.passed;
        this.#pacer = undefined;
      }
    }
    throw new CenterRequestError('transient', 'offset-mismatch', 'the center moved the upload offset three times in a row');
  }

  #limits(bytes: number): RequestLimits {
    return requestLimits({ budgetKbps: this.#budgetKbps, latencyMs: this.#options.latencyMs }, bytes);
  }
}
