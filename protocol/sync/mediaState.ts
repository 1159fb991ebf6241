import { z } from 'zod';

/**
 * Why the center's live media is on or off, as a code the desk translates (the `reason`
 * beside it is the center's English detail, for the log and a tooltip):
 * - `configured`: the config's `media` block runs mediasoup;
 * - `loopback-defaults`: no `media` block, but the center listens on loopback only and
 *   mediasoup is installed, so it runs with defaults (WebRTC on 127.0.0.1);
 * - `stand-in`: a test backend (never in production);
 * - `not-configured`: no `media` block and the center is reachable beyond this machine
 *   (media needs an announced address and open ports: docs/media.md);
 * - `mediasoup-missing`: the mediasoup package or its worker binary is not installed;
 * - `start-failed`: mediasoup is there but its workers did not start.
 */
export const MediaStateCode = z.enum([
  'configured',
  'loopback-defaults',
  'stand-in',
  'not-configured',
  'mediasoup-missing',
  'start-failed',
]);
export type MediaStateCode = z.infer<typeof MediaStateCode>;

/** Live media as the desk sees it: on, or off and why. */
export const MediaState = z
  .object({
    on: z.boolean(),
    /** The center's own words (English), for detail; null when on without remark. */
    reason: z.string().nullable(),
    /** What the desk shows, translated. Absent from a center older than the codes. */
    code: MediaStateCode.optional(),
  })
  .strict();
export type MediaState = z.infer<typeof MediaState>;
