import { createLogger } from '../../../../platform/log/logger';
import type { SbdHoldCode, SbdSendStatus } from '../../../../protocol/api/syncStatus';
import type { SbdSendConfig } from '../../../../protocol/config/sbdSendConfig';
import type { LinkStatus } from '../../../../protocol/links/linkStatus';
import { packSbdWires } from '../../../../protocol/sbd/sbdPayload';
import type { Priority } from '../../../../protocol/sync/items';
import type { SbdPort } from '../../links/sbdPort';
import type { OutboxEntry } from '../../store/outboxRepo';
import { monthStart, recordSbdSent, refuseSbd, sbdAwaitingConfirmation, sbdCandidates, sbdMonth, type SbdMonth } from '../../store/sbdRepo';
import type { Store } from '../../store/Store';
import { storeError } from '../../store/StoreError';
import { encodeOutboxEntry } from '../outboxItem';

const log = createLogger('sync.sbd');

/** Whether IP can carry a priority now: a route that works, one backing off after failures, or none at all. */
export type IpState = 'open' | 'backing-off' | 'none';

/** After the transceiver refused a message for good (locked, no subscription …), try again this much later. */
const REFUSED_PAUSE_MS = 10 * 60_000;
/** After the transceiver could not take a message (not ready), try again this much later. */
const NOT_READY_PAUSE_MS = 60_000;
/** Candidates looked at per message (a message holds a handful of small items). */
const LOOK_AT = 60;

export interface SbdLaneOptions {
  store: Store;
  config: SbdSendConfig;
  /** The Iridium links with their status now (LinkHub.sbdPorts; no status before the first snapshot). */
  ports: () => ReadonlyArray<{ status: LinkStatus | undefined; port: SbdPort }>;
  /** The sync engine's view of IP for a priority, backoff included. */
  ipState: (priority: Priority) => IpState;
  /** The vehicle's id at the center and the seq offset on the wire; none without a center. */
  identity: () => { vehicleId: string; seqOffset: number } | undefined;
  /** An item backing off on IP goes by SBD once it has waited this long (a short outage is cheaper than a message), ms. */
  ipGraceMs?: number;
  /** Items changed (sent by SBD, or refused for it): their messages change on screen. */
  onItems: (seqs: number[]) => void;
  /** Something shown in the status changed. */
  onChanged: () => void;
  now?: () => number;
}

/**
 * Sends queued items by Iridium SBD while no IP link can carry them (docs/sync.md,
 * "Iridium SBD"): only the configured priorities (flash and immediate by default), packed
 * a few to a message (≤ 340 bytes, never split), one message at a time, within the
 * month's message budget (flash goes past it). The gateway taking a message is not the
 * center confirming it: the items stay queued until an IP exchange does (the center keeps
 * one copy by their seq), but they are never sent by SBD again. When IP opens while a
 * message still waits for a session, it is withdrawn.
 */
export class SbdLane {
  readonly #o: SbdLaneOptions;
  readonly #now: () => number;
  #sending: { controller: AbortController; priorities: Priority[]; items: number; bytes: number; since: number } | undefined;
  #problem: { code: Extract<SbdHoldCode, 'transceiver-refused' | 'not-ready'>; detail: string; until: number } | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #closed = false;
  /**
   * The month's use and the count of items awaiting the center's confirmation, kept in
   * memory: view() runs at every status news. The month is read again when the lane
   * records a message or the month turns; the count when the lane records a message or
   * the engine says items changed state (itemsSettled). undefined: read it again.
   */
  #month: (SbdMonth & { start: number }) | undefined;
  #awaiting: number | undefined;

  constructor(options: SbdLaneOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /** Look again now: new items, a link changed. */
  wake(): void {
    if (this.#closed || this.#running) return;
    this.#running = true;
    void this.#run().finally(() => {
      this.#running = false;
      this.#o.onChanged();
    });
  }

