import { DeskOrdersQuery, OrderCancelRequest, OrderCompose, type DeskOrder } from '../../protocol/sync/desk';
import { DESK_PATHS } from '../../protocol/sync/http';
import { Uuid } from '../../protocol/sync/items';
import { cancelOrder, composeOrder } from '../ingest/downlink';
import { publishQueued } from '../feed/publishers';
import { vehicleFilter } from './access';
import { orderIncident } from './orderIncident';
import { authenticate, type Principal } from './auth';
import { check } from './body';
import type { CenterContext } from './context';
import { deskJsonBody, deskVehicle } from './deskRequest';
import { CenterHttpError } from './errors';
import { sendJson } from './respond';
import { SEGMENT, type Route } from './router';

const orderPath = (rest = '') => new RegExp(`^${DESK_PATHS.orders}/${SEGMENT}${rest}$`);

/** An order's 执行时限 must lie ahead when it is sent (a minute of clock skew is forgiven). */
export function requireFutureDeadline(deadline: number | undefined, now = Date.now()): void {
  if (deadline !== undefined && deadline < now - 60_000)
    throw new CenterHttpError('deadline-past', `the deadline ${new Date(deadline).toISOString()} has already passed`);
}

/**
 * Orders at the desk: compose to one vehicle, a set or all; list and read them with every
 * recipient's steps; cancel. A staff member sees only the recipients they may command.
 */
export function deskOrderRoutes(context: CenterContext): Route[] {
  const { store } = context;

  /** The order as this staff member may see it: undefined when none of its recipients are theirs. */
  async function visibleOrder(staff: Principal, order: DeskOrder | undefined): Promise<DeskOrder | undefined> {
    if (!order) return undefined;
    const visible = await vehicleFilter(staff);
    const recipients = order.recipients.filter((r) => visible(r.vehicleId));
    return recipients.length > 0 ? { ...order, recipients } : undefined;
  }

  async function oneOrder(staff: Principal, raw: string | undefined): Promise<DeskOrder> {
    const id = Uuid.safeParse(raw);
    const [order] = id.success ? await store.deskOrders({ orderId: id.data, limit: 1 }, Date.now()) : [];
    const shown = await visibleOrder(staff, order);
    if (!shown) throw new CenterHttpError('unknown-order', `no order ${JSON.stringify(raw ?? '').slice(0, 80)}`);
    return shown;
  }

  return [
    {
      method: 'POST',
      path: DESK_PATHS.orders,
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const compose = await deskJsonBody(req, OrderCompose, 'order');
        requireFutureDeadline(compose.deadline);
        let vehicleIds: string[];
        if ('all' in compose.to) {
          const visible = await vehicleFilter(staff);
          vehicleIds = (await store.deskVehicles()).map((v) => v.id).filter(visible);
          if (vehicleIds.length === 0) throw new CenterHttpError('unknown-vehicle', 'there is no vehicle this order could go to');
        } else {
          vehicleIds = [];
          for (const raw of new Set(compose.to.vehicleIds)) vehicleIds.push(await deskVehicle(store, staff, raw, true));
        }
        const { to: _to, ...order } = compose;
        const incident = compose.incidentId === undefined ? undefined : await orderIncident(context, staff, compose.incidentId);
        const { orderId, queued } = await composeOrder(store, vehicleIds, staff, { ...order, incident });
        publishQueued(context, queued, { kind: 'order', priority: order.priority });
        sendJson(res, 201, { order: await oneOrder(staff, orderId) });
      },
    },
    {
      method: 'GET',
      path: DESK_PATHS.orders,
      async handle({ req, res, url }) {
        const staff = await authenticate(req, store, 'staff');
        const query = check(Object.fromEntries(url.searchParams), DeskOrdersQuery, 'query');
        const vehicleId = query.vehicleId === undefined ? undefined : await deskVehicle(store, staff, query.vehicleId);
        const found = await store.deskOrders({ vehicleId, open: query.state === 'open', limit: query.limit }, Date.now());
        const orders: DeskOrder[] = [];
        for (const order of found) {
          const shown = await visibleOrder(staff, order);
          if (shown) orders.push(shown);
        }
        sendJson(res, 200, { orders });
      },
    },
    {
      method: 'GET',
      path: orderPath(),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        sendJson(res, 200, { order: await oneOrder(staff, params[0]) });
      },
    },
    {
      method: 'POST',
      path: orderPath('/cancel'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const order = await oneOrder(staff, params[0]);
        const request = await deskJsonBody(req, OrderCancelRequest, 'cancellation');
        // Only the whole order can be withdrawn: a staff member who cannot command every recipient may not.
        const visible = await vehicleFilter(staff);
        const [full] = await store.deskOrders({ orderId: order.id, limit: 1 }, Date.now());
        const foreign = full?.recipients.find((r) => !visible(r.vehicleId));
        if (foreign) await deskVehicle(store, staff, foreign.vehicleId);
        const queued = await cancelOrder(store, order.id, staff, order.priority, request.reason);
        if (queued) publishQueued(context, queued, { kind: 'order-cancel', priority: order.priority });
        sendJson(res, 200, { order: await oneOrder(staff, order.id) });
      },
    },
  ];
}
