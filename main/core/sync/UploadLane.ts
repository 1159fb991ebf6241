import { join } from 'node:path';
import type { SendingNow } from '../../../protocol/api/syncStatus';
import type { LinkPolicy } from '../../../protocol/links/policy';
import type { Priority } from '../../../protocol/sync/items';
import { setAttachmentProgress, type AttachmentEntry } from '../store/attachmentsRepo';
import type { Store } from '../store/Store';
import { AttachmentUpload } from './AttachmentUpload';
import type { CenterClient } from './CenterClient';
import { CenterRequestError } from './CenterRequestError';
import type { LinkRoute } from './linkRoute';
import { trafficClassOf } from './trafficClass';

export interface UploadLaneOptions {
  client: CenterClient;
  store: Store;
  attachmentsDir: string;
  /** The upload ended (done, failed or stopped): look for more work. */
  onEnded: () => void;
  onSucceeded: (link: LinkRoute) => void;
  /** A failure to retry later. */
  onFailed: (error: unknown, link: LinkRoute, seq: number) => void;
  /** The center will never take this file as it is. */
  onRefused: (error: CenterRequestError, seq: number) => void;
}

interface Running {
  upload: AttachmentUpload;
  /** Settles when the upload's run has ended and its last write is done. */
  ended: Promise<void>;
  seq: number;
  priority: Priority;
  link: LinkRoute;
}

/**
 * The lane beside the exchanges where files go, one at a time: a second file waits for
 * the first, and an urgent exchange makes the running upload hold still.
 */
export class UploadLane {
  readonly #options: UploadLaneOptions;
  #running: Running | undefined;

  constructor(options: UploadLaneOptions) {
    this.#options = options;
  }

  get busy(): boolean {
    return this.#running !== undefined;
  }

  start(seq: number, priority: Priority, attachment: AttachmentEntry, link: LinkRoute): void {
    if (this.#running) return;
    const db = this.#options.store.db;
    const upload = new AttachmentUpload({
      client: this.#options.client,
      route: link.route,
      linkId: link.linkId,
      attachment,
      path: join(this.#options.attachmentsDir, attachment.id),
      budgetKbps: link.budgetKbps,
      latencyMs: link.latencyMs,
      onConfirmed: (state) => setAttachmentProgress(db, attachment.id, state.offset, state.complete),
    });
    const ended = upload
      .run()
      .then(
        () => this.#options.onSucceeded(link),
        (error: unknown) => {
          if (error instanceof CenterRequestError && error.kind === 'refused' && error.code !== 'offset-mismatch') this.#options.onRefused(error, seq);
          else if (!(error instanceof CenterRequestError && error.message === 'cancelled')) this.#options.onFailed(error, link, seq);
        },
      )
      .finally(() => {
        if (this.#running?.upload === upload) this.#running = undefined;
        this.#options.onEnded();
      });
    this.#running = { upload, seq, priority, link, ended };
  }

  hold(held: boolean): void {
    this.#running?.upload.hold(held);
  }

  /** The policy moved bulk elsewhere (or held it): stop here; the center keeps what it got. */
  onPolicy(policy: LinkPolicy): void {
    const running = this.#running;
    if (!running) return;
    const decision = policy.decisions.find((d) => d.trafficClass === trafficClassOf(running.priority));
    if (!decision || decision.linkId !== running.link.linkId) running.upload.stop();
    else running.upload.setBudget(decision.budgetKbps);
  }

  view(): SendingNow | undefined {
    const running = this.#running;
    if (!running) return undefined;
    const a = running.upload.attachment;
    return { kind: 'attachment', linkId: running.link.linkId, linkName: running.link.linkName, count: 1, bytes: a.size, sent: running.upload.sent, name: a.name, priority: running.priority };
  }

  /** Stops the running upload and resolves once it has ended. */
  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    running.upload.stop();
    await running.ended;
  }
}
