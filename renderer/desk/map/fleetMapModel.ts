import type { DeskVehicle } from '../../../protocol/sync/desk';
import type { LinkSummary } from '../../../protocol/sync/exchange';
import { contactOf, worstLink } from '../fleet/vehicleHealth';

/** The colour a vehicle's marker takes: its worst link, or grey (`silent`) when it has not been heard from in time. */
export type MarkerTone = 'up' | 'degraded' | 'down' | 'unknown' | 'silent';

/** One vehicle as the desk's fleet map draws it: where it last was, how old that is, and why its colour. */
export type VehicleMarker = {
  id: string;
  name: string;
  /** WGS-84 [latitude, longitude] of the last reported position. */
  at: [number, number];
  /** Age of that position (not of the last contact: a vehicle may sync without a new fix). */
  positionAgeMs: number;
  tone: MarkerTone;
  /** Since the vehicle was last heard from (null: never) — the reason of a `silent` marker. */
  contactAgeMs: number | null;
  /** Its links as last reported — the reason of the other colours. */
  links: LinkSummary[];
  /** Streaming video now (the live badge). */
  live: boolean;
};

/**
 * The fleet's markers: every vehicle that ever reported a position, at its last one. A vehicle
 * silent past `staleAfterMs` is `silent` whatever its links last said (that report is old);
 * otherwise its worst link gives the colour. Vehicles without a position are counted apart so
 * the page can say how many are not on the map, and why.
 */
export function fleetMarkers(
  vehicles: readonly DeskVehicle[],
  now: number,
  staleAfterMs: number,
  liveIds: ReadonlySet<string>,
): { markers: VehicleMarker[]; unplaced: number } {
  const markers: VehicleMarker[] = [];
  let unplaced = 0;
  for (const vehicle of vehicles) {
    if (!vehicle.position) {
      unplaced++;
      continue;
    }
    const contact = contactOf(vehicle, now, staleAfterMs);
    const link = worstLink(vehicle);
    markers.push({
      id: vehicle.id,
      name: vehicle.name,
      at: [vehicle.position.latitude, vehicle.position.longitude],
      positionAgeMs: Math.max(0, now - vehicle.position.at),
      tone: contact.state !== 'ok' ? 'silent' : link === 'none' ? 'unknown' : link,
      contactAgeMs: contact.state === 'never' ? null : contact.ageMs,
      links: vehicle.links,
      live: liveIds.has(vehicle.id),
    });
  }
  return { markers, unplaced };
}
