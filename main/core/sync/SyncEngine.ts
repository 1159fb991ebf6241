import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { createLogger } from '../../../platform/log/logger';
import type { InboxItemView } from '../../../protocol/api/messaging';
import type { SendingNow, SyncStatus } from '../../../protocol/api/syncStatus';
import type { LinkPolicy } from '../../../protocol/links/policy';
import { PRIORITY_RANK } from '../../../protocol/sync/items';
import { applyExchangeOutcome } from '../store/exchangeOutcome';
import type { ReportAck } from '../store/inboxRepo';
import { clearDeferrals, dueOutbox, nextDeferredAt, parkedOutbox, queueCounts, requeueParked, waitingFiles } from '../store/outboxRepo';
import { storeError } from '../store/StoreError';
import { centerName, lastContact, resetDownAck, syncVehicle, type SyncVehicleState } from '../store/syncStateRepo';
import { CenterClient } from './CenterClient';
import { greetCenter } from './centerHello';
import { CenterRequestError } from './CenterRequestError';
import { CoalescedNews } from './CoalescedNews';
import { configureCenter, type ConfiguredCenter } from './configuredCenter';
import { decodeDownlink } from './downlinkItems';
import { ExchangeInFlight } from './ExchangeInFlight';
import { ExchangePipeline } from './ExchangePipeline';
import { emptyExchange, planFromOutbox, type ExchangePlan } from './exchangePlan';
import { exchangeRequest } from './exchangeRequest';
import { LinkSummaries } from './LinkSummaries';
import { buildSyncStatus, syncState } from './syncStatusView';
import { pollIntervalMs, requestLimits, type LinkRoute } from './linkRoute';
import { RefusalTriage } from './RefusalTriage';
import { SbdBridge } from './sbd/SbdBridge';
import { RetryState } from './RetryState';
import { SyncRouting } from './SyncRouting';
import { TryRecorder } from './TryRecorder';
import { trafficClassOf } from '../../../protocol/sync/trafficClass';
import { engineUploadLane } from './engineUploadLane';

const log = createLogger('sync');

/** An item the center deferred (its file not there yet) is tried again after this. */
const DEFER_MS = 5_000;

import type { SyncEngineEvents, SyncEngineOptions } from './syncEngineTypes';

export type { SyncEngineEvents, SyncEngineOptions } from './syncEngineTypes';

/**
 * Store-and-forward to the center. Sends the outbox most urgent first over the link the
 * policy gives each item's class, one exchange at a time (several at once only over a narrow
 * link's stream, ExchangePipeline.ts), and acknowledges the downlink
 * in the same exchanges; attachments upload beside it, one at a time, paced at the bulk
 * budget and held still while an urgent exchange is in flight, so a flash message never
 * waits behind a file. Items become delivered only when the center says it holds them;
 * a failed try backs off per link with jitter, and a link coming up (a policy change)
 * retries at once. Everything it knows survives a crash in the store.
 */
/** Files the Sync view lists by name (the queue table counts all of them). */
const WAITING_FILES_SHOWN = 20;

