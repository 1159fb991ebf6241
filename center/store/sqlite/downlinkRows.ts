import type { NewDownlinkItem, QueuedDownlinkRecord } from '../CenterStore';
import type { Statements } from './statements';

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
