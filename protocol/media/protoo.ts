import { z } from 'zod';

/**
 * The protoo wire format (versatica/protoo), as mediasoup-demo speaks it over a WebSocket
 * with sub-protocol `protoo`: JSON requests, responses and notifications. Checked at the
 * door on both ends; a frame that is none of these is answered by closing nothing and
 * logging it (a request with a readable id gets an error response).
 */

export const PROTOO_SUBPROTOCOL = 'protoo';
/** Largest frame either side takes (SDP-free mediasoup parameters are a few KiB). */
export const MAX_PROTOO_FRAME_BYTES = 256 * 1024;

const Id = z
  .number()
  .int()
  .min(0)
  .max(2 ** 53 - 1);
const Method = z.string().min(1).max(64);

export const ProtooRequest = z.object({ request: z.literal(true), id: Id, method: Method, data: z.unknown().optional() }).strict();
export type ProtooRequest = z.infer<typeof ProtooRequest>;

export const ProtooSuccess = z.object({ response: z.literal(true), id: Id, ok: z.literal(true), data: z.unknown().optional() }).strict();
export const ProtooFailure = z
  .object({ response: z.literal(true), id: Id, ok: z.literal(false), errorCode: z.number().int(), errorReason: z.string().max(2000) })
  .strict();
export const ProtooResponse = z.union([ProtooSuccess, ProtooFailure]);
export type ProtooResponse = z.infer<typeof ProtooResponse>;

export const ProtooNotification = z.object({ notification: z.literal(true), method: Method, data: z.unknown().optional() }).strict();
export type ProtooNotification = z.infer<typeof ProtooNotification>;

export const ProtooMessage = z.union([ProtooRequest, ProtooSuccess, ProtooFailure, ProtooNotification]);
export type ProtooMessage = z.infer<typeof ProtooMessage>;

/** Error codes in responses, after HTTP's: 400 bad request data, 403 not allowed for this peer, 404 unknown id, 500 the backend failed. */
export const PROTOO_ERRORS = { badRequest: 400, forbidden: 403, notFound: 404, internal: 500, unavailable: 503 } as const;
