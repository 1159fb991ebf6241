import { join } from 'node:path';
import type { SendingNow } from '../../../protocol/api/syncStatus';
import type { LinkPolicy } from '../../../protocol/links/policy';
import { Priority } from '../../../protocol/sync/items';
import { attachmentEntry, setAttachmentProgress, type AttachmentEntry } from '../store/attachmentsRepo';
import { dueOutbox } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import { AttachmentUpload } from './AttachmentUpload';
import type { CenterRequestError } from './CenterRequestError';
import type { LinkRoute } from './linkRoute';
import { sortUploadFailure } from './RefusalTriage';
import type { SyncCenter } from './SyncCenter';
import { trafficClassOf } from '../../../protocol/sync/trafficClass';

export interface UploadLaneOptions {
  client: SyncCenter;
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

  /**
   * Starts the most urgent due file the center does not hold whole yet, among the
   * priorities `routeOf` has a link for, unless one is running. True if one started.
   * Throws what the store throws.
   */
  startDue(now: number, routeOf: (priority: Priority) => LinkRoute | undefined): boolean {
    if (this.#running) return false;
    const db = this.#options.store.db;
    const routable = Priority.options.filter((p) => routeOf(p) !== undefined);
    for (const entry of dueOutbox(db, now, 1000, routable, 'attachment')) {
      const attachment = attachmentEntry(db, entry.attachmentId ?? '');
      const link = routeOf(entry.priority);
      if (!attachment || attachment.complete || !link) continue;
      this.#start(entry.seq, entry.priority, attachment, link);
      return true;
    }
    return false;
  }

  #start(seq: number, priority: Priority, attachment: AttachmentEntry, link: LinkRoute): void {
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
          const failure = sortUploadFailure(error);
          if (failure.kind === 'refused') this.#options.onRefused(failure.error, seq);
          else if (failure.kind === 'failed') this.#options.onFailed(error, link, seq);
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
    return {
      kind: 'attachment',
      linkId: running.link.linkId,
      linkName: running.link.linkName,
      count: 1,
      bytes: a.size,
      sent: running.upload.sent,
      name: a.name,
      priority: running.priority,
    };
  }

  /** Stops the running upload and resolves once it has ended. */
  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    running.upload.stop();
    await running.ended;
  }
}
