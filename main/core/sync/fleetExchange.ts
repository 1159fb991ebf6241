import type { Database } from 'better-sqlite3';
import type { Logger } from '../../../platform/log/logger';
import type { FleetPositionView } from '../../../protocol/api/fleet';
import type { ExchangeResponse } from '../../../protocol/sync/exchange';
import { applyFleetAnswer, fleetSince, listFleet } from '../store/fleetRepo';
import type { LinkRoute } from './linkRoute';

/**
 * The fleet part of an exchange (docs/sync.md, "Fleet positions"). Other vehicles'
 * positions are routine traffic: an exchange asks for them only when it goes over the link
 * the policy gives routine now, so on a link kept for flash and immediate traffic (Iridium,
 * HF) the fleet costs no byte.
 */
export function fleetRequest(db: Database, vehicleId: string, link: LinkRoute, routine: LinkRoute | undefined): { fleetSince?: number } {
  if (routine?.linkId !== link.linkId) return {};
  return { fleetSince: fleetSince(db, vehicleId) };
}

/**
 * Keeps what the answer brought; returns the whole list when a position changed (for the
 * `fleet.changed` event). A store failure here is logged, not the exchange's failure: the
 * outbox's outcome is already kept, and the next exchange asks from the same revision.
 */
export function takeFleetAnswer(
  db: Database,
  input: { vehicleId: string; asked: { fleetSince?: number }; response: ExchangeResponse; now: number },
  log: Logger,
): FleetPositionView[] | undefined {
  const { asked, response } = input;
  if (asked.fleetSince === undefined || !response.fleet) return undefined;
  try {
    const changed = applyFleetAnswer(db, { vehicleId: input.vehicleId, since: asked.fleetSince, answer: response.fleet, now: input.now });
    return changed ? listFleet(db) : undefined;
  } catch (error) {
    log.warn(`other vehicles' positions could not be kept: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}
