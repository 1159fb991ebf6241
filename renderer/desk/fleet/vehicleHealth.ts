import type { DeskVehicle } from '../../../protocol/sync/desk';

/** Whether a vehicle has been heard from within its expected interval, and why not. */
export type Contact =
  { state: 'never' } | { state: 'ok'; at: number; ageMs: number } | { state: 'stale'; at: number; ageMs: number; expectedMs: number };

export function contactOf(vehicle: Pick<DeskVehicle, 'lastContactAt'>, now: number, staleAfterMs: number): Contact {
  if (vehicle.lastContactAt === null) return { state: 'never' };
  const ageMs = Math.max(0, now - vehicle.lastContactAt);
  return ageMs > staleAfterMs
    ? { state: 'stale', at: vehicle.lastContactAt, ageMs, expectedMs: staleAfterMs }
    : { state: 'ok', at: vehicle.lastContactAt, ageMs };
}

/** The worst link state the vehicle last reported, or `none` when it reported no links. */
export function worstLink(vehicle: Pick<DeskVehicle, 'links'>): 'up' | 'degraded' | 'down' | 'unknown' | 'none' {
  if (vehicle.links.length === 0) return 'none';
  const states = new Set(vehicle.links.map((l) => l.state));
  if (states.has('up')) return states.has('down') || states.has('degraded') ? 'degraded' : 'up';
  if (states.has('degraded')) return 'degraded';
  if (states.has('down')) return 'down';
  return 'unknown';
}

/** How much a vehicle needs staff attention: higher first (no contact, overdue orders, unread messages, open orders). */
export function attention(vehicle: DeskVehicle, now: number, staleAfterMs: number): number {
  const contact = contactOf(vehicle, now, staleAfterMs);
  let score = 0;
  if (contact.state !== 'ok') score += 1000;
  score += vehicle.overdueOrders * 100;
  score += Math.min(vehicle.unread, 50) * 10;
  score += Math.min(vehicle.openOrders, 9);
  return score;
}

/** True when the vehicle needs someone to look at it now. */
export function needsAttention(vehicle: DeskVehicle, now: number, staleAfterMs: number): boolean {
  return contactOf(vehicle, now, staleAfterMs).state !== 'ok' || vehicle.overdueOrders > 0 || vehicle.unread > 0;
}
