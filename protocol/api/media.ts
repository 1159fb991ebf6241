import { z } from 'zod';
import { Timestamp } from '../common';
import { MediaStateCode } from '../sync/mediaState';

/** What the renderer needs to open the media signaling socket: the URL with a fresh single-use ticket. */
export const MediaTicketView = z.object({
  socketUrl: z.string(),
  roomId: z.string(),
  peerId: z.string(),
  /** The link the center was reached over (the one carrying live media). */
  linkId: z.string(),
  linkName: z.string(),
});
export type MediaTicketView = z.infer<typeof MediaTicketView>;

/**
 * Whether the center runs live media, as the console last learned it: `unknown` when it could
 * not ask (no center, no link for live media, unreachable, or a center older than the question),
 * with `reason` saying which (English; the UI shows `code` translated where there is one).
 */
export const CenterMediaView = z.object({
  state: z.enum(['on', 'off', 'unknown']),
  code: MediaStateCode.optional(),
  reason: z.string().nullable(),
  checkedAt: Timestamp,
});
export type CenterMediaView = z.infer<typeof CenterMediaView>;

/** What a local recording may be (MediaRecorder's containers). */
export const RecordingMime = z.enum(['video/webm', 'audio/webm', 'video/mp4']);
/** Largest chunk in one call, as base64 (the WebSocket bridge takes frames up to 1 MiB). */
export const MAX_RECORDING_CHUNK_BASE64 = 900_000;

export const RecordingAppend = z
  .object({
    id: z.string().min(1).max(64),
    /** 0, 1, 2, … in the order MediaRecorder made them; a repeat is taken once. */
    seq: z.number().int().min(0).max(10_000_000),
    data: z
      .string()
      .max(MAX_RECORDING_CHUNK_BASE64)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
  })
  .strict();
