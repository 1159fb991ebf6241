import { encodeItem, WireError } from '../../../protocol/sync/codec';
import { SyncItem } from '../../../protocol/sync/items';
import { derivedUuidv7 } from '../../../protocol/sync/uuid';
import type { OutboxEntry } from '../store/outboxRepo';
import { describeIssues } from '../../../protocol/common';

/**
 * The wire form of an outbox entry under a vehicle identity. A position's id is derived
 * from (vehicle, seq, time) on both sides, so it is not sent. Throws WireError when the
 * stored entry cannot be encoded (it is parked, never retried).
 */
export function encodeOutboxEntry(entry: OutboxEntry, vehicleId: string, wireSeq: number): Uint8Array {
  const createdAt = Math.floor(entry.createdAt / 1000) * 1000;
  const id = entry.kind === 'position' ? derivedUuidv7(vehicleId, wireSeq, createdAt) : entry.id;
  const parsed = SyncItem.safeParse({ kind: entry.kind, seq: wireSeq, id, priority: entry.priority, createdAt, body: entry.body });
  if (!parsed.success) throw new WireError('malformed', describeIssues(parsed.error));
  return encodeItem(parsed.data);
}

/** Size on the wire, for the queue view (seq and offset change it by a byte or two at most). */
export function estimateWireBytes(item: Omit<SyncItem, 'seq'>): number {
  try {
    return encodeItem({ ...item, seq: 1 } as SyncItem).length + 4;
  } catch {
    return 0;
  }
}
