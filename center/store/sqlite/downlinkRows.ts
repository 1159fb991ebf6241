import type { ItemKind, Priority } from '../../../protocol/sync/items';
import type { DownlinkRecord, NewDownlinkItem, QueuedDownlinkRecord } from '../CenterStore';
import { bytes, type Statements } from './statements';

/** Inside the caller's transaction: stores `build`'s item as the vehicle's next downlink sequence. */
export function insertNextDownlink(
  statements: Statements,
  vehicleId: string,
  build: (seq: number) => NewDownlinkItem,
): QueuedDownlinkRecord {
  const { down_seq } = statements.get('SELECT down_seq FROM vehicles WHERE id = ?').get(vehicleId) as { down_seq: number };
  const seq = down_seq + 1;
  const item = build(seq);
  statements
    .get(
      `INSERT INTO downlink_items (vehicle_id, seq, id, kind, priority, created_at, wire, body_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(vehicleId, seq, item.id, item.kind, item.priority, item.createdAt, item.wire, JSON.stringify(item.body));
  statements.get('UPDATE vehicles SET down_seq = ? WHERE id = ?').run(seq, vehicleId);
  return { vehicleId, seq, id: item.id };
}

interface DownlinkRow {
  seq: number;
  id: string;
  kind: string;
  priority: string;
  created_at: number;
  wire: unknown;
  body_json: string;
  delivered_at: number | null;
}

/** A vehicle's downlink items, oldest first. */
export function selectDownlink(statements: Statements, vehicleId: string): DownlinkRecord[] {
  const rows = statements.get('SELECT * FROM downlink_items WHERE vehicle_id = ? ORDER BY seq').all(vehicleId) as DownlinkRow[];
  return rows.map((row) => ({
    seq: row.seq,
    id: row.id,
    kind: row.kind as ItemKind,
    priority: row.priority as Priority,
    createdAt: row.created_at,
    wire: bytes(row.wire),
    body: JSON.parse(row.body_json) as Record<string, unknown>,
    deliveredAt: row.delivered_at,
  }));
}
