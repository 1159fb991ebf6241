import { MAX_FLEET_ENTRIES, fleetEntryOf, type FleetAnswer } from '../../protocol/sync/fleet';
import type { ExchangeTx } from '../store/CenterStore';

/**
 * The exchange answer's `fleet` for a vehicle holding fleet revision `since`: the latest
 * position of every other active vehicle that moved after it (each once: coalesced), and
 * the revision to ask from next; vehicles revoked since are named in `gone`. When more moved than one answer takes, `rev` stops at the
 * last one sent, so the next exchange continues there and nothing is skipped.
 */
export async function fleetAnswer(tx: ExchangeTx, since: number): Promise<FleetAnswer> {
  const changes = await tx.fleetAfter(since, MAX_FLEET_ENTRIES + 1);
  const sent = changes.vehicles.slice(0, MAX_FLEET_ENTRIES);
  const truncated = changes.vehicles.length > MAX_FLEET_ENTRIES;
  const gone = sent.filter((v) => v.revoked).map((v) => v.vehicleId);
  return {
    rev: truncated ? sent[sent.length - 1]!.rev : changes.top,
    vehicles: sent.filter((v) => !v.revoked).map(fleetEntryOf),
    ...(gone.length > 0 ? { gone } : {}),
  };
}
