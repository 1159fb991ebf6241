import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { SendingNow, SyncState, SyncStatus } from '../../../protocol/api/syncStatus';
import type { SyncConfig } from '../../../protocol/config/consoleConfig';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { LinkPolicy, TrafficClass } from '../../../protocol/links/policy';
import { parseToken } from '../../../protocol/sync/credentials';
import { Priority, PRIORITY_RANK } from '../../../protocol/sync/items';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { attachmentEntry } from '../store/attachmentsRepo';
import { applyExchangeOutcome } from '../store/exchangeOutcome';
import { inboxIdAt } from '../store/inboxRepo';
import { messagesForSeqs } from '../store/messagesRepo';
import { clearDeferrals, dueOutbox, nextDeferredAt, parkedOutbox, parkOutbox, queueCounts, recordAttempt, requeueParked, type OutboxEntry } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import { DatabaseError } from '../../../platform/sqlite/DatabaseError';
import { lastContact, resetDownAck, syncVehicle, type SyncVehicleState } from '../store/syncStateRepo';
import { createLogger } from '../../../platform/log/logger';
import { CenterClient } from './CenterClient';
import { greetCenter } from './centerHello';
import { CenterRequestError } from './CenterRequestError';
import { decodeDownlink } from './downlinkItems';
import { MAX_BATCH_ITEMS, planExchange, preempts, type ExchangePlan } from './exchangePlan';
import { LinkSummaries } from './LinkSummaries';
import { buildSyncStatus } from './syncStatusView';
import { pollIntervalMs, requestLimits, routeFor, type LinkRoute } from './linkRoute';
import { RetryState, uploadBackoffKey } from './RetryState';
import { trafficClassOf } from './trafficClass';
import { UploadLane } from './UploadLane';

const log = createLogger('sync');

