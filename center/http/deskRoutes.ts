import { mediaState } from './mediaRoutes';
import {
  DeskItemsQuery,
  DirectoryRequest,
  OrderRequest,
  type DeskDownlinkItem,
  type DeskItemsResponse,
  type DeskMe,
} from '../../protocol/sync/desk';
import { DESK_PATHS } from '../../protocol/sync/http';
import { composeOrder, queueDirectory } from '../ingest/downlink';
import { vehicleFilter, visibleVehicleIds } from './access';
import { authenticate, type Principal } from './auth';
import { check } from './body';
import { deskJsonBody, deskVehicle } from './deskRequest';
import { requireFutureDeadline } from './deskOrderRoutes';
import { publishQueued } from '../feed/publishers';
import type { CenterContext } from './context';
import { sendJson } from './respond';
import { sendAttachment } from './sendAttachment';
import { SEGMENT, type Route, type RouteContext } from './router';

const DEFAULT_STALE_AFTER_MS = 10 * 60_000;

const vehiclePath = (rest: string) => new RegExp(`^${DESK_PATHS.vehicles}/${SEGMENT}${rest}$`);

/**
 * The desk API (protocol/sync/desk.ts): JSON, staff tokens only. Every route applies the
 * access rule of ./access.ts: lists hold only the vehicles the staff member may see, and
 * a route that names a vehicle outside them is refused before anything else happens.
 * Orders and the conversation: deskOrderRoutes, deskConversationRoutes.
 */
export function deskRoutes(context: CenterContext): Route[] {
  const { store } = context;
  const vehicleOf = (staff: Principal, raw: string | undefined, active = false) => deskVehicle(store, staff, raw, active);

  async function items({ res, url }: RouteContext, staff: Principal, vehicleId?: string): Promise<void> {
    const query = check(Object.fromEntries(url.searchParams), DeskItemsQuery, 'query');
    // Filtered in the store, not after it: a page is `limit` visible items and `next` never skips one.
    const visible = visibleVehicleIds(staff);
    const vehicleIds = visible === 'all' ? undefined : [...visible];
    const found = await store.deskItems({ after: query.after, limit: query.limit, kind: query.kind, vehicleId, vehicleIds });
    const response: DeskItemsResponse = { items: found, next: found.at(-1)?.cursor ?? query.after };
    sendJson(res, 200, response);
  }

  return [
    {
      method: 'GET',
      path: DESK_PATHS.vehicles,
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const visible = await vehicleFilter(staff);
        sendJson(res, 200, { vehicles: (await store.deskVehicles()).filter((vehicle) => visible(vehicle.id)) });
      },
    },
    {
      method: 'GET',
      path: DESK_PATHS.me,
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const me: DeskMe = {
          staff: { id: staff.id, name: staff.name, role: staff.access?.role ?? 'desk', groups: [...(staff.access?.groups ?? [])] },
          center: {
            version: context.version,
            media: mediaState(context),
            staleAfterMs: context.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
          },
        };
        sendJson(res, 200, me);
      },
    },
    {
      method: 'GET',
      path: DESK_PATHS.items,
      async handle(route) {
        await items(route, await authenticate(route.req, store, 'staff'));
      },
    },
    {
      method: 'GET',
      path: vehiclePath('/items'),
      async handle(route) {
        const staff = await authenticate(route.req, store, 'staff');
        await items(route, staff, await vehicleOf(staff, route.params[0]));
      },
    },
    {
      method: 'POST',
      path: vehiclePath('/orders'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const vehicleId = await vehicleOf(staff, params[0], true);
        const order = await deskJsonBody(req, OrderRequest, 'order');
        requireFutureDeadline(order.deadline);
        const { queued } = await composeOrder(store, [vehicleId], staff, order);
        publishQueued(context, queued, { kind: 'order', priority: order.priority });
        sendJson(res, 201, { queued });
      },
    },
    {
      method: 'GET',
      path: vehiclePath('/orders'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const records = await store.listDownlink(await vehicleOf(staff, params[0]));
        const items: DeskDownlinkItem[] = records.map(({ seq, id, kind, priority, createdAt, body, deliveredAt }) => ({
          seq,
          id,
          kind,
          priority,
          createdAt,
          body,
          deliveredAt,
        }));
        sendJson(res, 200, { items });
      },
    },
    {
      method: 'POST',
      path: DESK_PATHS.directory,
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const request = await deskJsonBody(req, DirectoryRequest, 'directory');
        // Named vehicles must all be visible (one outside refuses the whole request, nothing
        // queued); without names, "all" means all the vehicles this staff member sees.
        const visible = await vehicleFilter(staff);
        const vehicleIds = request.vehicleIds
          ? await Promise.all([...new Set(request.vehicleIds)].map((id) => vehicleOf(staff, id, true)))
          : (await store.deskVehicles()).filter((vehicle) => visible(vehicle.id)).map((vehicle) => vehicle.id);
        const queued = await queueDirectory(store, vehicleIds, request);
        publishQueued(context, queued, { kind: 'directory', priority: 'routine' });
        sendJson(res, 201, { queued });
      },
    },
    {
      method: 'GET',
      path: vehiclePath(`/attachments/${SEGMENT}`),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const vehicleId = await vehicleOf(staff, params[0]);
        await sendAttachment(context, res, vehicleId, params[1], 'attachment');
      },
    },
  ];
}
