import { DeskMessageRequest, DeskReadRequest, type ConversationEntry } from '../../protocol/sync/desk';
import { DESK_PATHS } from '../../protocol/sync/http';
import { publishQueued, publishVehicle } from '../feed/publishers';
import { markMessagesRead, queueCenterMessage } from '../ingest/downlink';
import { authenticate } from './auth';
import type { CenterContext } from './context';
import { deskJsonBody, deskVehicle } from './deskRequest';
import { sendJson } from './respond';
import { SEGMENT, type Route } from './router';

const vehiclePath = (rest: string) => new RegExp(`^${DESK_PATHS.vehicles}/${SEGMENT}${rest}$`);

/** How many entries of a conversation the desk gets at once. */
const CONVERSATION_LIMIT = 200;

/** The conversation with one vehicle: read it, write to it, mark its messages read (a receipt goes down). */
export function deskConversationRoutes(context: CenterContext): Route[] {
  const { store } = context;
  return [
    {
      method: 'GET',
      path: vehiclePath('/conversation'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        sendJson(res, 200, await store.conversation(await deskVehicle(store, staff, params[0]), CONVERSATION_LIMIT));
      },
    },
    {
      method: 'POST',
      path: vehiclePath('/messages'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const vehicleId = await deskVehicle(store, staff, params[0], true);
        const message = await deskJsonBody(req, DeskMessageRequest, 'message');
        const queued = await queueCenterMessage(store, vehicleId, staff, message);
        publishQueued(context, [queued], { kind: 'center-message', priority: message.priority });
        const { entries } = await store.conversation(vehicleId, CONVERSATION_LIMIT);
        const entry: ConversationEntry | undefined = entries.find((e) => e.id === queued.id);
        sendJson(res, 201, { entry });
      },
    },
    {
      method: 'POST',
      path: vehiclePath('/read'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const vehicleId = await deskVehicle(store, staff, params[0]);
        const request = await deskJsonBody(req, DeskReadRequest, 'read marks');
        const read = await markMessagesRead(store, vehicleId, request.ids, staff);
        // The unread count changed: the vehicle's row (and its receipt, queued) go to every desk.
        if (read > 0) publishVehicle(context, vehicleId);
        sendJson(res, 200, { read });
      },
    },
  ];
}
