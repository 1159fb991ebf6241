import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { createLogger } from '../../../platform/log/logger';
import type { FleetPositionView } from '../../../protocol/api/fleet';
import type { ExchangeResponse } from '../../../protocol/sync/exchange';
import { applyFleetAnswer, fleetSince, listFleet } from '../store/fleetRepo';
import type { Store } from '../store/Store';
import type { LinkRoute } from './linkRoute';

const log = createLogger('fleet');

/**
 * Below this routine budget (kbit/s) a link is too narrow for the fleet even when the policy
 * sends routine traffic over it: the policy gives routine to the widest IP link, which is
 * HF data (a few kbit/s) when nothing else is up, and a full fleet is up to ~17 KB.
 */
export const MIN_FLEET_BUDGET_KBPS = 8;

export interface FleetExchangeEvents {
  /** An answer changed at least one other vehicle's position: the whole list. */
  changed: [positions: FleetPositionView[]];
}

/**
 * The fleet part of the sync engine's exchanges (docs/sync.md, "Fleet positions"): asks
 * for the other vehicles' positions from the revision held, keeps what comes back. Other
 * vehicles' positions are routine traffic: an exchange asks only when it goes over the
 * link the policy gives routine now, and that link's routine budget is at least
 * `MIN_FLEET_BUDGET_KBPS`, so on a link kept for flash and immediate traffic, or one as
 * narrow as HF data, the fleet costs no byte. It is never asked over a narrow link's stream
 * (several exchanges on their way at once), so the last question asked is the one its answer
 * is for.
 *
 * Keeping the fleet is never the exchange's failure: a store error here is logged, and
 * the next exchange asks again from the same revision.
 */
export class FleetExchange extends SafeEmitter<FleetExchangeEvents> {
  readonly #store: Store;
  /** The revision the exchange in flight asked from, if it asked. */
  #asked: number | undefined;

  constructor(options: { store: Store }) {
    super();
    this.#store = options.store;
  }

  /** The request's fleet part for an exchange over `link`, given where routine traffic goes now. */
  ask(vehicleId: string, link: LinkRoute, routine: LinkRoute | undefined): { fleetSince?: number } {
    this.#asked = undefined;
    if (routine?.linkId !== link.linkId || routine.budgetKbps < MIN_FLEET_BUDGET_KBPS || link.route.stream) return {};
    try {
      this.#asked = fleetSince(this.#store.db, vehicleId);
    } catch (error) {
      log.warn(`the fleet revision could not be read, not asking for other vehicles: ${messageOf(error)}`);
      return {};
    }
    return { fleetSince: this.#asked };
  }

  /** Keeps the answer's fleet (when the question asked for it) and tells when a position changed. */
  take(vehicleId: string, response: ExchangeResponse, now = Date.now()): void {
    const since = this.#asked;
    this.#asked = undefined;
    if (since === undefined || !response.fleet) return;
    let positions: FleetPositionView[] | undefined;
    try {
      const changed = applyFleetAnswer(this.#store.db, { vehicleId, since, answer: response.fleet, now });
      positions = changed ? listFleet(this.#store.db) : undefined;
    } catch (error) {
      log.warn(`other vehicles' positions could not be kept: ${messageOf(error)}`);
    }
    if (positions) this.safeEmit('changed', positions);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
