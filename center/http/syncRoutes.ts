import { CBOR_MIME, SYNC_PATHS } from '../../protocol/sync/http';
import {
  ExchangeRequest,
  MAX_EXCHANGE_BYTES,
  MAX_INFLATED_EXCHANGE_BYTES,
  type ExchangeResponse,
  type HelloResponse,
} from '../../protocol/sync/exchange';
import { ExchangeRefused, ingestExchange } from '../ingest/applyExchange';
import { publishExchange, publishIngest, publishVehicle } from '../feed/publishers';
import { StoreFullError } from '../store/errors';
import { authenticate, recordContact } from './auth';
import { decodeContent, parseCbor, readBody, requireMediaType } from './body';
import type { CenterContext } from './context';
import { CenterHttpError } from './errors';
import { sendCbor } from './respond';
import type { Route } from './router';

/**
 * One exchange of a vehicle's, over HTTP or the stream (syncStream.ts): ingested in one unit
 * of work, then — committed, and only then — published to the desks. A refusal is a
 * CenterHttpError; a full disk is said on the feed before it is thrown.
 */
export async function takeExchange(context: CenterContext, vehicleId: string, request: ExchangeRequest): Promise<ExchangeResponse> {
  let applied;
  try {
    applied = await ingestExchange(context.store, vehicleId, request);
  } catch (error) {
    if (error instanceof ExchangeRefused) throw new CenterHttpError('down-mismatch', error.message);
    if (error instanceof StoreFullError) publishIngest(context.feed, false, 'the disk under the center store is full');
    throw error;
  }
  publishIngest(context.feed, true, null);
  publishExchange(context, vehicleId, applied.effects);
  return applied.response;
}

/** `GET /sync/v1/hello` and `POST /sync/v1/exchange`: CBOR, vehicle tokens only. */
export function syncRoutes(context: CenterContext): Route[] {
  const { store } = context;
  return [
    {
      method: 'GET',
      path: SYNC_PATHS.hello,
      async handle({ req, res }) {
        const vehicle = await authenticate(req, store, 'vehicle');
        await recordContact(store, vehicle.id);
        publishVehicle(context, vehicle.id);
        const state = await store.vehicleState(vehicle.id);
        if (!state) throw new CenterHttpError('unknown-vehicle', `no vehicle ${vehicle.id}`);
        const hello: HelloResponse = {
          vehicleId: state.id,
          name: state.name,
          ack: state.upAck,
          highestSeq: state.highestSeq,
          downSeq: state.downSeq,
          serverTime: Date.now(),
        };
        await sendCbor(req, res, 200, hello);
      },
    },
    {
      method: 'POST',
      path: SYNC_PATHS.exchange,
      async handle({ req, res }) {
        const vehicle = await authenticate(req, store, 'vehicle');
        requireMediaType(req, CBOR_MIME);
        const raw = await readBody(req, MAX_EXCHANGE_BYTES, 'exchange body');
        const body = await decodeContent(req, raw, MAX_INFLATED_EXCHANGE_BYTES);
        const request = parseCbor(body, ExchangeRequest, 'exchange request');
        const response = await takeExchange(context, vehicle.id, request);
        await sendCbor(req, res, 200, response);
      },
    },
  ];
}
