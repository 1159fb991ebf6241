import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { VehicleId } from '../../protocol/sync/credentials';
import { DeskItemsQuery, DirectoryRequest, OrderRequest, type DeskDownlinkItem, type DeskItemsResponse } from '../../protocol/sync/desk';
import { DESK_PATHS } from '../../protocol/sync/http';
import { Uuid } from '../../protocol/sync/items';
import { queueDirectory, queueOrder } from '../ingest/downlink';
import { publishQueued } from '../feed/publishers';
import { authenticate } from './auth';
import { check, parseJson, readBody, requireMediaType, type Schema } from './body';
import type { CenterContext } from './context';
import { CenterHttpError } from './errors';
import { sendJson } from './respond';
import { SEGMENT, type Route, type RouteContext } from './router';

/** Largest desk request body. */
export const DESK_BODY_LIMIT = 64 * 1024;

const vehiclePath = (rest: string) => new RegExp(`^${DESK_PATHS.vehicles}/${SEGMENT}${rest}$`);

/** The desk API (protocol/sync/desk.ts): JSON, staff tokens only. */
export function deskRoutes(context: CenterContext): Route[] {
  const { store } = context;

  /** The vehicle a path names: 404 when unknown; with `active`, 409 when revoked. */
  async function vehicleOf(raw: string | undefined, active = false): Promise<string> {
    const id = VehicleId.safeParse(raw);
    const credential = id.success ? await store.getCredential('vehicle', id.data) : undefined;
    if (!credential) throw new CenterHttpError('unknown-vehicle', `no vehicle ${JSON.stringify(raw ?? '').slice(0, 80)}`);
    if (active && credential.revokedAt !== null) throw new CenterHttpError('vehicle-revoked', `vehicle ${credential.id} is revoked`);
    return credential.id;
  }

  async function jsonBody<T>(req: RouteContext['req'], schema: Schema<T>, what: string): Promise<T> {
    requireMediaType(req, 'application/json');
    return parseJson(await readBody(req, DESK_BODY_LIMIT, what), schema, what);
  }

  async function items({ res, url }: RouteContext, vehicleId?: string): Promise<void> {
    const query = check(Object.fromEntries(url.searchParams), DeskItemsQuery, 'query');
    const found = await store.deskItems({ after: query.after, limit: query.limit, kind: query.kind, vehicleId });
    const response: DeskItemsResponse = { items: found, next: found.at(-1)?.cursor ?? query.after };
    sendJson(res, 200, response);
  }

  return [
    {
      method: 'GET',
      path: DESK_PATHS.vehicles,
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        sendJson(res, 200, { vehicles: await store.deskVehicles() });
      },
    },
    {
      method: 'GET',
      path: DESK_PATHS.items,
      async handle(route) {
        await authenticate(route.req, store, 'staff');
        await items(route);
      },
    },
    {
      method: 'GET',
      path: vehiclePath('/items'),
      async handle(route) {
        await authenticate(route.req, store, 'staff');
        await items(route, await vehicleOf(route.params[0]));
      },
    },
    {
      method: 'POST',
      path: vehiclePath('/orders'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const vehicleId = await vehicleOf(params[0], true);
        const order = await jsonBody(req, OrderRequest, 'order');
        const queued = await queueOrder(store, vehicleId, staff.name, order);
        publishQueued(context, [queued], { kind: 'order', priority: order.priority });
        sendJson(res, 201, { queued: [queued] });
      },
    },
    {
      method: 'GET',
      path: vehiclePath('/orders'),
      async handle({ req, res, params }) {
        await authenticate(req, store, 'staff');
        const records = await store.listDownlink(await vehicleOf(params[0]));
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
        await authenticate(req, store, 'staff');
        const request = await jsonBody(req, DirectoryRequest, 'directory');
        const vehicleIds = request.vehicleIds
          ? await Promise.all([...new Set(request.vehicleIds)].map((id) => vehicleOf(id, true)))
          : (await store.deskVehicles()).map((vehicle) => vehicle.id);
        const queued = await queueDirectory(store, vehicleIds, request);
        publishQueued(context, queued, { kind: 'directory', priority: 'routine' });
        sendJson(res, 201, { queued });
      },
    },
    {
      method: 'GET',
      path: vehiclePath(`/attachments/${SEGMENT}`),
      async handle({ req, res, params }) {
        await authenticate(req, store, 'staff');
        const vehicleId = await vehicleOf(params[0]);
        const attachmentId = Uuid.safeParse(params[1]);
        const upload = attachmentId.success ? await store.getUpload(vehicleId, attachmentId.data) : undefined;
        if (!upload || upload.completedAt === null) throw new CenterHttpError('not-found', 'no complete attachment with this id');
        const path = context.files.finalPath(vehicleId, upload.attachmentId);
        const size = await stat(path).then(
          (found) => found.size,
          () => undefined,
        );
        if (size !== upload.size) {
          context.log.warn(
            `attachment ${vehicleId}/${upload.attachmentId} is complete in the database but its file is ${size === undefined ? 'missing' : `${size} bytes`}: ${path}`,
          );
          throw new CenterHttpError('not-found', 'the attachment file is missing on the center; it was logged');
        }
        res.writeHead(200, {
          'content-type': safeMime(upload.mime),
          'content-length': String(upload.size),
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
          // What a vehicle uploads is not ours to run: never let a browser render it as a page.
          'content-security-policy': "sandbox; default-src 'none'",
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, max-age=3600',
        });
        await pipeline(createReadStream(path), res);
      },
    },
  ];
}

/** The stored MIME type if it is a plain `type/subtype[; params]`, else a neutral one. */
function safeMime(mime: string): string {
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9-]+=("[^"\r\n]*"|[a-z0-9._-]+))*$/i.test(mime)
    ? mime
    : 'application/octet-stream';
}
