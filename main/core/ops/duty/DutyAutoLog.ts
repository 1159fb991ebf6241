import type { InboxItemView } from '../../../../protocol/api/messaging';
import type { SyncStatus } from '../../../../protocol/api/syncStatus';
import type { Language } from '../../../../protocol/common';
import type { LinkStateChange } from '../../../../protocol/links/linkStatus';
import { LINK_REASON_WORDS } from '../../../../protocol/links/reasonWords';
import type { DutyTopic } from '../../../../protocol/sync/duty';
import { dutyPhrases } from './dutyPhrases';
import { EntryCoalescer } from './EntryCoalescer';

/** The center counts as unreachable (an entry) after this long without contact while tries fail. */
export const SYNC_TROUBLE_AFTER_MS = 5 * 60_000;

export interface DutyAutoLogOptions {
  /** Writes one automatic entry (record and outbox item, in the shift on duty). */
  write: (topic: DutyTopic, text: string) => void;
  language: () => Language;
  linkName: (linkId: string) => string;
  /** Reports delivered after a time (from the outbox), for "report delivered" entries. */
  reportsDeliveredSince: (since: number) => { deliveredAt: number; stage: string; number: number }[];
  /** Window of the per-link coalescing. Default one minute. */
  linkWindowMs?: number;
}

/**
 * Automatic duty-log entries from what the core already tells: link state changes (with
 * their reason, at most one entry per link per minute — a flapping link gets one summary),
 * orders received and the crew's steps on them, reports delivered and receipted, live video
 * sessions, and the center unreachable for a while and back. Fed by the core's events; the caller drives
 * `tick` with a timer so held link summaries are written when their minute is over.
 */
export class DutyAutoLog {
  readonly #o: DutyAutoLogOptions;
  readonly #links: EntryCoalescer<LinkStateChange>;
  readonly #orderStates = new Map<string, string>();
  #reportsSince: number | undefined;
  #delivered: number | undefined;
  #troubleSince: number | undefined;
  #troubleLogged = false;
  #lastStatus: SyncStatus | undefined;
  #videoSince: number | undefined;

  constructor(options: DutyAutoLogOptions) {
    this.#o = options;
    this.#links = new EntryCoalescer(options.linkWindowMs ?? 60_000);
  }

  get #say() {
    return dutyPhrases(this.#o.language());
  }

  onLinkChange(change: LinkStateChange): void {
    const entry = this.#links.offer(change.linkId, change, change.at);
    if (entry) this.#writeLink(entry.event, 1);
  }

  #writeLink(change: LinkStateChange, count: number): void {
    const say = this.#say;
    const language = this.#o.language();
    // The reason in the log's language; the device's own detail is English, so only English entries carry it.
    const words = LINK_REASON_WORDS[language][change.reason.code] ?? change.reason.code;
    const why = change.reason.detail && language === 'en' ? `${words}: ${change.reason.detail}` : words;
    // Up with a device reason other than "working" means the probes made it up: say so, not "up (connecting)".
    const reason = change.to === 'up' && change.reason.code !== 'ok' ? say.upByProbes(why) : why;
    const name = this.#o.linkName(change.linkId);
    const to = say.state[change.to] ?? change.to;
    this.#o.write(
      'link',
      count > 1 ? say.linkFlapped(name, count, to, reason) : say.linkChanged(name, say.state[change.from] ?? change.from, to, reason),
    );
  }

  /** New downlink: orders in. */
  onInboxAdded(items: readonly InboxItemView[]): void {
    for (const item of items) {
      if (item.kind !== 'order') continue;
      this.#orderStates.set(item.id, item.state ?? '');
      this.#o.write('order', this.#say.orderIn(gist(item.body.text)));
    }
  }

  /** Live video to the center started or ended (the renderer tells: media does not run in the core); a repeat is ignored. */
  onVideoSession(live: boolean, linkName: string | undefined, now: number): void {
    if (live === (this.#videoSince !== undefined)) return;
    if (live) {
      this.#videoSince = now;
      this.#o.write('video', this.#say.videoLive(linkName));
    } else {
      const minutes = Math.max(1, Math.round((now - this.#videoSince!) / 60_000));
      this.#videoSince = undefined;
      this.#o.write('video', this.#say.videoEnded(minutes));
    }
  }

  /** The center's 签收 of the crew's reports, as an exchange brought them down. */
  onReportsAcked(acks: ReadonlyArray<{ by: string }>): void {
    for (const ack of acks) this.#o.write('report', this.#say.reportAcked(ack.by));
  }

  /** Inbox entries that changed (the crew's steps on orders). */
  onInboxChanged(items: readonly InboxItemView[]): void {
    for (const item of items) {
      if (item.kind !== 'order' || item.state === null) continue;
      if (this.#orderStates.get(item.id) === item.state) continue;
      this.#orderStates.set(item.id, item.state);
      this.#o.write('order', this.#say.orderStep(gist(item.body.text), this.#say.step[item.state] ?? item.state, item.stateReason));
    }
  }

  onSyncStatus(status: SyncStatus, now: number): void {
    this.#lastStatus = status;
    if (status.delivered !== this.#delivered) {
      this.#delivered = status.delivered;
      this.#logReportsDelivered(now);
    }
    this.#checkReachability(status, now);
  }

  #logReportsDelivered(now: number): void {
    // The first status only sets the mark: reports delivered before this start were logged then.
    if (this.#reportsSince === undefined) {
      this.#reportsSince = now;
      return;
    }
    for (const r of this.#o.reportsDeliveredSince(this.#reportsSince)) {
      this.#o.write('report', this.#say.reportSent(this.#say.stage[r.stage] ?? r.stage, r.number));
      this.#reportsSince = Math.max(this.#reportsSince, r.deliveredAt);
    }
  }

  #checkReachability(status: SyncStatus, now: number): void {
    if (status.state === 'not-configured') return;
    const contact = status.lastContactAt ?? 0;
    const failing = status.lastError !== null && status.lastError.at > contact;
    if (failing) {
      this.#troubleSince ??= Math.max(contact, status.lastError!.at);
      if (!this.#troubleLogged && now - this.#troubleSince >= SYNC_TROUBLE_AFTER_MS) {
        this.#troubleLogged = true;
        this.#o.write('sync', this.#say.syncTrouble(Math.round((now - this.#troubleSince) / 60_000), status.lastError!.code));
      }
      return;
    }
    if (this.#troubleSince !== undefined && contact > this.#troubleSince) {
      if (this.#troubleLogged) this.#o.write('sync', this.#say.syncBack(Math.max(1, Math.round((contact - this.#troubleSince) / 60_000))));
      this.#troubleSince = undefined;
      this.#troubleLogged = false;
    }
  }

  /** Writes link summaries whose minute is over, and checks reachability without waiting for a status. */
  tick(now: number): void {
    for (const held of this.#links.due(now)) this.#writeLink(held.event, held.count);
    if (this.#lastStatus) this.#checkReachability(this.#lastStatus, now);
  }
}

/** An order's first line, short enough for a log line. */
function gist(text: string): string {
  const line = text.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
