import type { DeskOrder, DeskOrderRecipient, DeskOrderStep } from '../../../protocol/sync/desk';
import type { Priority } from '../../../protocol/sync/items';
import { furthest, isFinished, type OrderProgress } from '../../../protocol/sync/orderLifecycle';
import type { DeskOrdersFilter, NewOrder, OrderStep } from '../CenterStore';
import type { Statements } from './statements';
import { viaColumns, viaOf, type ViaRow } from './uplinkRows';

/** Orders, their recipients and steps: rows in, the desk's view out. */

interface OrderRow {
  id: string;
  text: string;
  priority: string;
  require_ack: number;
  from_name: string;
  created_at: number;
  deadline_at: number | null;
  target_lat: number | null;
  target_lon: number | null;
  target_label: string | null;
  cancelled_at: number | null;
  cancelled_by: string | null;
  cancel_reason: string | null;
}

interface RecipientRow {
  order_id: string;
  vehicle_id: string;
  vehicle_name: string;
  item_id: string;
  state: string;
  delivered_at: number | null;
}

interface StepRow extends ViaRow {
  item_id: string;
  state: string;
  at: number;
  by: string;
  reason: string | null;
}

export function insertOrder(statements: Statements, order: NewOrder): void {
  statements
    .get(
      `INSERT INTO orders (id, text, priority, require_ack, from_name, from_id, created_at, deadline_at, target_lat, target_lon, target_label)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      order.id,
      order.text,
      order.priority,
      order.requireAck ? 1 : 0,
      order.fromName,
      order.fromId,
      order.createdAt,
      order.deadline ?? null,
      order.target?.latitude ?? null,
      order.target?.longitude ?? null,
      order.target?.label ?? null,
    );
}

export function insertRecipient(statements: Statements, orderId: string, vehicleId: string, itemId: string): void {
  statements.get('INSERT INTO order_recipients (order_id, vehicle_id, item_id) VALUES (?, ?, ?)').run(orderId, vehicleId, itemId);
}

/** The recipient an order's downlink item belongs to, with where it stands. */
export function recipientByItem(
  statements: Statements,
  vehicleId: string,
  itemId: string,
): { orderId: string; state: OrderProgress; cancelled: boolean } | undefined {
  const row = statements
    .get(
      `SELECT r.order_id, r.state, o.cancelled_at FROM order_recipients r JOIN orders o ON o.id = r.order_id
       WHERE r.item_id = ? AND r.vehicle_id = ?`,
    )
    .get(itemId, vehicleId) as { order_id: string; state: OrderProgress; cancelled_at: number | null } | undefined;
  return row && { orderId: row.order_id, state: row.state, cancelled: row.cancelled_at !== null };
}

/** Records a crew step; the recipient's state becomes the furthest step reported (steps may arrive late). */
export function insertStep(statements: Statements, itemId: string, step: OrderStep): void {
  statements
    .get('INSERT INTO order_steps (item_id, state, at, by, reason, uplink_id) VALUES (?, ?, ?, ?, ?, ?)')
    .run(itemId, step.state, step.at, step.by, step.reason ?? null, step.uplinkId ?? null);
  const { state } = statements.get('SELECT state FROM order_recipients WHERE item_id = ?').get(itemId) as { state: OrderProgress };
  const next = furthest(state, step.state);
  if (next !== state) statements.get('UPDATE order_recipients SET state = ? WHERE item_id = ?').run(next, itemId);
}

/** Marks the order cancelled; returns its unfinished recipients (vehicle, item) to tell, or undefined when there is no such order. */
export function cancelOrderRow(
  statements: Statements,
  orderId: string,
  cancel: { by: string; reason?: string | undefined; at: number },
): Array<{ vehicleId: string; itemId: string }> | undefined {
  const row = statements.get('SELECT cancelled_at FROM orders WHERE id = ?').get(orderId) as { cancelled_at: number | null } | undefined;
  if (!row) return undefined;
  if (row.cancelled_at !== null) return [];
  statements
    .get('UPDATE orders SET cancelled_at = ?, cancelled_by = ?, cancel_reason = ? WHERE id = ?')
    .run(cancel.at, cancel.by, cancel.reason ?? null, orderId);
  const recipients = statements
    .get(`SELECT vehicle_id, item_id FROM order_recipients WHERE order_id = ? AND state NOT IN ('done', 'cannot-do')`)
    .all(orderId) as Array<{ vehicle_id: string; item_id: string }>;
  return recipients.map((r) => ({ vehicleId: r.vehicle_id, itemId: r.item_id }));
}

/** Orders for the desk, newest first, with every recipient and step. */
export function selectOrders(statements: Statements, filter: DeskOrdersFilter, now: number): DeskOrder[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.orderId !== undefined) {
    where.push('o.id = ?');
    params.push(filter.orderId);
  }
  if (filter.vehicleId !== undefined) {
    where.push('o.id IN (SELECT order_id FROM order_recipients WHERE vehicle_id = ?)');
    params.push(filter.vehicleId);
  }
  if (filter.open) {
    where.push(`o.cancelled_at IS NULL AND o.id IN (SELECT order_id FROM order_recipients WHERE state NOT IN ('done', 'cannot-do'))`);
  }
  const orders = statements
    .get(`SELECT o.* FROM orders o ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.created_at DESC, o.id DESC LIMIT ?`)
    .all(...params, filter.limit) as OrderRow[];
  if (orders.length === 0) return [];
  const ids = JSON.stringify(orders.map((o) => o.id));
  const recipients = statements
    .get(
      `SELECT r.order_id, r.vehicle_id, c.name AS vehicle_name, r.item_id, r.state, d.delivered_at
       FROM order_recipients r
       JOIN credentials c ON c.role = 'vehicle' AND c.id = r.vehicle_id
       JOIN downlink_items d ON d.id = r.item_id
       WHERE r.order_id IN (SELECT value FROM json_each(?))
       ORDER BY c.name, r.vehicle_id`,
    )
    .all(ids) as RecipientRow[];
  const steps = statements
    .get(
      `SELECT s.item_id, s.state, s.at, s.by, s.reason, ${viaColumns('u')}
       FROM order_steps s JOIN order_recipients r ON r.item_id = s.item_id
       LEFT JOIN uplink_items u ON u.vehicle_id = r.vehicle_id AND u.id = s.uplink_id
       WHERE r.order_id IN (SELECT value FROM json_each(?)) ORDER BY s.at, s.rowid`,
    )
    .all(ids) as StepRow[];
  const stepsByItem = groupBy(steps, (s) => s.item_id);
  const recipientsByOrder = groupBy(recipients, (r) => r.order_id);
  return orders.map((o) => deskOrderOf(o, recipientsByOrder.get(o.id) ?? [], stepsByItem, now));
}

function deskOrderOf(o: OrderRow, recipients: RecipientRow[], stepsByItem: Map<string, StepRow[]>, now: number): DeskOrder {
  return {
    id: o.id,
    text: o.text,
    priority: o.priority as Priority,
    requireAck: o.require_ack === 1,
    from: o.from_name,
    createdAt: o.created_at,
    deadline: o.deadline_at,
    target:
      o.target_lat === null || o.target_lon === null
        ? null
        : { latitude: o.target_lat, longitude: o.target_lon, ...(o.target_label === null ? {} : { label: o.target_label }) },
    cancelledAt: o.cancelled_at,
    cancelledBy: o.cancelled_by,
    cancelReason: o.cancel_reason,
    recipients: recipients.map((r) => recipientOf(o, r, stepsByItem.get(r.item_id) ?? [], now)),
  };
}

function recipientOf(o: OrderRow, r: RecipientRow, crewSteps: StepRow[], now: number): DeskOrderRecipient {
  const steps: DeskOrderStep[] = [{ state: 'issued', at: o.created_at, by: o.from_name, reason: null }];
  if (r.delivered_at !== null) steps.push({ state: 'delivered', at: r.delivered_at, by: r.vehicle_name, reason: null });
  for (const s of crewSteps) steps.push({ state: s.state as OrderProgress, at: s.at, by: s.by, reason: s.reason, ...viaOf(s) });
  const state = furthest(r.state as OrderProgress, r.delivered_at !== null ? 'delivered' : 'issued');
  return {
    vehicleId: r.vehicle_id,
    vehicleName: r.vehicle_name,
    itemId: r.item_id,
    state,
    steps,
    overdue: o.deadline_at !== null && now > o.deadline_at && o.cancelled_at === null && !isFinished(state),
  };
}

/** Per vehicle (or of one vehicle, when given): orders neither finished nor cancelled, and those of them past their deadline. */
export function openOrderCounts(statements: Statements, now: number, vehicleId?: string): Map<string, { open: number; overdue: number }> {
  const one = vehicleId === undefined ? '' : 'AND r.vehicle_id = ?';
  const rows = statements
    .get(
      `SELECT r.vehicle_id, COUNT(*) AS open, SUM(o.deadline_at IS NOT NULL AND o.deadline_at < ?) AS overdue
       FROM order_recipients r JOIN orders o ON o.id = r.order_id
       WHERE o.cancelled_at IS NULL AND r.state NOT IN ('done', 'cannot-do') ${one}
       GROUP BY r.vehicle_id`,
    )
    .all(now, ...(vehicleId === undefined ? [] : [vehicleId])) as Array<{ vehicle_id: string; open: number; overdue: number }>;
  return new Map(rows.map((r) => [r.vehicle_id, { open: r.open, overdue: r.overdue }]));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
