import { z } from 'zod';
import { Slug, Timestamp } from '../common';
import { AccessTechnology, RegistrationState, SimState } from './cellular';

export const LinkKind = z.enum(['cellular', 'satellite-ip', 'satellite-sbd', 'hf', 'wired', 'wifi']);
export type LinkKind = z.infer<typeof LinkKind>;

export const LinkState = z.enum(['up', 'degraded', 'down', 'unknown']);
export type LinkState = z.infer<typeof LinkState>;

/**
 * Why a link is in its state. The renderer translates `code` (key `reason.<code>`)
 * and fills in `detail`, so reasons read naturally in zh-CN and en.
 */
export const LinkReasonCode = z.enum([
  'ok',
  'starting',
  'connecting',
  'port-missing',
  'port-permission',
  'port-error',
  'port-closed',
  'not-responding',
  'no-sim',
  'sim-locked',
  'sim-failure',
  'searching',
  'not-registered',
  'denied',
  'emergency-only',
  'weak-signal',
  'stale',
  'demo-unavailable',
]);
export type LinkReasonCode = z.infer<typeof LinkReasonCode>;

export const LinkReason = z.object({
  code: LinkReasonCode,
  /** Free text that completes the reason: a port path, a modem's error text. */
  detail: z.string().max(300).optional(),
});
export type LinkReason = z.infer<typeof LinkReason>;

/** A measured value, when it was last seen, and whether that is too long ago to trust. */
function metric<T extends z.ZodType>(value: T) {
  return z.object({ value, at: Timestamp, stale: z.boolean() });
}
export const NumberMetric = metric(z.number());
export type NumberMetric = z.infer<typeof NumberMetric>;
export const TextMetric = metric(z.string().max(200));
export type TextMetric = z.infer<typeof TextMetric>;
export interface Metric<T> {
  value: T;
  at: Timestamp;
  stale: boolean;
}

export const DeviceConnectionState = z.enum(['connecting', 'ready', 'unresponsive', 'lost']);
export type DeviceConnectionState = z.infer<typeof DeviceConnectionState>;

export const DeviceInfo = z.object({
  driver: z.string(),
  /** Serial port path or network address. */
  address: z.string().optional(),
  manufacturer: z.string().optional(),
  model: z.string().optional(),
  revision: z.string().optional(),
  connection: DeviceConnectionState,
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/** Radio metrics of a cellular link; every field is absent until the modem has reported it. */
export const CellularRadio = z.object({
  sim: metric(SimState).optional(),
  registration: metric(RegistrationState).optional(),
  technology: metric(AccessTechnology).optional(),
  operatorName: TextMetric.optional(),
  /** MCC-MNC, e.g. `460-00`. */
  plmn: TextMetric.optional(),
  band: TextMetric.optional(),
  cellId: TextMetric.optional(),
  rssiDbm: NumberMetric.optional(),
  rsrpDbm: NumberMetric.optional(),
  rsrqDb: NumberMetric.optional(),
  sinrDb: NumberMetric.optional(),
  /** The NR leg of an EN-DC (NSA) connection. */
  nrRsrpDbm: NumberMetric.optional(),
  nrSinrDb: NumberMetric.optional(),
  /** 0..5, derived from the best available signal measure. */
  bars: NumberMetric.optional(),
});
export type CellularRadio = z.infer<typeof CellularRadio>;

export const LinkStatus = z.object({
  id: Slug,
  name: z.string().min(1).max(64),
  kind: LinkKind,
  state: LinkState,
  reason: LinkReason,
  /** When the link entered its current state. */
  since: Timestamp,
  metered: z.boolean(),
  device: DeviceInfo,
  cellular: CellularRadio.optional(),
});
export type LinkStatus = z.infer<typeof LinkStatus>;

export const LinkStateChange = z.object({
  linkId: Slug,
  from: LinkState,
  to: LinkState,
  reason: LinkReason,
  at: Timestamp,
});
export type LinkStateChange = z.infer<typeof LinkStateChange>;
