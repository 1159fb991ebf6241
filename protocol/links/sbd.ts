import { z } from 'zod';
import { BooleanMetric, NumberMetric, TextMetric, metric } from './metric';

/**
 * What an Iridium SBD session (`+SBDIX`) came to, by MO status code (Iridium ISU AT
 * Command Reference): 0–4 success; 5–15 gateway-side failures; 16–65 transceiver-side.
 */
export const SbdOutcome = z.enum([
  'success',
  'gateway-failure',
  'call-timeout',
  'mo-queue-full',
  'access-denied',
  'locked',
  'gateway-not-responding',
  'rf-drop',
  'link-failure',
  'no-network-service',
  'antenna-fault',
  'radio-disabled',
  'busy',
  'wait-after-registration',
  'sbd-disabled',
  'traffic-management',
  'band-violation',
  'pll-lock-failure',
  'unknown',
]);
export type SbdOutcome = z.infer<typeof SbdOutcome>;

export const SbdSession = z.object({
  /** MO status 0..65 as the transceiver reported it. */
  moStatus: z.number().int().min(0).max(255),
  outcome: SbdOutcome,
  momsn: z.number().int().min(0).max(65535),
  /** MT status: 0 no message, 1 received, 2 mailbox check failed. */
  mtStatus: z.number().int().min(0).max(2),
  mtmsn: z.number().int().min(0).max(65535),
  mtLength: z.number().int().min(0).max(2000),
  /** Messages still waiting at the gateway. */
  mtQueued: z.number().int().min(0).max(65535),
});
export type SbdSession = z.infer<typeof SbdSession>;

/** An Iridium SBD transceiver (9602/9603, RockBLOCK). */
export const SbdRadio = z.object({
  /** 0..5 from `+CSQ`/`+CIEV:0`. */
  bars: NumberMetric.optional(),
  /** Network service available (`+CIEV:1`). */
  service: BooleanMetric.optional(),
  /** Antenna fault indicator (`+CIEV:2`, 9602/9603). */
  antennaFault: BooleanMetric.optional(),
  lastSession: metric(SbdSession).optional(),
  /** A mobile-terminated message is waiting (`SBDRING`, or `mtQueued` > 0). */
  ringPending: BooleanMetric.optional(),
  imei: TextMetric.optional(),
});
export type SbdRadio = z.infer<typeof SbdRadio>;
