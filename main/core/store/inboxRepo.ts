import type { Database } from 'better-sqlite3';
import type { InboxItemView } from '../../../protocol/api/messaging';
import type { Priority, SyncItem } from '../../../protocol/sync/items';

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
}

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
): { added: InboxItemView[]; downAck: number } {
  return db
    .transaction(() => {
      const insert = db.prepare(
        'INSERT INTO inbox (vehicle_id, down_seq, id, kind, priority, created_at, received_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      );
      const state = db.prepare('SELECT down_ack FROM sync_vehicles WHERE vehicle_id = ?').get(vehicleId) as
        { down_ack: number } | undefined;
      let ack = state?.down_ack ?? 0;
      const added: InboxItemView[] = [];
      for (const { seq, item } of entries) {
        if (seq <= ack) continue;
        if (seq !== ack + 1) break;
        if (
          item &&
          insert.run(vehicleId, item.seq, item.id, item.kind, item.priority, item.createdAt, receivedAt, JSON.stringify(item.body))
            .changes > 0
        ) {
          added.push(inboxItemById(db, item.id)!);
        }
        ack = seq;
      }
      db.prepare('UPDATE sync_vehicles SET down_ack = ? WHERE vehicle_id = ?').run(ack, vehicleId);
      return { added, downAck: ack };
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

/** Newest first. */
export function listInbox(db: Database, limit: number): InboxItemView[] {
  return (db.prepare('SELECT * FROM inbox ORDER BY received_at DESC, down_seq DESC LIMIT ?').all(limit) as InboxRow[]).map(toView);
}

export function inboxItemById(db: Database, id: string): InboxItemView | undefined {
  const row = db.prepare('SELECT * FROM inbox WHERE id = ?').get(id) as InboxRow | undefined;
  return row && toView(row);
}

export function markInboxRead(db: Database, id: string, at: number): void {
  db.prepare('UPDATE inbox SET read_at = coalesce(read_at, ?) WHERE id = ?').run(at, id);
}

export function markInboxAcked(db: Database, id: string, messageId: string, at: number): void {
  db.prepare('UPDATE inbox SET acked_by = ?, read_at = coalesce(read_at, ?) WHERE id = ?').run(messageId, at, id);
}