export class SyncEngine extends SafeEmitter<SyncEngineEvents> {
  readonly #options: SyncEngineOptions;
  /** Only when a center is configured: the config, the vehicle id, the client and the upload lane. */
  readonly #center: ConfiguredCenter | undefined;
  readonly #now: () => number;
  #vehicle: SyncVehicleState | undefined;
  /** The name the center knows this vehicle by (kept from its last hello), for the top bar. */
  #centerName: string | null = null;
  readonly #retry: RetryState;
  readonly #routing: SyncRouting;
  readonly #record: TryRecorder;
  #exchange: SendingNow | undefined;
  readonly #inFlight = new ExchangeInFlight();
  readonly #pipeline = new ExchangePipeline();
  /** The pump's run in flight, if any (close waits for it). */
  #pumping: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  /** Status news at most four times a second. */
  readonly #statusNews = new CoalescedNews(() => {
    try {
      this.safeEmit('status', this.status());
    } catch (error) {
      log.error('sync status failed', error);
    }
  }, 250);
  #closed = false;
  #closing: Promise<void> | undefined;
  #lastExchangeAt = 0;
  /** Exchanges that went through, so a suspect's test can tell whether its empty exchange did. */
  #exchanged = 0;
  #followUp = false;
  /** A hello is due: at every start (the center may have changed), after signs that it did, and to renumber after `seq-taken`. */
  #helloDue: false | 'plain' | 'renumber' = 'plain';
  /** Batch halving and the lone suspect after a refused request. */
  readonly #triage = new RefusalTriage({ park: (seq, code, reason) => this.#record.park(seq, code, reason) });
  readonly #linkSummaries = new LinkSummaries();
  /** The Iridium SBD lane beside the IP exchanges (sbd/SbdLane.ts) and the downlink it brings, joined by wireSbd. */
  readonly sbd: SbdBridge;

  constructor(options: SyncEngineOptions) {
    super();
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#retry = new RetryState(this.#now, options.random ?? Math.random);
    this.#record = new TryRecorder({
      store: options.store,
      retry: this.#retry,
      announce: (messages) => this.safeEmit('messages', messages),
      parked: () => this.sbd.itemsSettled(),
    });
    this.#routing = new SyncRouting({ config: options.config, links: options.links, bindAddress: options.bindAddress, retry: this.#retry });
    this.#center = configureCenter(options.config, {
      client: options.createClient ?? ((token) => new CenterClient(token)),
      uploads: (client) =>
        engineUploadLane(client, {
          ...options,
          wake: () => this.wake(),
          retry: this.#retry,
          record: this.#record,
          closed: () => this.#closed,
        }),
    });
    const vehicleId = this.#center?.vehicleId;
    if (vehicleId) {
      this.#vehicle = this.#withStore(() => syncVehicle(options.store.db, vehicleId));
      this.#centerName = this.#withStore(() => centerName(options.store.db, vehicleId));
    }
    this.sbd = new SbdBridge({
      store: options.store,
      now: this.#now,
      vehicleId,
      vehicle: () => this.#vehicle,
      downlinkStored: (downAck) => {
        const vehicle = this.#vehicle;
        if (!vehicle) return;
        this.#vehicle = { ...vehicle, downAck };
        // Acknowledged by the next IP exchange, at once (the desk sees it delivered).
        this.#followUp = downAck > vehicle.downAck;
      },
      ipState: (priority) => this.#routing.ipState(priority, this.#options.policy()),
      announceItems: (seqs) => this.#record.announce(seqs),
      announceDownlink: (added, changed) => this.#announceDownlink(added, changed),
      statusChanged: () => this.#statusNews.changed(),
      wake: () => this.wake(),
      withStore: (work) => this.#withStore(work),
    });
  }

  start(): void {
    this.wake();
  }

  #announceDownlink(added: InboxItemView[], changed: { changedSeqs: number[]; incidentIds: string[]; reportAcks: ReportAck[] }): void {
    if (added.length > 0) this.safeEmit('inbox', added);
    const { changedSeqs, incidentIds, reportAcks } = changed;
    this.safeEmit('exchanged', { changedSeqs, incidentIds, reportAcks });
  }

  /** Something new to send, or a reason to look again now. */
  wake(): void {
    if (this.#closed) return;
    this.sbd.wake();
    this.#preemptForUrgent();
    // A run in flight may end before the timer fires and plan its next wake over it: it looks again instead.
    if (this.#pumping) this.#again = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#pump(), 0);
    this.#statusNews.changed();
  }

  /** The policy changed: a link came up or moved, so retry at once and re-route uploads. */
  onPolicy(policy: LinkPolicy): void {
    if (this.#closed) return;
    this.#retry.reset();
    try {
      clearDeferrals(this.#options.store.db);
    } catch (error) {
      this.#retry.failed(storeError(error, this.#options.store.file), undefined);
    }
    this.#center?.uploads.onPolicy(policy);
    this.#inFlight.onPolicy(policy);
    this.sbd.onPolicy();
    this.wake();
  }

  /** A more urgent item for another link stops the exchange in flight (see `preempts`). */
  #preemptForUrgent(): void {
    const policy = this.#options.policy();
    this.#inFlight.preemptForDue(this.#options.store, this.#now(), (c) => this.#routing.exchange(c, policy));
  }

  /** The operator asks to try parked items again. */
  retryParked(seq?: number): number {
    const count = this.#withStore(() => requeueParked(this.#options.store.db, seq));
    this.sbd.itemsSettled();
    this.wake();
    return count;
  }

  status(): SyncStatus {
    const route = this.#center && this.#withStore(() => this.#routing.nextRoute(this.#options.store, this.#options.policy()));
    const db = this.#options.store.db;
    const upload = this.#center?.uploads.view();
    const sbd = this.sbd.view();
    return this.#withStore(() => ({
      ...buildSyncStatus({
        counts: queueCounts(db),
        parked: parkedOutbox(db, 50),
        files: waitingFiles(db, WAITING_FILES_SHOWN),
        lastContactAt: lastContact(db),
        state: syncState({
          problem: this.#retry.problem?.state,
          sending: this.#exchange !== undefined || this.#center?.uploads.busy === true,
          waiting: dueOutbox(db, Number.MAX_SAFE_INTEGER, 1).length > 0,
          routable: route !== undefined,
          backingOff: this.#retry.backingOff,
        }),
        detail: this.#retry.problem?.detail ?? null,
        centerUrl: this.#options.config?.centerUrl ?? null,
        vehicleId: this.#center?.vehicleId ?? null,
        centerVehicleName: this.#centerName,
        sending: [...(this.#exchange ? [this.#exchange] : []), ...(upload ? [upload] : [])],
        link: route ? { id: route.linkId, name: route.linkName, budgetKbps: route.budgetKbps } : null,
        routeFor: (trafficClass) => this.#routing.exchange(trafficClass, this.#options.policy(), true),
        lastError: this.#retry.lastError,
        nextAttemptAt: this.#nextAttemptAt(),
      }),
      ...(sbd !== undefined ? { sbd } : {}),
    }));
  }

  /** Stops for good; the exchange in flight settles first. Safe before `start()`; a second call returns the same promise. */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#statusNews.stop();
    this.sbd.close();
    this.#inFlight.abort();
    await this.#pipeline.close();
    await this.#center?.uploads.stop();
    // The exchange in flight settles before the store closes (its answer is dropped; the center keeps what it got).
    await this.#pumping;
    this.#center?.client.close();
  }

  // ---- the loop ----------------------------------------------------------

  #pump(): void {
    if (this.#closed) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = this.#rounds().finally(() => {
      this.#pumping = undefined;
      if (this.#again && !this.#closed) {
        this.#again = false;
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => void this.#pump(), 0);
      } else this.#planWake();
      this.#statusNews.changed();
    });
  }

  async #rounds(): Promise<void> {
    try {
      for (let round = 0; round < 10_000 && !this.#closed; round++) {
        this.#again = false;
        const progressed = await this.#round();
        if (!progressed && !this.#again) break;
      }
    } catch (error) {
      this.#record.failed(error, undefined, []);
    }
  }

  /** One step: hello if needed, start an upload if due, one exchange. True if it should go on at once. */
  async #round(): Promise<boolean> {
    const center = this.#center;
    if (!center) {
      this.#retry.setProblem({ state: 'not-configured', detail: 'no center in the configuration' });
      return false;
    }
    const now = this.#now();
    if (this.#retry.paused) return false;
    const policy = this.#options.policy();
    const control = this.#routing.exchange('control', policy);
    const vehicle = this.#vehicle;
    if (!vehicle || this.#helloDue) {
      if (!control) return false;
      return this.#hello(center, control);
    }
    if (this.#triage.suspecting) {
      return this.#triage.judgeSuspect(
        (entry) => this.#routing.exchange(trafficClassOf(entry.priority), policy),
        async (link) => {
          const before = this.#exchanged;
          await this.#exchangeRound(center, vehicle, emptyExchange(link));
          return this.#exchanged > before;
        },
      );
    }
    if (this.#withStore(() => center.uploads.startDue(now, (p) => this.#routing.upload(p, policy)))) this.#statusNews.changed();
    const plan = this.#plan(vehicle, policy, now);
    // Over a narrow link's stream the next exchange goes while earlier ones await their answers.
    if (plan?.link.route.stream && plan.entries.length > 0)
      return this.#pipeline.launch(
        plan,
        () => this.#exchangeRound(center, vehicle, plan),
        () => this.wake(),
        center.client.wireRatio?.(plan.link.route),
      );
    if (plan) return this.#exchangeRound(center, vehicle, plan);
    const pollDue =
      !this.#pipeline.busy &&
      control !== undefined &&
      now - this.#lastExchangeAt >= pollIntervalMs(center.config.pollSeconds, control.budgetKbps);
    if (control && (this.#followUp || pollDue)) return this.#exchangeRound(center, vehicle, emptyExchange(control));
    return false;
  }

  async #hello(center: ConfiguredCenter, link: LinkRoute): Promise<boolean> {
    try {
      this.#vehicle = await greetCenter({
        client: center.client,
        link,
        vehicleId: center.vehicleId,
        store: this.#options.store,
        log,
        renumber: this.#helloDue === 'renumber',
      });
      this.#centerName = this.#withStore(() => centerName(this.#options.store.db, center.vehicleId));
      this.#helloDue = false;
      this.#retry.succeeded(link.linkId);
      return true;
    } catch (error) {
      this.#record.failed(error, link, []);
      return false;
    } finally {
      // The hello may have queued again items the center lost (restored from a backup).
      this.sbd.itemsSettled();
    }
  }

  #plan(vehicle: SyncVehicleState, policy: LinkPolicy, now: number): ExchangePlan | undefined {
    return this.#withStore(() =>
      planFromOutbox(this.#options.store, now, {
        vehicle,
        batchLimit: this.#triage.batchLimit,
        open: (p) => this.#routing.open(p, policy),
        skip: this.#pipeline.seqs,
        routeFor: (trafficClass) => this.#routing.exchange(trafficClass, policy),
        unencodable: (entry, problem) => this.#record.park(entry.seq, problem.code, `cannot be encoded: ${problem.message}`),
      }),
    );
  }

  /** One exchange of `plan` (its items, or none), and what the answer means. True if the engine should go on at once. */
  async #exchangeRound(center: ConfiguredCenter, vehicle: SyncVehicleState, plan: ExchangePlan): Promise<boolean> {
    const { link, entries, encoded, priority } = plan;
    const db = this.#options.store.db;
    const seqs = entries.map((e) => e.seq);
    const bytes = encoded.reduce((sum, b) => sum + b.length, 0);
    const urgent = entries.some((e) => PRIORITY_RANK[e.priority] < PRIORITY_RANK.bulk);
    this.#exchange = { kind: 'items', linkId: link.linkId, linkName: link.linkName, count: entries.length, bytes, sent: 0, priority };
    // Urgent items go first on the air: the upload beside them holds still meanwhile.
    const stream = link.route.stream === true;
    if (urgent && !stream) center.uploads.hold(true);
    this.#statusNews.changed();
    const links = this.#linkSummaries.due(this.#options.links(), this.#now());
    const signal = stream ? this.#pipeline.signal : this.#inFlight.begin(plan);
    try {
      const fleet = this.#options.fleet?.ask(vehicle.vehicleId, link, this.#routing.exchange('routine', this.#options.policy(), true));
      const request = this.#withStore(() => exchangeRequest(this.#options.store, vehicle, plan, links, fleet));
      const response = await center.client.exchange(link.route, request, requestLimits(link, bytes), signal);
      const down = decodeDownlink(response, vehicle.vehicleId, log);
      const outcome = this.#withStore(() =>
        applyExchangeOutcome(db, {
          vehicleId: vehicle.vehicleId,
          seqOffset: vehicle.seqOffset,
          sentSeqs: seqs,
          response,
          down,
          now: this.#now(),
          deferMs: DEFER_MS,
        }),
      );
      this.sbd.itemsSettled();
      this.#vehicle = { ...vehicle, downAck: outcome.downAck, centerAck: response.ack, lastContactAt: this.#now() };
      // The center's ack went back: it lost items (restored from a backup). Greet it again to find out which.
      if (response.ack < vehicle.centerAck) this.#helloDue ||= 'plain';
      if (outcome.seqTaken) this.#helloDue = 'renumber';
      if (links) this.#linkSummaries.sent(links, this.#now());
      this.#lastExchangeAt = this.#now();
      this.#exchanged += 1;
      // New downlink is acknowledged by a follow-up exchange right away, so the desk sees it delivered.
      this.#followUp = outcome.downAck > vehicle.downAck;
      this.#triage.exchanged();
      this.#retry.succeeded(link.linkId);
      this.#record.announce(outcome.changedSeqs);
      this.#options.fleet?.take(vehicle.vehicleId, response, this.#now());
      this.#announceDownlink(outcome.added, outcome);
      return entries.length > 0 || this.#followUp;
    } catch (error) {
      // Stopped for a more urgent item on another link: not a failure; it goes again (the center takes a replay as held).
      if (this.#inFlight.preempted) return true;
      if (error instanceof CenterRequestError && error.code === 'down-mismatch') {
        log.warn(`the center's downlink is not the one this console acknowledged (restored from a backup?): asking for all of it again`);
        this.#withStore(() => resetDownAck(db, vehicle.vehicleId));
        this.#vehicle = { ...vehicle, downAck: 0 };
        return true;
      }
      if (error instanceof CenterRequestError && error.kind === 'refused' && entries.length > 0) {
        // A lone item refused: the center did answer, so the link is fine; the item waits for its verdict.
        if (this.#triage.refused(error, entries) === 'suspect') {
          this.#retry.noted(error.code, error.message);
          this.#retry.succeeded(link.linkId);
        }
        return true;
      }
      // Even an empty exchange refused: the center's state changed under us (say, restored from a backup); greet it again.
      if (error instanceof CenterRequestError && error.kind === 'refused') this.#helloDue ||= 'plain';
      this.#record.failed(error, link, seqs);
      return false;
    } finally {
      this.#exchange = undefined;
      if (!stream) this.#inFlight.end();
      if (urgent && !stream) center.uploads.hold(false);
      this.#statusNews.changed();
    }
  }

  // ---- routes, failures, timers -----------------------------------------

  #nextAttemptAt(): number | null {
    const deferred = this.#withStore(() => nextDeferredAt(this.#options.store.db, this.#now()));
    const candidates = [this.#retry.nextAt(), deferred].filter((t): t is number => t !== undefined);
    return candidates.length > 0 ? Math.min(...candidates) : null;
  }

  /** Sleeps until the next thing is due: a backoff ends, a deferral ends, or a poll. */
  #planWake(): void {
    const pollSeconds = this.#center?.config.pollSeconds;
    if (this.#closed || pollSeconds === undefined) return;
    const now = this.#now();
    const control = this.#routing.exchange('control', this.#options.policy(), true);
    const times = [this.#lastExchangeAt + pollIntervalMs(pollSeconds, control?.budgetKbps ?? Number.POSITIVE_INFINITY)];
    const next = this.#nextAttemptAt();
    if (next !== null) times.push(next);
    const delay = Math.min(Math.max(50, Math.min(...times) - now), pollSeconds * 1000);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#pump(), delay);
    this.#timer.unref();
  }

  #withStore<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw storeError(error, this.#options.store.file);
    }
  }
}
