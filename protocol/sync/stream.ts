import { z } from 'zod';
import { ExchangeRequest, ExchangeResponse } from './exchange';

/**
 * The sync exchange over one persistent WebSocket, for narrow links (docs/sync.md, "Narrow
 * links"): on HF an HTTP request's headers cost as much as the items it carries, and every
 * request waits out a 3 s round trip. Over the stream each exchange is one binary frame
 * (CBOR, deflated per message by the WebSocket), numbered, and several may be on their way
 * at once; the center answers each in order with the very answer `POST /sync/v1/exchange`
 * would give, or with the error it would have answered. Vehicle tokens only
 * (`Authorization: Bearer …` on the upgrade).
 */
export const SYNC_STREAM_PATH = '/sync/v1/stream';

/** One exchange: `n` numbers it on this socket (1, 2, …) so its answer can be matched. */
export const StreamRequestFrame = z.object({ n: z.number().int().min(1), x: ExchangeRequest }).strict();
export type StreamRequestFrame = z.infer<typeof StreamRequestFrame>;

/** The error an HTTP exchange would have answered: its status, the center's code and message. */
export const StreamError = z.object({ status: z.number().int(), code: z.string().max(64), message: z.string().max(1000) }).strict();

export const StreamAnswerFrame = z.union([
  z.object({ n: z.number().int().min(1), r: ExchangeResponse }).strict(),
  z.object({ n: z.number().int().min(0), e: StreamError }).strict(),
]);
export type StreamAnswerFrame = z.infer<typeof StreamAnswerFrame>;
