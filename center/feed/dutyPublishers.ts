import type { SyncItem } from '../../protocol/sync/items';
import type { DeskFeed } from './DeskFeed';

/**
 * The desk's `duty` feed event: a vehicle's duty log changed (one event per kind of record
 * an exchange carried), or the center's own (vehicleId null, seen by all staff).
 */
export function publishDuty(feed: DeskFeed, vehicleId: string | null, what: 'shift' | 'entry' | 'call' | 'handover'): void {
  feed.publish('duty', { vehicleId, what }, vehicleId ?? undefined);
}

/** After an exchange committed: one `duty` event per kind of duty record it stored. */
export function publishDutyItems(feed: DeskFeed, vehicleId: string, stored: readonly { kind: SyncItem['kind']; body?: unknown }[]): void {
  const kinds = new Set<'shift' | 'entry' | 'call' | 'handover'>();
  for (const item of stored) if (item.kind === 'duty') kinds.add((item.body as { type: 'shift' | 'entry' | 'call' | 'handover' }).type);
  for (const what of kinds) publishDuty(feed, vehicleId, what);
}
