import type { DeskVehicle } from '../../../protocol/sync/desk';
import { attention, contactOf, needsAttention } from './vehicleHealth';

export const FLEET_SORTS = ['attention', 'name', 'contact', 'unread', 'orders'] as const;
export type FleetSort = (typeof FLEET_SORTS)[number];

export const FLEET_SHOWS = ['all', 'attention', 'stale', 'live', 'unread', 'orders'] as const;
export type FleetShow = (typeof FLEET_SHOWS)[number];

export interface FleetQuery {
  /** Matched against the vehicle's name and id, case-insensitive. */
  text: string;
  show: FleetShow;
  sort: FleetSort;
}

export interface FleetContext {
  now: number;
  staleAfterMs: number;
  /** Vehicles whose media room has live video from the vehicle. */
  live: ReadonlySet<string>;
}

/** The vehicles the query shows, in its order (stable: ties keep the name order). */
export function fleetView(vehicles: readonly DeskVehicle[], query: FleetQuery, context: FleetContext): DeskVehicle[] {
  const text = query.text.trim().toLowerCase();
  const shown = vehicles.filter((v) => {
    if (text && !v.name.toLowerCase().includes(text) && !v.id.includes(text)) return false;
    return matchesShow(v, query.show, context);
  });
  const byName = (a: DeskVehicle, b: DeskVehicle) => a.name.localeCompare(b.name, undefined, { numeric: true }) || a.id.localeCompare(b.id);
  const key = sortKey(query.sort, context);
  return shown.sort((a, b) => key(b) - key(a) || byName(a, b));
}

function matchesShow(v: DeskVehicle, show: FleetShow, { now, staleAfterMs, live }: FleetContext): boolean {
  switch (show) {
    case 'all':
      return true;
    case 'attention':
      return needsAttention(v, now, staleAfterMs);
    case 'stale':
      return contactOf(v, now, staleAfterMs).state !== 'ok';
    case 'live':
      return live.has(v.id);
    case 'unread':
      return v.unread > 0;
    case 'orders':
      return v.openOrders > 0;
  }
}

/** A number to sort by, larger first; `name` sorts by the tie-break alone. */
function sortKey(sort: FleetSort, { now, staleAfterMs }: FleetContext): (v: DeskVehicle) => number {
  switch (sort) {
    case 'attention':
      return (v) => attention(v, now, staleAfterMs);
    case 'name':
      return () => 0;
    case 'contact':
      // Longest silence first; never heard from before all.
      return (v) => (v.lastContactAt === null ? Number.MAX_SAFE_INTEGER : now - v.lastContactAt);
    case 'unread':
      return (v) => v.unread;
    case 'orders':
      return (v) => v.overdueOrders * 10_000 + v.openOrders;
  }
}
