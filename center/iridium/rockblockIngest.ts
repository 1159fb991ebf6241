import { createHash } from 'node:crypto';
import type { MoMessage } from '../../protocol/sbd/directIpMo';
import { transmitTimeMs, type RockblockClaims, type RockblockPushAnswer } from '../../protocol/sbd/rockblockPush';
import { ingestMo, type MoIngestDeps } from './moIngest';

/**
 * MO sessions are kept by a number (`directip_mo.cdr_reference`, migration 16). DirectIP's
 * CDR references are u32, so a RockBLOCK push is numbered from 2^32 up: the two can never
 * name the same session, and no migration is needed. The number comes from a hash of what
 * identifies the message (IMEI, MOMSN, transmit time) — the same push retried by Rock7 gets
 * the same number — and stays below 2^53 (a JSON number the desk reads exactly).
 */
export const ROCKBLOCK_SESSION_BASE = 2 ** 32;
const HASH_BITS = 48;
/** Slots tried after the hashed one when another message holds it (one in 2^48 per pair: in practice never). */
const MAX_PROBES = 16;

export function rockblockSessionNumber(imei: string, momsn: number, sessionAt: number): number {
  const digest = createHash('sha256').update(`${imei}/${momsn}/${sessionAt}`).digest();
  return ROCKBLOCK_SESSION_BASE + digest.readUIntBE(0, HASH_BITS / 8);
}

/** What became of a push: the 200 answer, or `retry` when the center cannot take it now (Rock7 is to send it again). */
export type RockblockOutcome = RockblockPushAnswer | { outcome: 'retry'; reason: string };

/**
 * Takes one verified push through the very path of a DirectIP MO (`ingestMo`: IMEI →
 * vehicle, the payload's vehicle tag and check, the exchange's unit of work with path
 * 'sbd', the session recorded once). A push Rock7 repeats finds its session recorded and
 * stores nothing twice; its items are kept once by (vehicle, seq) in any case.
 */
export async function ingestRockblockPush(
  deps: MoIngestDeps,
  claims: RockblockClaims,
  source: string,
  now: () => number = Date.now,
): Promise<RockblockOutcome> {
  const sessionAt = transmitTimeMs(claims.transmit_time)!;
  const tag = `MOMSN ${claims.momsn} from IMEI ${claims.imei} (${source})`;
  const slot = await freeSlot(deps, claims.imei, claims.momsn, sessionAt);
  if (slot.taken) return { outcome: 'again', reason: `${tag}: pushed again; taken before for ${slot.vehicleId}, nothing stored twice` };
  const mo: MoMessage = {
    header: {
      cdrReference: slot.number,
      imei: claims.imei,
      sessionStatus: 0,
      momsn: claims.momsn,
      mtmsn: 0,
      timeOfSession: sessionAt / 1000,
    },
    location:
      claims.iridium_latitude !== undefined && claims.iridium_longitude !== undefined
        ? { latitude: claims.iridium_latitude, longitude: claims.iridium_longitude, cepKm: Math.round(claims.iridium_cep ?? 0) }
        : undefined,
    payload: claims.data.length > 0 ? Uint8Array.from(Buffer.from(claims.data, 'hex')) : undefined,
  };
  const outcome = await ingestMo(deps, mo, source, now);
  if (outcome.taken) return { outcome: 'taken', reason: outcome.reason };
  return { outcome: outcome.retry ? 'retry' : 'refused', reason: outcome.reason };
}

/** The session number for this message: the one it was recorded under, or the first free slot from its hash. */
async function freeSlot(
  deps: MoIngestDeps,
  imei: string,
  momsn: number,
  sessionAt: number,
): Promise<{ taken: false; number: number } | { taken: true; vehicleId: string }> {
  const first = rockblockSessionNumber(imei, momsn, sessionAt);
  for (let number = first; number < first + MAX_PROBES; number++) {
    const recorded = await deps.store.iridium.moSession(number);
    if (!recorded) return { taken: false, number };
    if (recorded.imei === imei && recorded.momsn === momsn && recorded.sessionAt === sessionAt)
      return { taken: true, vehicleId: recorded.vehicleId };
  }
  throw new Error(`no free MO session number from ${first} for IMEI ${imei} MOMSN ${momsn}`);
}
