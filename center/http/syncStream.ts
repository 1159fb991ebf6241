import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isDiskFull } from '../../platform/sqlite/DatabaseError';
import { decodeCbor, encodeCbor } from '../../protocol/sync/codec';
import { MAX_INFLATED_EXCHANGE_BYTES } from '../../protocol/sync/exchange';
import { StreamRequestFrame, type StreamAnswerFrame } from '../../protocol/sync/stream';
import { parseWith } from '../../protocol/common';
import { publishVehicle } from '../feed/publishers';
import { authenticate, recordContact } from './auth';
import type { CenterContext } from './context';
import { CenterHttpError } from './errors';
import { takeExchange } from './syncRoutes';

/** Close code for a frame that is not the protocol (RFC 6455 1007: invalid payload data). */
const BAD_FRAME = 1007;
/** Close code when the vehicle's token was revoked while the stream was open (as media's). */
const REVOKED = 4003;

/**
 * `GET /sync/v1/stream` (WebSocket, protocol/sync/stream.ts): the exchange for narrow links.
 * The upgrade is authenticated like `POST /sync/v1/exchange`; each binary frame is one
 * exchange, taken in arrival order through the same unit of work (`takeExchange`) and
 * answered with its number. A frame that is not the protocol closes the stream with the
 * reason (nothing of it stored); a revoked token closes it at its next frame.
 */
export class SyncStream {
  readonly #context: CenterContext;
  readonly #wss = new WebSocketServer({
    noServer: true,
    // Deflated per message with context kept: an HF link pays only for what is new.
    perMessageDeflate: { threshold: 64 },
    maxPayload: MAX_INFLATED_EXCHANGE_BYTES,
  });

  constructor(context: CenterContext) {
    this.#context = context;
  }

  readonly upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const vehicle = await authenticate(req, this.#context.store, 'vehicle');
    await recordContact(this.#context.store, vehicle.id);
    publishVehicle(this.#context, vehicle.id);
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#serve(ws, vehicle.id, req));
  };

  close(): void {
    for (const ws of this.#wss.clients) ws.terminate();
    this.#wss.close();
  }

  #serve(ws: WebSocket, vehicleId: string, req: IncomingMessage): void {
    const { log } = this.#context;
    log.info(`sync stream: ${vehicleId} connected`);
    let chain = Promise.resolve();
    ws.on('message', (data: RawData, isBinary: boolean) => {
      chain = chain.then(() => this.#frame(ws, vehicleId, req, data, isBinary));
    });
    ws.on('error', (error) => log.debug(`sync stream of ${vehicleId}: ${error.message}`));
    ws.on('close', () => log.info(`sync stream: ${vehicleId} closed`));
  }

  async #frame(ws: WebSocket, vehicleId: string, req: IncomingMessage, data: RawData, isBinary: boolean): Promise<void> {
    if (ws.readyState !== ws.OPEN) return;
    const frame = isBinary ? readFrame(data) : { problem: 'text frame; the stream carries binary CBOR frames' };
    if ('problem' in frame) {
      this.#context.log.warn(`sync stream of ${vehicleId}: bad frame, closed: ${frame.problem}`);
      return ws.close(BAD_FRAME, frame.problem.slice(0, 120));
    }
    let answer: StreamAnswerFrame;
    try {
      // The token may have been revoked since the upgrade: checked again, as each HTTP request is.
      await authenticate(req, this.#context.store, 'vehicle');
      answer = { n: frame.n, r: await takeExchange(this.#context, vehicleId, frame.x) };
    } catch (error) {
      answer = { n: frame.n, e: this.#errorOf(error, vehicleId) };
      if (error instanceof CenterHttpError && error.code === 'unauthorized') {
        ws.send(encodeCbor(answer));
        return ws.close(REVOKED, 'credential revoked');
      }
    }
    ws.send(encodeCbor(answer));
  }

  #errorOf(error: unknown, vehicleId: string): { status: number; code: string; message: string } {
    if (error instanceof CenterHttpError) return { status: error.status, code: error.code, message: error.message };
    if (isDiskFull(error))
      return {
        status: 507,
        code: 'store-full',
        message: 'the center is out of disk space; nothing of this request was stored, try again later',
      };
    this.#context.log.error(`sync stream of ${vehicleId}: internal error`, error);
    return { status: 500, code: 'internal', message: 'internal error; the center logged it' };
  }
}

/** A frame read and checked at the door, or why not. */
function readFrame(data: RawData): StreamRequestFrame | { problem: string } {
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  let value: unknown;
  try {
    value = decodeCbor(bytes);
  } catch (error) {
    return { problem: `not CBOR: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = parseWith(StreamRequestFrame, value);
  return parsed.ok ? parsed.value : { problem: `not a stream frame: ${parsed.problem}` };
}
