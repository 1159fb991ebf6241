import { z } from 'zod';

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
