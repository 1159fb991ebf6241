import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { SendingNow, SyncState, SyncStatus } from '../../../protocol/api/syncStatus';
import type { SyncConfig } from '../../../protocol/config/consoleConfig';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { LinkPolicy, TrafficClass } from '../../../protocol/links/policy';
import { decodeItem, WireError } from '../../../protocol/sync/codec';
import { parseToken } from '../../../protocol/sync/credentials';
import type { ExchangeResponse, LinkSummary } from '../../../protocol/sync/exchange';
import { DOWNLINK_KINDS, PRIORITY_RANK, type Priority, type SyncItem } from '../../../protocol/sync/items';
import { SafeEmitter } from '../../../native/util/SafeEmitter';
import { attachmentEntry } from '../store/attachmentsRepo';
import { applyExchangeOutcome } from '../store/exchangeOutcome';
import { messagesForSeqs } from '../store/messagesRepo';
import { clearDeferrals, dueOutbox, nextDeferredAt, parkedOutbox, parkOutbox, queueCounts, recordAttempt, requeueParked, type OutboxEntry } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import { StoreError } from '../store/StoreError';
import { adoptSyncVehicle, lastContact, syncVehicle, type SyncVehicleState } from '../store/syncStateRepo';
import { createLogger } from '../util/logger';
import { CenterClient } from './CenterClient';
import { CenterRequestError } from './CenterRequestError';
import { encodeOutboxEntry } from './outboxItem';
import { buildSyncStatus } from './syncStatusView';
import { requestLimits, routeFor, type LinkRoute } from './linkRoute';
import { RetryState } from './RetryState';
import { trafficClassOf } from './trafficClass';
import { UploadLane } from './UploadLane';

const log = createLogger('sync');

/** Items an exchange carries at most, and seconds of the link's budget its body may take. */
const MAX_BATCH_ITEMS = 200;
const BATCH_SECONDS = 4;
const MIN_BATCH_BYTES = 4 * 1024;
const MAX_BATCH_BYTES = 512 * 1024;
/** An item the center deferred (its file not there yet) is tried again after this. */
const DEFER_MS = 5_000;
/** Link summaries go with an exchange when they changed, or this often. */
const LINKS_EVERY_MS = 5 * 60_000;

export interface SyncEngineOptions {
  store: Store;
  /** Where attachment files are kept (`<data dir>/attachments`). */
  attachmentsDir: string;
  config: SyncConfig | undefined;
  policy: () => LinkPolicy;
  links: () => readonly LinkStatus[];
  /** The local address of a link's interface, if configured. */
  bindAddress: (linkId: string) => string | undefined;
  now?: () => number;
  random?: () => number;
}

export interface SyncEngineEvents {
  status: [status: SyncStatus];
  messages: [messages: MessageView[]];
  inbox: [items: InboxItemView[]];
}

/**
 * Store-and-forward to the center. Sends the outbox most urgent first over the link the
 * policy gives each item's class, one exchange at a time, and acknowledges the downlink
 * in the same exchanges; attachments upload beside it, one at a time, paced at the bulk
 * budget and held still while an urgent exchange is in flight, so a flash message never
 * waits behind a file. Items become delivered only when the center says it holds them;
 * a failed try backs off per link with jitter, and a link coming up (a policy change)
 * retries at once. Everything it knows survives a crash in the store.
 */
export class SyncEngine extends SafeEmitter<SyncEngineEvents> {
  readonly #options: SyncEngineOptions;
  readonly #config: SyncConfig | undefined;
  readonly #vehicleId: string | undefined;
  readonly #client: CenterClient | undefined;
  readonly #now: () => number;
  #vehicle: SyncVehicleState | undefined;
  readonly #retry: RetryState;
  #exchange: SendingNow | undefined;
  /** Stops the exchange in flight when the policy takes its class off its link (a stalled link going down). */
  #exchangeAbort: { controller: AbortController; trafficClass: TrafficClass; linkId: string } | undefined;
  readonly #uploads: UploadLane | undefined;
  #pumping = false;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #statusTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #lastExchangeAt = 0;
  #followUp = false;
  #linksSent = { signature: '', at: 0 };
  #batchLimit = MAX_BATCH_ITEMS;

