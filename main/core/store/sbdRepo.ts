import type { Database } from 'better-sqlite3';
import { PRIORITY_RANK, type Priority } from '../../../protocol/sync/items';
import { toOutboxEntry, type OutboxEntry, type OutboxRow } from './outboxRepo';

/**
 * Items sent by Iridium SBD (migration 0080): which queued items may still go that way,
 * the MO messages the gateway took, and the month's use. An item sent by SBD stays queued
 * until the center confirms it over IP (the center keeps one copy by its seq), but it is
 * never sent by SBD twice.
 */

/** Queued items of `priorities` not yet sent by SBD nor refused for it, most urgent first (files never go by SBD). */
export function sbdCandidates(db: Database, priorities: readonly Priority[], limit: number): OutboxEntry[] {
  if (priorities.length === 0) return [];
  const ranks = priorities.map((p) => PRIORITY_RANK[p]).join(',');
  const rows = db
    .prepare(
      `SELECT * FROM outbox WHERE state = 'queued' AND sbd_message IS NULL AND sbd_refused IS NULL AND kind != 'attachment'
         AND rank IN (${ranks}) ORDER BY rank, seq LIMIT ?`,
    )
    .all(limit) as OutboxRow[];
  return rows.map(toOutboxEntry);
}

export interface SbdSent {
  linkId: string;
  sentAt: number;
  bytes: number;
  momsn: number;
  seqs: readonly number[];
  flash: boolean;
}

/** The gateway took a message: the message and its items' marks in one transaction. Returns the message's id. */
export function recordSbdSent(db: Database, sent: SbdSent): number {
  return db
    .transaction(() => {
      const id = Number(
        db
          .prepare('INSERT INTO sbd_messages (link_id, sent_at, bytes, items, momsn, flash) VALUES (?, ?, ?, ?, ?, ?)')
          .run(sent.linkId, sent.sentAt, sent.bytes, sent.seqs.length, sent.momsn, sent.flash ? 1 : 0).lastInsertRowid,
      );
      const mark = db.prepare('UPDATE outbox SET sbd_message = ? WHERE seq = ?');
      for (const seq of sent.seqs) mark.run(id, seq);
      return id;
    })
    .immediate();
}

/** An item that can never go by SBD (too large for one message): kept queued for IP, with why. */
export function refuseSbd(db: Database, seq: number, reason: string): void {
  db.prepare('UPDATE outbox SET sbd_refused = ? WHERE seq = ?').run(reason.slice(0, 500), seq);
}

/** Local midnight of the first of `now`'s month: SBD is counted per calendar month. */
export function monthStart(now: number): number {
  const date = new Date(now);
  return new Date(date.getFullYear(), date.getMonth(), 1).getTime();
}

export interface SbdMonth {
  messages: number;
  bytes: number;
  lastSentAt: number | null;
}

/** MO messages the gateway took this calendar month, and their bytes. */
export function sbdMonth(db: Database, now: number): SbdMonth {
  const row = db
    .prepare('SELECT count(*) AS messages, coalesce(sum(bytes), 0) AS bytes, max(sent_at) AS last FROM sbd_messages WHERE sent_at >= ?')
    .get(monthStart(now)) as { messages: number; bytes: number; last: number | null };
  return { messages: row.messages, bytes: row.bytes, lastSentAt: row.last };
}

/** Items sent by SBD that the center has not yet confirmed over IP. */
export function sbdAwaitingConfirmation(db: Database): number {
  const row = db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'queued' AND sbd_message IS NOT NULL").get() as { n: number };
  return row.n;
}

/** How an item went by SBD, for its delivery line. */
export interface SbdMark {
  sentAt: number;
  momsn: number;
}

export const SBD_MARK_COLUMNS = 'sm.sent_at AS sbd_sent_at, sm.momsn AS sbd_momsn';
export const SBD_MARK_JOIN = 'LEFT JOIN sbd_messages sm ON sm.id = o.sbd_message';

export function sbdMark(row: { sbd_sent_at: number | null; sbd_momsn: number | null }): SbdMark | null {
  return row.sbd_sent_at === null || row.sbd_momsn === null ? null : { sentAt: row.sbd_sent_at, momsn: row.sbd_momsn };
}
