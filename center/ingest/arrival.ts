import type { DeskVia } from '../../protocol/sync/deskVia';
import type { UplinkArrival } from '../store/CenterStore';

/** The desk's `via` of an item stored now: the path it came by, nothing by the other path yet. */
export function viaOfArrival(arrival: UplinkArrival): DeskVia {
  return arrival.path === 'sbd'
    ? { path: 'sbd', cdrReference: arrival.cdrReference, momsn: arrival.momsn, sessionAt: arrival.sessionAt, otherPathAt: null }
    : { path: 'ip', cdrReference: null, momsn: null, sessionAt: null, otherPathAt: null };
}
