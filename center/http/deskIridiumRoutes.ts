import { MT_CONFIRMATION_CODES, mtConfirmationMeaning, mtQueued } from '../../protocol/sbd/directIpStatus';
import type { DeskIridiumResponse, DeskMtMessage } from '../../protocol/sbd/deskIridium';
import { DESK_PATHS } from '../../protocol/sync/http';
import type { MtMessageRecord } from '../store/IridiumStore';
import { authenticate } from './auth';
import type { CenterContext } from './context';
import { deskVehicle } from './deskRequest';
import { sendJson } from './respond';
import { SEGMENT, type Route } from './router';

const LIMIT = 50;

/** `GET /desk/v1/vehicles/<id>/iridium` (protocol/sbd/deskIridium.ts): the vehicle's IMEI, MT messages and MO deliveries. */
export function deskIridiumRoutes(context: CenterContext): Route[] {
  const { store } = context;
  return [
    {
      method: 'GET',
      path: new RegExp(`^${DESK_PATHS.vehicles}/${SEGMENT}/iridium$`),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const vehicleId = await deskVehicle(store, staff, params[0]);
        const [imei, mt, mo] = await Promise.all([
          store.iridium.imeiOf(vehicleId),
          store.iridium.mtMessages(vehicleId, LIMIT),
          store.iridium.moSessions(vehicleId, LIMIT),
        ]);
        const answer: DeskIridiumResponse = {
          vehicleId,
          imei,
          mt: mt.map(deskMt),
          mo: mo.map(({ cdrReference, sessionStatus, momsn, sessionAt, receivedAt, payloadBytes, items, held, location }) => ({
            cdrReference,
            sessionStatus,
            momsn,
            sessionAt,
            receivedAt,
            payloadBytes,
            items,
            held,
            location,
          })),
        };
        sendJson(res, 200, answer);
      },
    },
  ];
}

/** An MT message as the desk shows it: its state, and the reason in a code and in words. */
export function deskMt(record: MtMessageRecord): DeskMtMessage {
  const common = {
    clientMessageId: record.clientMessageId,
    itemIds: [...record.itemIds],
    payloadBytes: record.payloadBytes,
    priority: record.priority,
    createdAt: record.createdAt,
    status: record.status,
    confirmedAt: record.confirmedAt,
  };
  if (record.status !== null) {
    const queued = mtQueued(record.status);
    return {
      ...common,
      state: queued ? 'queued' : 'refused',
      code: queued ? 'queued' : (MT_CONFIRMATION_CODES[record.status] ?? 'unknown-status'),
      detail: mtConfirmationMeaning(record.status),
    };
  }
  if (record.error !== null) return { ...common, state: 'failed', code: 'no-confirmation', detail: record.error.slice(0, 500) };
  return { ...common, state: 'sending', code: null, detail: 'sent to the gateway, no answer yet' };
}