  /** The link policy changed: a message still waiting for its session is withdrawn when IP can now take all of it. */
  onPolicy(): void {
    const sending = this.#sending;
    if (sending && sending.priorities.every((p) => this.#o.ipState(p) === 'open')) sending.controller.abort();
    this.#problem = undefined;
    this.wake();
  }

  /** Items changed state outside the lane (delivered, parked, queued again): the count awaiting confirmation is read again. */
  itemsSettled(): void {
    this.#awaiting = undefined;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#sending?.controller.abort();
  }

  async #run(): Promise<void> {
    try {
      while (!this.#closed && (await this.#sendOne()));
    } catch (error) {
      log.error('sending by Iridium SBD failed', storeError(error, this.#o.store.file));
    }
  }

  /** Items that may go by SBD now, most urgent first, and the earliest time a held-back one may. */
  #eligible(now: number): { entries: OutboxEntry[]; later: number | undefined; overBudget: OutboxEntry[] } {
    const { config, store } = this.#o;
    const grace = this.#o.ipGraceMs ?? 60_000;
    const overBudget = this.#monthUse(now).messages >= config.monthlyMessages;
    const entries: OutboxEntry[] = [];
    const held: OutboxEntry[] = [];
    let later: number | undefined;
    for (const entry of sbdCandidates(store.db, config.priorities, LOOK_AT)) {
      const ip = this.#o.ipState(entry.priority);
      if (ip === 'open') continue;
      if (ip === 'backing-off' && now - entry.createdAt < grace) {
        later = Math.min(later ?? Number.POSITIVE_INFINITY, entry.createdAt + grace);
        continue;
      }
      if (overBudget && entry.priority !== 'flash') held.push(entry);
      else entries.push(entry);
    }
    return { entries, later, overBudget: held };
  }

  /** One message: pack, send, record. True if another may follow at once. */
  async #sendOne(): Promise<boolean> {
    const now = this.#now();
    const identity = this.#o.identity();
    if (!identity || (this.#problem && this.#problem.until > now)) return this.#sleepUntil(this.#problem?.until);
    const { entries, later } = this.#eligible(now);
    const usable = this.#usablePort();
    if (entries.length === 0 || !usable) return this.#sleepUntil(later);
    const wires: Array<{ item: OutboxEntry; wire: Uint8Array }> = [];
    for (const entry of entries) {
      try {
        wires.push({ item: entry, wire: encodeOutboxEntry(entry, identity.vehicleId, entry.seq + identity.seqOffset) });
      } catch {
        // Not encodable at all: the sync engine parks it with the reason.
      }
    }
    const packing = packSbdWires('mo', identity.vehicleId, wires);
    for (const { item, reason } of packing.refused) refuseSbd(this.#o.store.db, item.seq, reason);
    if (packing.refused.length > 0) this.#o.onItems(packing.refused.map((r) => r.item.seq));
    if (!packing.payload) return packing.refused.length > 0;
    return this.#send(usable, packing.payload, packing.packed);
  }

  async #send(usable: { status: LinkStatus; port: SbdPort }, payload: Uint8Array, items: OutboxEntry[]): Promise<boolean> {
    const controller = new AbortController();
    const priorities = [...new Set(items.map((i) => i.priority))];
    this.#sending = { controller, priorities, items: items.length, bytes: payload.length, since: this.#now() };
    this.#o.onChanged();
    const what = `${items.length} item(s), ${payload.length} bytes, by ${usable.status.name}`;
    try {
      const outcome = await usable.port.sendMo(payload, { signal: controller.signal });
      if (outcome.status === 'sent') {
        const seqs = items.map((i) => i.seq);
        recordSbdSent(this.#o.store.db, {
          linkId: usable.status.id,
          sentAt: outcome.at,
          bytes: payload.length,
          momsn: outcome.momsn,
          seqs,
          flash: priorities.includes('flash'),
        });
        this.#month = undefined;
        this.#awaiting = undefined;
        log.info(`sent by Iridium: ${what}, MOMSN ${outcome.momsn} after ${outcome.attempts} attempt(s)`);
        this.#o.onItems(seqs);
        return true;
      }
      if (outcome.status === 'parked') {
        this.#problem = {
          code: 'transceiver-refused',
          detail: `${outcome.reason}: ${outcome.detail}`,
          until: this.#now() + REFUSED_PAUSE_MS,
        };
        log.warn(`Iridium refused ${what}: ${outcome.detail}; items wait for IP, SBD tried again in 10 min`);
        return false;
      }
      log.info(`Iridium message withdrawn (${outcome.detail}): ${what}`);
      return !this.#closed;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.#problem = { code: 'not-ready', detail, until: this.#now() + NOT_READY_PAUSE_MS };
      log.warn(`Iridium could not take ${what}: ${detail}`);
      return false;
    } finally {
      this.#sending = undefined;
    }
  }

  /** The Iridium link to send on: one that is up before one that is degraded. */
  #usablePort(): { status: LinkStatus; port: SbdPort } | undefined {
    const ports = this.#o
      .ports()
      .flatMap(({ status, port }) => (status && (status.state === 'up' || status.state === 'degraded') ? [{ status, port }] : []));
    return ports.find((p) => p.status.state === 'up') ?? ports[0];
  }

  /** Nothing to send now: look again at `at`, if given. Always false (the loop ends). */
  #sleepUntil(at: number | undefined): false {
    clearTimeout(this.#timer);
    if (at !== undefined && !this.#closed) {
      this.#timer = setTimeout(() => this.wake(), Math.max(50, at - this.#now()));
      this.#timer.unref();
    }
    return false;
  }

  /** For the Sync view; null when no Iridium link is configured. */
  view(): SbdSendStatus | null {
    const ports = this.#o.ports();
    if (ports.length === 0) return null;
    const { config, store } = this.#o;
    const now = this.#now();
    const month = this.#monthUse(now);
    const usable = this.#usablePort();
    const { entries, overBudget } = this.#eligible(now);
    return {
      link: usable ? { id: usable.status.id, name: usable.status.name } : null,
      priorities: config.priorities,
      month: { messages: month.messages, bytes: month.bytes },
      monthlyMessages: config.monthlyMessages,
      lastSentAt: month.lastSentAt,
      awaitingConfirmation: (this.#awaiting ??= sbdAwaitingConfirmation(store.db)),
      sending: this.#sending ? { items: this.#sending.items, bytes: this.#sending.bytes, since: this.#sending.since } : null,
      held: this.#held(entries.length, overBudget.length, usable !== undefined, now),
    };
  }

  /** This calendar month's messages (sbdMonth), read again when the month turns. */
  #monthUse(now: number): SbdMonth {
    const start = monthStart(now);
    if (this.#month?.start !== start) this.#month = { start, ...sbdMonth(this.#o.store.db, now) };
    return this.#month;
  }

  #held(waiting: number, overBudget: number, linkUp: boolean, now: number): SbdSendStatus['held'] {
    if (this.#sending) return null;
    const problem = this.#problem;
    if (problem && problem.until > now && waiting > 0) return { code: problem.code, detail: problem.detail, items: waiting };
    if (waiting > 0 && !linkUp) return { code: 'no-sbd-link', detail: 'no Iridium link is up', items: waiting };
    if (overBudget > 0)
      return {
        code: 'monthly-budget',
        detail: `${this.#o.config.monthlyMessages} messages this month used; only flash items go`,
        items: overBudget,
      };
    return null;
  }
}
