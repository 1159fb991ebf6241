import type { Logger } from '../../platform/log/logger';
import type { MoMessage } from '../../protocol/sbd/directIpMo';
import { moSessionMeaning } from '../../protocol/sbd/directIpStatus';
import { SbdPayloadError, decodeSbdPayload } from '../../protocol/sbd/sbdPayload';
import { publishExchange, publishIngest } from '../feed/publishers';
import type { IncidentPublisherDeps } from '../feed/incidentPublishers';
import { ingestExchange } from '../ingest/applyExchange';
import { StoreFullError } from '../store/errors';

export interface MoIngestDeps extends IncidentPublisherDeps {
  log: Logger;
}

/** What became of one MO delivery: whether the gateway is told it was taken (confirmation 1), and why, for the log. */
export interface MoOutcome {
  taken: boolean;
  reason: string;
  /** Not taken for now only (the disk is full): a sender that retries (RockBLOCK push) is asked to. */
  retry?: true;
}

/**
 * Takes one decoded MO delivery: the CDR reference makes a second delivery of the same
 * session a no-op, the IMEI names the vehicle, the payload's vehicle tag and CRC are
 * checked, and its items go through the very unit of work of the HTTP exchange
 * (`ingestExchange`), so an item that arrives by SBD and again over IP is kept once by
 * (vehicle, seq). Nothing is stored for a delivery that is refused.
 */
export async function ingestMo(deps: MoIngestDeps, mo: MoMessage, source: string, now: () => number = Date.now): Promise<MoOutcome> {
  const { store, log } = deps;
  const { header } = mo;
  const tag = `CDR ${header.cdrReference} from IMEI ${header.imei} (${source})`;
  const seen = await store.iridium.moSession(header.cdrReference);
  if (seen) return { taken: true, reason: `${tag}: delivered again; taken before for ${seen.vehicleId}, nothing stored twice` };
  const mapped = await store.iridium.vehicleByImei(header.imei);
  if (!mapped) return { taken: false, reason: `${tag}: no vehicle has this IMEI (center -- vehicles set <id> --imei …); nothing stored` };
  if (mapped.revoked) return { taken: false, reason: `${tag}: vehicle ${mapped.vehicleId} is revoked; nothing stored` };
  const vehicleId = mapped.vehicleId;

  let items: Uint8Array[] = [];
  if (mo.payload && mo.payload.length > 0) {
    try {
      items = decodeSbdPayload(mo.payload, { direction: 'mo', vehicleId }).items;
    } catch (error) {
      if (error instanceof SbdPayloadError)
        return { taken: false, reason: `${tag}: payload refused (${error.code}): ${error.message}; nothing stored` };
      throw error;
    }
  }
  let held = 0;
  if (items.length > 0) {
    let applied;
    try {
      applied = await ingestExchange(store, vehicleId, { v: 1, items, downAck: 0 }, now, {
        path: 'sbd',
        cdrReference: header.cdrReference,
        momsn: header.momsn,
        sessionAt: header.timeOfSession * 1000,
      });
    } catch (error) {
      if (error instanceof StoreFullError) {
        publishIngest(deps.feed, false, 'the disk under the center store is full');
        return {
          taken: false,
          retry: true,
          reason: `${tag}: the center's disk is full; nothing stored (the gateway may deliver it again)`,
        };
      }
      throw error;
    }
    publishIngest(deps.feed, true, null);
    publishExchange(deps, vehicleId, applied.effects);
    for (const refused of [...applied.response.rejected, ...applied.response.deferred])
      log.warn(`${tag}: item seq ${refused.seq} of ${vehicleId} refused (${refused.code}): ${refused.message}`);
    held = items.length - applied.response.rejected.length - applied.response.deferred.length;
  }
  await store.iridium.recordMo({
    cdrReference: header.cdrReference,
    imei: header.imei,
    vehicleId,
    sessionStatus: header.sessionStatus,
    momsn: header.momsn,
    sessionAt: header.timeOfSession * 1000,
    receivedAt: now(),
    payloadBytes: mo.payload?.length ?? 0,
    items: items.length,
    held,
    location: mo.location ?? null,
  });
  const status = header.sessionStatus === 0 ? '' : ` (session status ${header.sessionStatus}: ${moSessionMeaning(header.sessionStatus)})`;
  return { taken: true, reason: `${tag}: ${vehicleId}, MOMSN ${header.momsn}, ${held} of ${items.length} items held${status}` };
}
