import { AttachmentCreate, OFFSET_MIME, UPLOAD_HEADERS } from '../../protocol/sync/attachments';
import { CBOR_MIME, SYNC_PATHS } from '../../protocol/sync/http';
import { Uuid } from '../../protocol/sync/items';
import { authenticate, recordContact } from './auth';
import { decodeContent, parseCbor, readBody, requireMediaType } from './body';
import type { CenterContext } from './context';
import { CenterHttpError } from './errors';
import { sendCbor } from './respond';
import { SEGMENT, type Route } from './router';

const CREATE_LIMIT = 16 * 1024;
const ONE_UPLOAD = new RegExp(`^${SYNC_PATHS.attachments}/${SEGMENT}$`);

/** A path's attachment id, or 404 when it is not a UUIDv7 (no such upload can exist). */
function attachmentId(raw: string | undefined): string {
  const parsed = Uuid.safeParse(raw);
  if (!parsed.success) throw new CenterHttpError('not-found', 'no such upload (attachment ids are lower-case UUIDv7)');
  return parsed.data;
}

/** A non-negative integer header, or 400 naming it. */
function integerHeader(value: string | string[] | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value.trim()))
    throw new CenterHttpError('malformed', `${name} must be a non-negative integer`);
  return Number(value.trim());
}

/** Resumable attachment uploads (see protocol/sync/attachments.ts), vehicle tokens only. */
export function attachmentRoutes(context: CenterContext): Route[] {
  const { store, uploads } = context;
  return [
    {
      method: 'POST',
      path: SYNC_PATHS.attachments,
      async handle({ req, res }) {
        const vehicle = await authenticate(req, store, 'vehicle');
        requireMediaType(req, CBOR_MIME);
        const body = await decodeContent(req, await readBody(req, CREATE_LIMIT, 'attachment announcement'), CREATE_LIMIT * 4);
        const create = parseCbor(body, AttachmentCreate, 'attachment announcement');
        await recordContact(store, vehicle.id);
        const { state, created } = await uploads.create(vehicle.id, create);
        await sendCbor(req, res, created ? 201 : 200, state);
      },
    },
    {
      method: 'HEAD',
      path: ONE_UPLOAD,
      async handle({ req, res, params }) {
        const vehicle = await authenticate(req, store, 'vehicle');
        const state = await uploads.state(vehicle.id, attachmentId(params[0]));
        if (!state) throw new CenterHttpError('not-found', 'no such upload');
        await recordContact(store, vehicle.id);
        res.writeHead(200, {
          'cache-control': 'no-store',
          [UPLOAD_HEADERS.offset]: String(state.offset),
          [UPLOAD_HEADERS.length]: String(state.size),
          [UPLOAD_HEADERS.complete]: state.complete ? '1' : '0',
        });
        res.end();
      },
    },
    {
      method: 'PATCH',
      path: ONE_UPLOAD,
      async handle({ req, res, params }) {
        const vehicle = await authenticate(req, store, 'vehicle');
        const id = attachmentId(params[0]);
        requireMediaType(req, OFFSET_MIME);
        const offset = integerHeader(req.headers[UPLOAD_HEADERS.offset], 'Upload-Offset');
        if (offset === undefined) throw new CenterHttpError('malformed', 'Upload-Offset is required');
        const length = integerHeader(req.headers['content-length'], 'Content-Length');
        await recordContact(store, vehicle.id);
        const state = await uploads.patch(vehicle.id, id, offset, req, length);
        await sendCbor(req, res, 200, state);
      },
    },
  ];
}
