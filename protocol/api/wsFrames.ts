import { z } from 'zod';
import { ApiError } from './errors';
import { CoreEventMessage } from './coreApi';

/** Frames of the headless host's WebSocket (`/api`). JSON text, one frame per message. */

export const MAX_WS_FRAME_BYTES = 1024 * 1024;

export const WsClientFrame = z.object({
  type: z.literal('call'),
  /** Chosen by the client; echoed in the answer. */
  id: z.number().int().nonnegative(),
  method: z.string().max(100),
  params: z.unknown().optional(),
});
export type WsClientFrame = z.infer<typeof WsClientFrame>;

export const WsServerFrame = z.union([
  z.object({ type: z.literal('result'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number().int().nullable(), ok: z.literal(false), error: ApiError }),
  CoreEventMessage.extend({ type: z.literal('event') }),
]);
export type WsServerFrame = z.infer<typeof WsServerFrame>;
