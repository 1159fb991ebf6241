import { isFinished, type OrderProgress } from '../../../protocol/sync/orderLifecycle';
import type { DeskOrder, DeskOrderRecipient } from '../../../protocol/sync/desk';

/** A recipient is overdue when the deadline has passed and it has not finished (the center's flag, or the clock since). */
export function recipientOverdue(order: DeskOrder, recipient: DeskOrderRecipient, now: number): boolean {
  if (order.cancelledAt !== null || isFinished(recipient.state)) return false;
  return recipient.overdue || (order.deadline !== null && now > order.deadline);
}

/** How many recipients are overdue now. */
export function overdueCount(order: DeskOrder, now: number): number {
  return order.recipients.filter((r) => recipientOverdue(order, r, now)).length;
}

/** Open: not cancelled and some recipient not finished. */
export function isOpen(order: DeskOrder): boolean {
  return order.cancelledAt === null && order.recipients.some((r) => !isFinished(r.state));
}

/** How many recipients are in each state, in lifecycle order, only the states present. */
export function stateCounts(order: DeskOrder): Array<{ state: OrderProgress; count: number }> {
  const order_: OrderProgress[] = ['issued', 'delivered', 'acknowledged', 'in-progress', 'done', 'cannot-do'];
  return order_
    .map((state) => ({ state, count: order.recipients.filter((r) => r.state === state).length }))
    .filter((entry) => entry.count > 0);
}

/** The deadline relative to now: none, still ahead (ms left), or passed (ms over). */
export type DeadlineStatus = { kind: 'none' } | { kind: 'ahead'; leftMs: number } | { kind: 'passed'; overMs: number };

export function deadlineStatus(deadline: number | null, now: number): DeadlineStatus {
  if (deadline === null) return { kind: 'none' };
  return deadline >= now ? { kind: 'ahead', leftMs: deadline - now } : { kind: 'passed', overMs: now - deadline };
}

/** Overdue orders first, then open ones, newest first within each. */
export function sortOrders(orders: readonly DeskOrder[], now: number): DeskOrder[] {
  const rank = (o: DeskOrder) => (overdueCount(o, now) > 0 ? 2 : isOpen(o) ? 1 : 0);
  return [...orders].sort((a, b) => rank(b) - rank(a) || b.createdAt - a.createdAt);
}

/** The tone a state is drawn in (always beside its word). */
export function progressTone(state: OrderProgress, overdue: boolean): 'up' | 'degraded' | 'down' | 'unknown' | 'info' {
  if (state === 'cannot-do') return 'down';
  if (state === 'done') return 'up';
  if (overdue) return 'down';
  if (state === 'issued') return 'unknown';
  if (state === 'delivered') return 'degraded';
  return 'info';
}
