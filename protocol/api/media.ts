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
