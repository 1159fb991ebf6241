import { z } from 'zod';
import { Slug, Timestamp } from '../common';
import { CellularRadio } from './cellular';
import { GnssFix } from './gnss';
import { HfRadio } from './hf';
import { PathHealth } from './path';
import { SbdRadio } from './sbd';

export { BooleanMetric, NumberMetric, TextMetric, metric, type Metric } from './metric';
export { CellularRadio } from './cellular';

/** What kind of device a tile stands for. `gnss` is a position source, not a carrier. */
export const LinkKind = z.enum(['cellular', 'satellite-ip', 'satellite-sbd', 'hf', 'wired', 'wifi', 'gnss']);
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
  // the device's port or service
  'port-missing',
  'port-permission',
  'port-error',
  'port-closed',
  'service-unreachable',
  'service-closed',
  'not-responding',
  'stale',
  'demo-unavailable',
  // cellular
  'no-sim',
  'sim-locked',
  'sim-failure',
  'searching',
  'not-registered',
  'denied',
  'emergency-only',
  'weak-signal',
  // Iridium SBD
  'no-service',
  'antenna-fault',
  'sbd-session-failed',
  'sbd-wait',
  // HF radio
  'radio-off',
  'radio-silent',
  'rig-error',
  // GNSS
  'no-fix',
  'fix-2d',
  'fix-estimated',
  'fix-simulated',
  // path probes (`detail` gives the figures)
  'probes-lost',
  'high-latency',
  'high-loss',
  // the code of earlier versions for a link on its way back (now: the why, with `recovery`)
  'recovering',
]);
export type LinkReasonCode = z.infer<typeof LinkReasonCode>;

/**
 * A link on its way back to a better state: the better verdict has lasted `done` of the
 * `of` needed (seconds held, or good probes in a row). The reason's code still says why
 * the link is in its (worse) state, so the screen leads with the why, not the countdown.
 */
export const LinkRecovery = z.object({
  done: z.number().int().min(0),
  of: z.number().int().min(1),
  unit: z.enum(['s', 'probes']),
});
export type LinkRecovery = z.infer<typeof LinkRecovery>;

export const LinkReason = z.object({
  code: LinkReasonCode,
  /** Free text that completes the reason: a port path, a modem's error text, "3 of 3 probes lost". */
  detail: z.string().max(300).optional(),
  recovery: LinkRecovery.optional(),
});
export type LinkReason = z.infer<typeof LinkReason>;

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

export const LinkStatus = z.object({
  id: Slug,
  name: z.string().min(1).max(64),
  kind: LinkKind,
  state: LinkState,
  reason: LinkReason,
  /** When the link entered its current state. */
  since: Timestamp,
  metered: z.boolean(),
  /** Estimated usable capacity for the link policy, kbit/s (0 for links that carry no IP). */
  capacityKbps: z.number().min(0),
  device: DeviceInfo,
  cellular: CellularRadio.optional(),
  sbd: SbdRadio.optional(),
  hf: HfRadio.optional(),
  gnss: GnssFix.optional(),
  path: PathHealth.optional(),
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