  constructor(options: SyncEngineOptions) {
    super();
    this.#options = options;
    this.#config = options.config;
    this.#now = options.now ?? Date.now;
    this.#retry = new RetryState(this.#now, options.random ?? Math.random);
    this.#vehicleId = options.config ? parseToken(options.config.token)?.id : undefined;
    this.#client = options.config ? new CenterClient(options.config.token) : undefined;
    this.#uploads = this.#client
      ? new UploadLane({
          client: this.#client,
          store: options.store,
          attachmentsDir: options.attachmentsDir,
          onEnded: () => this.wake(),
          onSucceeded: (link) => this.#succeeded(link),
          onFailed: (error, link, seq) => {
            if (!this.#closed) this.#fail(error, link, [seq]);
          },
          onRefused: (error, seq) => {
            if (this.#closed) return;
            this.#withStore(() => parkOutbox(options.store.db, seq, error.code ?? 'refused', error.message));
            this.#announceMessages([seq]);
            this.#retry.noted(error.message);
          },
        })
      : undefined;
    if (this.#vehicleId) this.#vehicle = this.#withStore(() => syncVehicle(options.store.db, this.#vehicleId!));
  }

  start(): void {
    this.wake();
  }

  /** Something new to send, or a reason to look again now. */
  wake(): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#pump(), 0);
    this.#statusChanged();
  }

  /** The policy changed: a link came up or moved, so retry at once and re-route uploads. */
  onPolicy(policy: LinkPolicy): void {
    this.#retry.reset();
    try {
      clearDeferrals(this.#options.store.db);
    } catch (error) {
      this.#retry.failed(StoreError.from(error, this.#options.store.file), undefined);
    }
    this.#uploads?.onPolicy(policy);
    const inFlight = this.#exchangeAbort;
    if (inFlight && policy.decisions.find((d) => d.trafficClass === inFlight.trafficClass)?.linkId !== inFlight.linkId) inFlight.controller.abort();
    this.wake();
  }

  /** The operator asks to try parked items again. */
  retryParked(seq?: number): number {
    const count = this.#withStore(() => requeueParked(this.#options.store.db, seq));
    this.wake();
    return count;
  }

  status(): SyncStatus {
    const route = this.#nextRoute();
    const db = this.#options.store.db;
    const upload = this.#uploads?.view();
    return this.#withStore(() =>
      buildSyncStatus({
        counts: queueCounts(db),
        parked: parkedOutbox(db, 50),
        lastContactAt: lastContact(db),
        state: this.#state(route !== undefined),
        detail: this.#retry.problem?.detail ?? null,
        centerUrl: this.#config?.centerUrl ?? null,
        vehicleId: this.#vehicleId ?? null,
        sending: [...(this.#exchange ? [this.#exchange] : []), ...(upload ? [upload] : [])],
        link: route ? { id: route.linkId, name: route.linkName, budgetKbps: route.budgetKbps } : null,
        routeFor: (trafficClass) => this.#routeFor(trafficClass, this.#options.policy(), this.#now(), true),
        lastError: this.#retry.lastError,
        nextAttemptAt: this.#nextAttemptAt(),
      }),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#statusTimer);
    this.#exchangeAbort?.controller.abort();
    await this.#uploads?.stop();
    // The exchange in flight settles before the store closes (its answer is dropped; the center keeps what it got).
    while (this.#pumping) await new Promise((resolve) => setTimeout(resolve, 10));
    this.#client?.close();
  }

  // ---- the loop ----------------------------------------------------------

  async #pump(): Promise<void> {
    if (this.#closed) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = true;
    try {
      for (let round = 0; round < 10_000 && !this.#closed; round++) {
        this.#again = false;
        const progressed = await this.#round();
        if (!progressed && !this.#again) break;
      }
    } catch (error) {
      this.#fail(error, undefined, []);
    } finally {
      this.#pumping = false;
      this.#planWake();
      this.#statusChanged();
    }
  }

  /** One step: hello if needed, start an upload if due, one exchange. True if it should go on at once. */
  async #round(): Promise<boolean> {
    if (!this.#config || !this.#client || !this.#vehicleId) {
      this.#retry.setProblem({ state: 'not-configured', detail: 'no center in the configuration' });
      return false;
    }
    const now = this.#now();
    if (this.#retry.paused) return false;
    const policy = this.#options.policy();
    const control = this.#routeFor('control', policy, now);
    if (!this.#vehicle) {
      if (!control) return false;
      return this.#hello(control);
    }
    this.#startUpload(policy, now);
    const plan = this.#plan(policy, now);
    if (plan) return this.#exchangeRound(plan.link, plan.entries, plan.encoded, plan.priority, trafficClassOf(plan.priority));
    const pollDue = control !== undefined && now - this.#lastExchangeAt >= pollIntervalMs(this.#config.pollSeconds, control.budgetKbps);
    if (control && (this.#followUp || pollDue)) return this.#exchangeRound(control, [], [], 'routine', 'control');
    return false;
  }

  async #hello(link: LinkRoute): Promise<boolean> {
    try {
      const hello = await this.#client!.hello(link.route, requestLimits(link, 0));
      if (hello.vehicleId !== this.#vehicleId) throw new CenterRequestError('auth', `the center knows this token as vehicle "${hello.vehicleId}", not "${this.#vehicleId}"`);
      // A new store numbers its items after what the center already holds (see HelloResponse).
      const db = this.#options.store.db;
      this.#vehicle = this.#withStore(() => {
        const first = (db.prepare("SELECT min(seq) AS seq FROM outbox WHERE state != 'delivered'").get() as { seq: number | null }).seq;
        const next = first ?? ((db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM outbox').get() as { seq: number }).seq + 1);
        return adoptSyncVehicle(db, this.#vehicleId!, hello.highestSeq - (next - 1));
      });
      log.info(`center at ${link.route.baseUrl} knows this vehicle as "${hello.name}" (${hello.vehicleId}); holding up to seq ${hello.highestSeq}`);
      this.#succeeded(link);
      return true;
    } catch (error) {
      this.#fail(error, link, []);
      return false;
    }
  }

  #plan(policy: LinkPolicy, now: number): { link: LinkRoute; entries: OutboxEntry[]; encoded: Uint8Array[]; priority: Priority } | undefined {
    const db = this.#options.store.db;
    const due = this.#withStore(() => dueOutbox(db, now, 1000));
    const vehicle = this.#vehicle!;
    let link: LinkRoute | undefined;
    let priority: Priority = 'routine';
    let bytes = 0;
    const entries: OutboxEntry[] = [];
    const encoded: Uint8Array[] = [];
    for (const entry of due) {
      const route = this.#routeFor(trafficClassOf(entry.priority), policy, now);
      if (!route || (link && route.linkId !== link.linkId)) continue;
      // An attachment's item goes once the center holds the whole file.
      if (entry.kind === 'attachment' && !this.#withStore(() => attachmentEntry(db, entry.attachmentId ?? ''))?.complete) continue;
      let wire: Uint8Array;
      try {
        wire = encodeOutboxEntry(entry, vehicle.vehicleId, entry.seq + vehicle.seqOffset);
      } catch (error) {
        const problem = error instanceof WireError ? error : new WireError('malformed', String(error));
        this.#withStore(() => parkOutbox(db, entry.seq, problem.code, `cannot be encoded: ${problem.message}`));
        this.#announceMessages([entry.seq]);
        continue;
      }
      if (!link) {
        link = route;
        priority = entry.priority;
      }
      const limit = Math.min(MAX_BATCH_BYTES, Math.max(MIN_BATCH_BYTES, (link.budgetKbps * 1000 * BATCH_SECONDS) / 8));
      if (entries.length > 0 && bytes + wire.length > limit) break;
      entries.push(entry);
      encoded.push(wire);
      bytes += wire.length;
      if (entries.length >= this.#batchLimit) break;
    }
    return link ? { link, entries, encoded, priority } : undefined;
  }

  async #exchangeRound(link: LinkRoute, entries: OutboxEntry[], encoded: Uint8Array[], priority: Priority, trafficClass: TrafficClass): Promise<boolean> {
    const vehicle = this.#vehicle!;
    const db = this.#options.store.db;
    const seqs = entries.map((e) => e.seq);
    const bytes = encoded.reduce((sum, b) => sum + b.length, 0);
    const urgent = entries.some((e) => PRIORITY_RANK[e.priority] < PRIORITY_RANK.bulk);
    this.#exchange = { kind: 'items', linkId: link.linkId, linkName: link.linkName, count: entries.length, bytes, sent: 0, priority };
    // Urgent items go first on the air: the upload beside them holds still meanwhile.
    if (urgent) this.#uploads?.hold(true);
    this.#statusChanged();
    const links = this.#linkSummaries();
    const controller = new AbortController();
    this.#exchangeAbort = { controller, trafficClass, linkId: link.linkId };
    try {
      const response = await this.#client!.exchange(
        link.route,
        { v: 1, items: encoded, downAck: vehicle.downAck, ...(links ? { links } : {}) },
        requestLimits(link, bytes),
        controller.signal,
      );
      const down = this.#decodeDownlink(response, vehicle.vehicleId);
      const outcome = this.#withStore(() =>
        applyExchangeOutcome(db, { vehicleId: vehicle.vehicleId, seqOffset: vehicle.seqOffset, sentSeqs: seqs, response, down, now: this.#now(), deferMs: DEFER_MS }),
      );
      this.#vehicle = { ...vehicle, downAck: outcome.downAck, lastContactAt: this.#now() };
      if (links) this.#linksSent = { signature: linksSignature(links), at: this.#now() };
      this.#lastExchangeAt = this.#now();
      // New downlink is acknowledged by a follow-up exchange right away, so the desk sees it delivered.
      this.#followUp = response.moreDown || outcome.added.length > 0;
      this.#batchLimit = MAX_BATCH_ITEMS;
      this.#succeeded(link);
      this.#announceMessages(outcome.changedSeqs);
      if (outcome.added.length > 0) this.safeEmit('inbox', outcome.added);
      return entries.length > 0 || this.#followUp;
    } catch (error) {
      if (error instanceof CenterRequestError && error.kind === 'refused' && entries.length > 0) return this.#refused(error, entries, link);
      this.#fail(error, link, seqs);
      return false;
    } finally {
      this.#exchange = undefined;
      this.#exchangeAbort = undefined;
      if (urgent) this.#uploads?.hold(false);
      this.#statusChanged();
    }
  }

  /**
   * The center refused the whole request as it was (400/413/415). Items are checked one
   * by one at the center, so this means one item poisons the request: halve the batch
   * until the culprit goes alone, then park it with the center's reason.
   */
  #refused(error: CenterRequestError, entries: OutboxEntry[], link: LinkRoute): boolean {
    if (entries.length > 1) {
      this.#batchLimit = Math.max(1, Math.floor(entries.length / 2));
      return true;
    }
    const entry = entries[0]!;
    this.#withStore(() => parkOutbox(this.#options.store.db, entry.seq, error.code ?? 'refused', error.message));
    this.#announceMessages([entry.seq]);
    this.#retry.noted(error.message);
    this.#succeeded(link);
    return true;
  }

  #decodeDownlink(response: ExchangeResponse, vehicleId: string): SyncItem[] {
    const items: SyncItem[] = [];
    for (const bytes of response.down) {
      try {
        const item = decodeItem(bytes, vehicleId);
        if (DOWNLINK_KINDS.has(item.kind)) items.push(item);
        else log.warn(`the center sent a ${item.kind} item down; ignored`);
      } catch (error) {
        // Not acknowledging it would block every later downlink item; take it as read and say so.
        log.error(`a downlink item could not be read and is skipped: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return items;
  }

  // ---- uploads -----------------------------------------------------------

  #startUpload(policy: LinkPolicy, now: number): void {
    const lane = this.#uploads;
    if (!lane || lane.busy) return;
    const db = this.#options.store.db;
    for (const entry of this.#withStore(() => dueOutbox(db, now, 1000))) {
      if (entry.kind !== 'attachment') continue;
      const attachment = this.#withStore(() => attachmentEntry(db, entry.attachmentId ?? ''));
      if (!attachment || attachment.complete) continue;
      const link = this.#routeFor(trafficClassOf(entry.priority), policy, now);
      if (!link) continue;
      lane.start(entry.seq, entry.priority, attachment, link);
      this.#statusChanged();
      return;
    }
  }

  // ---- routes, failures, timers -----------------------------------------

  /** Where `trafficClass` goes now, unless that link is backing off. */
  #routeFor(trafficClass: TrafficClass, policy: LinkPolicy, now: number, ignoreBackoff = false): LinkRoute | undefined {
    if (!this.#config) return undefined;
    const route = routeFor(trafficClass, { config: this.#config, policy, links: this.#options.links(), bindAddress: this.#options.bindAddress });
    if (!route) return undefined;
    return ignoreBackoff || this.#retry.linkReady(route.linkId) ? route : undefined;
  }

  /** The route of the most urgent waiting item (for the status), ignoring backoff. */
  #nextRoute(): LinkRoute | undefined {
    if (!this.#config) return undefined;
    const next = this.#withStore(() => dueOutbox(this.#options.store.db, Number.MAX_SAFE_INTEGER, 1))[0];
    return this.#routeFor(next ? trafficClassOf(next.priority) : 'control', this.#options.policy(), this.#now(), true);
  }

  #succeeded(link: LinkRoute): void {
    this.#retry.succeeded(link.linkId);
  }

  #fail(error: unknown, link: LinkRoute | undefined, seqs: number[]): void {
    if (seqs.length > 0 && !(error instanceof StoreError)) {
      try {
        recordAttempt(this.#options.store.db, seqs, error instanceof Error ? error.message : String(error));
      } catch (storeError) {
        this.#retry.failed(StoreError.from(storeError, this.#options.store.file), undefined);
        return;
      }
    }
    this.#retry.failed(error, link);
  }

  #nextAttemptAt(): number | null {
    const candidates = [this.#retry.nextAt(), this.#withStore(() => nextDeferredAt(this.#options.store.db, this.#now()))].filter((t): t is number => t !== undefined);
    return candidates.length > 0 ? Math.min(...candidates) : null;
  }

  /** Sleeps until the next thing is due: a backoff ends, a deferral ends, or a poll. */
  #planWake(): void {
    if (this.#closed || !this.#config) return;
    const now = this.#now();
    const control = this.#routeFor('control', this.#options.policy(), now, true);
    const times = [this.#lastExchangeAt + pollIntervalMs(this.#config.pollSeconds, control?.budgetKbps ?? Number.POSITIVE_INFINITY)];
    const next = this.#nextAttemptAt();
    if (next !== null) times.push(next);
    const delay = Math.min(Math.max(50, Math.min(...times) - now), this.#config.pollSeconds * 1000);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#pump(), delay);
    this.#timer.unref();
  }

  #state(routable: boolean): SyncState {
    if (this.#retry.problem) return this.#retry.problem.state;
    if (this.#exchange || this.#uploads?.busy) return 'sending';
    const counts = this.#withStore(() => dueOutbox(this.#options.store.db, Number.MAX_SAFE_INTEGER, 1));
    if (counts.length === 0) return 'idle';
    if (!routable) return 'waiting-link';
    return this.#retry.backingOff ? 'backoff' : 'sending';
  }

  #linkSummaries(): LinkSummary[] | undefined {
    const links = this.#options.links()
      .slice(0, 32)
      .map((l): LinkSummary => {
        const latency = l.path?.latencyMs;
        return { id: l.id.slice(0, 64), name: l.name.slice(0, 64), kind: l.kind, state: l.state, ...(latency && !latency.stale ? { latencyMs: Math.round(latency.value) } : {}) };
      });
    const changed = linksSignature(links) !== this.#linksSent.signature;
    return changed || this.#now() - this.#linksSent.at >= LINKS_EVERY_MS ? links : undefined;
  }

  #announceMessages(seqs: number[]): void {
    if (seqs.length === 0) return;
    const messages = this.#withStore(() => messagesForSeqs(this.#options.store.db, seqs));
    if (messages.length > 0) this.safeEmit('messages', messages);
  }

  /** Status news at most four times a second. */
  #statusChanged(): void {
    if (this.#statusTimer || this.#closed) return;
    this.#statusTimer = setTimeout(() => {
      this.#statusTimer = undefined;
      try {
        this.safeEmit('status', this.status());
      } catch (error) {
        log.error('sync status failed', error);
      }
    }, 250);
    this.#statusTimer.unref();
  }

  #withStore<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw StoreError.from(error, this.#options.store.file);
    }
  }
}

/** What an empty exchange (a poll) costs on the wire both ways, HTTP included, bytes. */
const POLL_BYTES = 600;

/**
 * How often to poll for orders: the configured interval, or rarer on a link so narrow
 * that polls would take more than its control budget (on 2.4 kbit/s HF, every 40 s).
 */
export function pollIntervalMs(pollSeconds: number, controlBudgetKbps: number): number {
  return Math.max(pollSeconds * 1000, (POLL_BYTES * 8) / Math.max(controlBudgetKbps, 0.01));
}

function linksSignature(links: readonly LinkSummary[]): string {
  return links.map((l) => `${l.id}:${l.state}`).join(',');
}