/** An item the center deferred (its file not there yet) is tried again after this. */
const DEFER_MS = 5_000;

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
  #exchangeAbort: { controller: AbortController; trafficClass: TrafficClass; linkId: string; rank: number; preempted: boolean } | undefined;
  readonly #uploads: UploadLane | undefined;
  #pumping = false;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #statusTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #lastExchangeAt = 0;
  #followUp = false;
  /** A hello is due: at every start (the center may have changed), after signs that it did, and to renumber after `seq-taken`. */
  #helloDue: false | 'plain' | 'renumber' = 'plain';
  /** A lone item whose request the center refused: parked only if a request without it goes through. */
  #suspect: { entry: OutboxEntry; error: CenterRequestError } | undefined;
  readonly #linkSummaries = new LinkSummaries();
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
          onSucceeded: (link) => this.#retry.succeeded(uploadBackoffKey(link.linkId), { onlyLink: true }),
          onFailed: (error, link, seq) => {
            // Uploads back off on their own key: a failing file must not hold back flash items on the same link.
            if (!this.#closed) this.#fail(error, { ...link, linkId: uploadBackoffKey(link.linkId) }, [seq]);
          },
          onRefused: (error, seq) => {
            if (!this.#closed) this.#park(seq, error.code ?? 'refused', error.message);
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
    this.#preemptForUrgent();
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
      this.#retry.failed(storeError(error, this.#options.store.file), undefined);
    }
    this.#uploads?.onPolicy(policy);
    const inFlight = this.#exchangeAbort;
    if (inFlight && policy.decisions.find((d) => d.trafficClass === inFlight.trafficClass)?.linkId !== inFlight.linkId) inFlight.controller.abort();
    this.wake();
  }

  /** A more urgent item for another link stops the exchange in flight (see `preempts`). */
  #preemptForUrgent(): void {
    const inFlight = this.#exchangeAbort;
    if (!inFlight || inFlight.preempted) return;
    const now = this.#now();
    const policy = this.#options.policy();
    try {
      if (!preempts(inFlight, (p) => dueOutbox(this.#options.store.db, now, 1, p)[0], (c) => this.#routeFor(c, policy, now))) return;
    } catch {
      return; // the store is failing; the next round says so
    }
    inFlight.preempted = true;
    inFlight.controller.abort();
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
    if (!this.#vehicle || this.#helloDue) {
      if (!control) return false;
      return this.#hello(control);
    }
    if (this.#suspect) return this.#checkSuspect(policy, now);
    this.#startUpload(policy, now);
    const plan = this.#plan(policy, now);
    if (plan) return this.#exchangeRound(plan.link, plan.entries, plan.encoded, plan.priority, trafficClassOf(plan.priority));
    const pollDue = control !== undefined && now - this.#lastExchangeAt >= pollIntervalMs(this.#config.pollSeconds, control.budgetKbps);
    if (control && (this.#followUp || pollDue)) return this.#exchangeRound(control, [], [], 'routine', 'control');
    return false;
  }

  async #hello(link: LinkRoute): Promise<boolean> {
    try {
      this.#vehicle = await greetCenter({ client: this.#client!, link, vehicleId: this.#vehicleId!, store: this.#options.store, log, renumber: this.#helloDue === 'renumber' });
      this.#helloDue = false;
      this.#succeeded(link);
      return true;
    } catch (error) {
      this.#fail(error, link, []);
      return false;
    }
  }

  #plan(policy: LinkPolicy, now: number): ExchangePlan | undefined {
    const db = this.#options.store.db;
    return planExchange({
      // Only classes with a route now: a pile of items waiting for another link must not hide these.
      due: this.#withStore(() => dueOutbox(db, now, 1000, Priority.options.filter((p) => this.#routeFor(trafficClassOf(p), policy, now) !== undefined))),
      vehicle: this.#vehicle!,
      batchLimit: this.#batchLimit,
      routeFor: (trafficClass) => this.#routeFor(trafficClass, policy, now),
      fileComplete: (attachmentId) => this.#withStore(() => attachmentEntry(db, attachmentId))?.complete === true,
      unencodable: (entry, problem) => this.#park(entry.seq, problem.code, `cannot be encoded: ${problem.message}`),
    });
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
    const links = this.#linkSummaries.due(this.#options.links(), this.#now());
    const downAckId = vehicle.downAck > 0 ? this.#withStore(() => inboxIdAt(db, vehicle.vehicleId, vehicle.downAck)) : undefined;
    const controller = new AbortController();
    this.#exchangeAbort = { controller, trafficClass, linkId: link.linkId, rank: entries.length > 0 ? PRIORITY_RANK[priority] : PRIORITY_RANK.bulk + 1, preempted: false };
    try {
      const response = await this.#client!.exchange(
        link.route,
        { v: 1, items: encoded, downAck: vehicle.downAck, ...(downAckId ? { downAckId } : {}), ...(links ? { links } : {}) },
        requestLimits(link, bytes),
        controller.signal,
      );
      const down = decodeDownlink(response, vehicle.vehicleId, log);
      const outcome = this.#withStore(() =>
        applyExchangeOutcome(db, { vehicleId: vehicle.vehicleId, seqOffset: vehicle.seqOffset, sentSeqs: seqs, response, down, now: this.#now(), deferMs: DEFER_MS }),
      );
      this.#vehicle = { ...vehicle, downAck: outcome.downAck, centerAck: response.ack, lastContactAt: this.#now() };
      // The center's ack went back: it lost items (restored from a backup). Greet it again to find out which.
      if (response.ack < vehicle.centerAck) this.#helloDue ||= 'plain';
      if (outcome.seqTaken) this.#helloDue = 'renumber';
      if (links) this.#linkSummaries.sent(links, this.#now());
      this.#lastExchangeAt = this.#now();
      // New downlink is acknowledged by a follow-up exchange right away, so the desk sees it delivered.
      this.#followUp = outcome.downAck > vehicle.downAck;
      this.#batchLimit = MAX_BATCH_ITEMS;
      this.#succeeded(link);
      this.#announceMessages(outcome.changedSeqs);
      if (outcome.added.length > 0) this.safeEmit('inbox', outcome.added);
      return entries.length > 0 || this.#followUp;
    } catch (error) {
      // Stopped for a more urgent item on another link: not a failure; it goes again (the center takes a replay as held).
      if (this.#exchangeAbort?.preempted) return true;
      if (error instanceof CenterRequestError && error.code === 'down-mismatch') {
        log.warn(`the center's downlink is not the one this console acknowledged (restored from a backup?): asking for all of it again`);
        this.#withStore(() => resetDownAck(db, vehicle.vehicleId));
        this.#vehicle = { ...vehicle, downAck: 0 };
        return true;
      }
      if (error instanceof CenterRequestError && error.kind === 'refused' && entries.length > 0) return this.#refused(error, entries, link);
      // Even an empty exchange refused: the center's state changed under us (say, restored from a backup); greet it again.
      if (error instanceof CenterRequestError && error.kind === 'refused') this.#helloDue ||= 'plain';
      this.#fail(error, link, seqs);
      return false;
    } finally {
      this.#exchange = undefined;
      this.#exchangeAbort = undefined;
      if (urgent) this.#uploads?.hold(false);
      this.#statusChanged();
    }
  }

  /** The center refused the whole request (400/413/415): halve the batch until the culprit goes alone, then suspect it. */
  #refused(error: CenterRequestError, entries: OutboxEntry[], link: LinkRoute): boolean {
    if (entries.length > 1) {
      this.#batchLimit = Math.max(1, Math.floor(entries.length / 2));
      return true;
    }
    this.#suspect = { entry: entries[0]!, error };
    this.#retry.noted(error.message);
    this.#succeeded(link);
    return true;
  }

  /** A lone item's request was refused: parked only if an empty exchange on its route goes through (else the trouble is not the item). */
  async #checkSuspect(policy: LinkPolicy, now: number): Promise<boolean> {
    const { entry, error } = this.#suspect!;
    this.#suspect = undefined;
    const link = this.#routeFor(trafficClassOf(entry.priority), policy, now);
    if (!link) return false;
    const contact = this.#lastExchangeAt;
    await this.#exchangeRound(link, [], [], 'routine', 'control');
    if (this.#lastExchangeAt === contact) return false;
    this.#park(entry.seq, error.code ?? 'refused', error.message);
    log.warn(`item ${entry.seq} parked: ${error.message}`);
    return true;
  }

  // ---- uploads -----------------------------------------------------------

  #startUpload(policy: LinkPolicy, now: number): void {
    const lane = this.#uploads;
    if (!lane || lane.busy) return;
    const db = this.#options.store.db;
    const routable = Priority.options.filter((p) => {
      const route = this.#routeFor(trafficClassOf(p), policy, now, true);
      return route !== undefined && this.#retry.linkReady(uploadBackoffKey(route.linkId));
    });
    for (const entry of this.#withStore(() => dueOutbox(db, now, 1000, routable, 'attachment'))) {
      const attachment = this.#withStore(() => attachmentEntry(db, entry.attachmentId ?? ''));
      if (!attachment || attachment.complete) continue;
      const link = this.#routeFor(trafficClassOf(entry.priority), policy, now, true);
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
    if (seqs.length > 0 && !(error instanceof DatabaseError)) {
      try {
        recordAttempt(this.#options.store.db, seqs, error instanceof Error ? error.message : String(error));
      } catch (failure) {
        this.#retry.failed(storeError(failure, this.#options.store.file), undefined);
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

  /** Refused for good: kept and shown with why, not retried until the operator asks. */
  #park(seq: number, code: string, reason: string): void {
    this.#withStore(() => parkOutbox(this.#options.store.db, seq, code, reason));
    this.#announceMessages([seq]);
    this.#retry.noted(reason);
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
      throw storeError(error, this.#options.store.file);
    }
  }
}
