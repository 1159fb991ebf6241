import type { Database } from 'better-sqlite3';
import type { ReportAckBody } from '../../../protocol/sync/incidents';

/** The center's 签收 of one of this vehicle's reports, as it came down. */
export type ReportAck = ReportAckBody;
import type { InboxItemView } from '../../../protocol/api/messaging';
import type { CrewOrderState, Priority, SyncItem } from '../../../protocol/sync/items';
import { applyIncidentDownlink } from './reportWrites';

interface InboxRow {
  down_seq: number;
  id: string;
  kind: string;
  priority: string;
  created_at: number;
  received_at: number;
  body: string;
  read_at: number | null;
  acked_by: string | null;
  state: string | null;
  state_at: number | null;
  state_reason: string | null;
  cancelled_at: number | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

/** Downlink kinds the crew sees as entries; the others (order-cancel, receipt) change entries. */
const SHOWN_KINDS = `('order', 'directory', 'center-message')`;

function toView(row: InboxRow): InboxItemView {
  return {
    kind: row.kind,
    body: JSON.parse(row.body),
    id: row.id,
    downSeq: row.down_seq,
    priority: row.priority as Priority,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    readAt: row.read_at,
    ackedBy: row.acked_by,
    state: row.state,
    stateAt: row.state_at,
    stateReason: row.state_reason,
    cancelledAt: row.cancelled_at,
    cancelledBy: row.cancelled_by,
    cancelReason: row.cancel_reason,
  } as InboxItemView;
}

/** A downlink item as it came: its seq, and the item unless it could not be read. */
export interface DownlinkEntry {
  seq: number;
  item: SyncItem | undefined;
}

/**
 * Stores downlink items and advances the vehicle's downlink ack, in one transaction. The
 * center sends them in order from `down_ack + 1` with no gaps, so the ack moves over each
 * one in turn — stored now, held already (same id), or unreadable (logged by the caller;
 * holding the ack back for it would block every later order for good). Returns the new
 * items and the new ack.
 */
export function storeDownlink(
  db: Database,
  vehicleId: string,
  entries: readonly DownlinkEntry[],
  receivedAt: number,
  /** Iridium MT brings items out of order: each is kept and applied by its id, the ack moves only over a contiguous run. */
  outOfOrder = false,
): { added: InboxItemView[]; downAck: number; readSeqs: number[]; incidentIds: string[]; reportAcks: ReportAck[] } {
  return db
    .transaction(() => {
      const insert = db.prepare(
        'INSERT INTO inbox (vehicle_id, down_seq, id, kind, priority, created_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      );
      const state = db.prepare('SELECT down_ack FROM sync_vehicles WHERE vehicle_id = ?').get(vehicleId) as
        { down_ack: number } | undefined;
      let ack = state?.down_ack ?? 0;
      const added: InboxItemView[] = [];
      const readSeqs: number[] = [];
      const incidentIds: string[] = [];
      const reportAcks: ReportAck[] = [];
      for (const { seq, item } of entries) {
        if (seq <= ack) continue;
        const next = seq === ack + 1;
        if (!next && !outOfOrder) break;
        if (
          item &&
          insert.run(vehicleId, item.seq, item.id, item.kind, item.priority, item.createdAt, receivedAt, JSON.stringify(item.body))
            .changes > 0
        ) {
          const incidentId = applyIncidentDownlink(db, item, receivedAt);
          if (incidentId !== undefined) {
            if (incidentId) incidentIds.push(incidentId);
            if (incidentId && item.kind === 'report-ack') reportAcks.push(item.body);
            if (next) ack = seq;
            continue;
          }
          const effect = applyDownlinkEffect(db, item, receivedAt);
          if (effect.order) added.push(effect.order);
          else if (item.kind !== 'receipt') added.push(inboxItemById(db, item.id)!);
          readSeqs.push(...effect.readSeqs);
        }
        if (next) ack = seq;
      }
      db.prepare('UPDATE sync_vehicles SET down_ack = ? WHERE vehicle_id = ?').run(ack, vehicleId);
      return { added, downAck: ack, readSeqs, incidentIds, reportAcks };
    })
    .immediate();
}

/** The id of the item this store holds at a downlink seq (the latest received, after a center restore), if any. */
export function inboxIdAt(db: Database, vehicleId: string, downSeq: number): string | undefined {
  const row = db
    .prepare('SELECT id FROM inbox WHERE vehicle_id = ? AND down_seq = ? ORDER BY received_at DESC, rowid DESC LIMIT 1')
    .get(vehicleId, downSeq) as { id: string } | undefined;
  return row?.id;
}

/**
 * What an order-cancel or a receipt changes (kept in the inbox too, so a replay after a
 * center restore is recognised by its id and applied once): the cancelled order, or the
 * crew's messages now read at the center. Returns the changed order and the outbox seqs
 * of the messages now read, to announce.
 */
function applyDownlinkEffect(db: Database, item: SyncItem, receivedAt: number): { order?: InboxItemView | undefined; readSeqs: number[] } {
  if (item.kind === 'order-cancel') {
    db.prepare(
      `UPDATE inbox SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ? AND kind = 'order' AND cancelled_at IS NULL`,
    ).run(receivedAt, item.body.from, item.body.reason ?? null, item.body.orderId);
    return { order: inboxItemById(db, item.body.orderId), readSeqs: [] };
  }
  if (item.kind === 'receipt') {
    const ids = JSON.stringify(item.body.read);
    const seqs = (
      db
        .prepare('SELECT outbox_seq FROM messages WHERE center_read_at IS NULL AND id IN (SELECT value FROM json_each(?))')
        .all(ids) as Array<{
        outbox_seq: number;
      }>
    ).map((r) => r.outbox_seq);
    db.prepare(
      'UPDATE messages SET center_read_at = ?, center_read_by = ? WHERE center_read_at IS NULL AND id IN (SELECT value FROM json_each(?))',
    ).run(item.createdAt, item.body.by ?? null, ids);
    return { readSeqs: seqs };
  }
  return { readSeqs: [] };
}

/** Newest first; only what the crew sees as entries (orders, directories, staff messages). */
export function listInbox(db: Database, limit: number): InboxItemView[] {
  return (
    db.prepare(`SELECT * FROM inbox WHERE kind IN ${SHOWN_KINDS} ORDER BY received_at DESC, down_seq DESC LIMIT ?`).all(limit) as InboxRow[]
  ).map(toView);
}

/** Orders the crew has not acknowledged and staff messages not read, none cancelled: what raises the alert. */
export function pendingAlerts(db: Database): InboxItemView[] {
  return (
    db
      .prepare(
        `SELECT * FROM inbox WHERE cancelled_at IS NULL AND (
           (kind = 'order' AND state IS NULL AND acked_by IS NULL AND json_extract(body, '$.requireAck') = 1)
           OR (kind IN ('order', 'center-message') AND read_at IS NULL))
         ORDER BY received_at DESC, down_seq DESC LIMIT 100`,
      )
      .all() as InboxRow[]
  ).map(toView);
}

/** The crew's step on an order, in the caller's transaction. */
export function setInboxOrderState(db: Database, id: string, state: CrewOrderState, at: number, reason: string | undefined): void {
  db.prepare('UPDATE inbox SET state = ?, state_at = ?, state_reason = ?, read_at = coalesce(read_at, ?) WHERE id = ?').run(
    state,
    at,
    reason ?? null,
    at,
    id,
  );
}

export function inboxItemById(db: Database, id: string): InboxItemView | undefined {
  const row = db.prepare('SELECT * FROM inbox WHERE id = ?').get(id) as InboxRow | undefined;
  return row && toView(row);
}

/** Marks an entry read; true when it was unread until now (a receipt is due). */
export function markInboxRead(db: Database, id: string, at: number): boolean {
  return db.prepare('UPDATE inbox SET read_at = ? WHERE id = ? AND read_at IS NULL').run(at, id).changes > 0;
}
