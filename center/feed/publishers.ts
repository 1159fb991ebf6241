import type { Logger } from '../../platform/log/logger';
import type { ExchangeEffects } from '../ingest/applyExchange';
import type { CenterStore, QueuedDownlinkRecord } from '../store/CenterStore';
import type { ItemKind, Priority } from '../../protocol/sync/items';
import type { DeskFeed } from './DeskFeed';
import { publishIncidentsOf, type IncidentPublisherDeps } from './incidentPublishers';
import { publishDutyItems } from './dutyPublishers';

/**
 * What the center announces on the desk's feed, and when: always after the store has
 * committed it (callers run these once the unit of work resolved), never failing the
 * request that caused it — a feed event that cannot be built is logged and skipped;
 * desks that resume later refetch the lists anyway.
 */
export interface FeedPublisherDeps {
  feed: DeskFeed;
  store: CenterStore;
  log: Logger;
}

/** A vehicle's whole desk row, read after the change committed (so it is at least as new as the change). */
export function publishVehicle({ feed, store, log }: FeedPublisherDeps, vehicleId: string): void {
  store.deskVehicle(vehicleId).then(
    (vehicle) => {
      if (vehicle) feed.publish('vehicle', { vehicle }, vehicleId);
    },
    (error: unknown) => log.warn(`desk feed: could not read vehicle ${vehicleId}: ${(error as Error).message}`),
  );
}

/** An exchange committed: its new items, the downlink it acknowledged, then the vehicle's row (contact, position, links, counters). */
export function publishExchange(deps: IncidentPublisherDeps, vehicleId: string, effects: ExchangeEffects): void {
  for (const item of effects.stored) deps.feed.publish('item', { item }, vehicleId);
  publishDutyItems(deps.feed, vehicleId, effects.stored);
  for (const { seq, id, kind, priority } of effects.delivered) {
    deps.feed.publish('downlink', { vehicleId, seq, id, kind, priority, state: 'delivered', deliveredAt: effects.deliveredAt }, vehicleId);
  }
  publishIncidentsOf(deps, vehicleId, effects.stored);
  publishVehicle(deps, vehicleId);
}

/** Downlink items queued (orders, cancellations, staff messages, receipts, directories; one per vehicle), then each vehicle's row (its `downPending` grew). */
export function publishQueued(
  deps: FeedPublisherDeps,
  queued: readonly QueuedDownlinkRecord[],
  item: { kind: ItemKind; priority: Priority },
): void {
  for (const { vehicleId, seq, id } of queued) {
    deps.feed.publish('downlink', { vehicleId, seq, id, ...item, state: 'queued', deliveredAt: null }, vehicleId);
  }
  for (const { vehicleId } of queued) publishVehicle(deps, vehicleId);
}

/** Ingest health: a failed write (a full disk) shows on the desk until an exchange goes through again. */
export function publishIngest(feed: DeskFeed, ok: boolean, reason: string | null): void {
  feed.setCenter({ ...feed.center, ingest: { ok, reason } });
}
