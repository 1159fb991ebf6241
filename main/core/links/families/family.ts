import type { LinkConfig } from '../../../../protocol/config/linkConfig';
import type { LinkState } from '../../../../protocol/links/linkStatus';
import type { DeviceConnection, DeviceIdentity } from '../../../../native/device/deviceTypes';
import type { Evaluation, LinkSections } from '../LinkSource';
import type { SbdPort } from '../sbdPort';

/** The driver surface a link uses (every family's driver has it), so tests can drive a link without a port. */
export interface DriverLike {
  readonly connection: DeviceConnection;
  on(event: 'connection', listener: (connection: DeviceConnection) => void): unknown;
  on(event: 'identity', listener: (identity: DeviceIdentity) => void): unknown;
  on(event: 'reading', listener: (reading: { at: number } & Record<string, unknown>) => void): unknown;
  start(): void;
  close(): Promise<void>;
}

/**
 * What makes one device family a link: which LinkStatus section its metrics go to, how
 * its state follows from them, what the policy may expect of it, and what history keeps.
 */
export interface FamilySpec<C extends LinkConfig = LinkConfig, S extends object = Record<string, unknown>> {
  section: keyof LinkSections;
  /** Numeric metrics written to history. */
  sampled: readonly string[];
  /**
   * Metrics that may be older than the link's stale limit before they count as stale:
   * extra ms per metric (asked only every few polls, or records rather than measurements).
   */
  extraStaleMs?(config: C): Readonly<Record<string, number>>;
  /** The driver's address as shown on the tile (port path, host:port). */
  address(config: C): string;
  createDriver(config: C): DriverLike;
  /** Adds derived metrics (e.g. bars) to the section; optional. */
  derive?(section: S): void;
  /** The family's verdict; `ageMs(key)` is a metric's age on the monotonic clock. */
  evaluate(connection: DeviceConnection, section: S, ageMs: (key: string) => number): Evaluation;
  /** Usable capacity for the link policy, kbit/s, given the settled state. */
  capacityKbps(config: C, section: S, state: LinkState): number;
  /** Families that carry short binary messages (Iridium SBD): the port the sync engine sends them through. */
  messagePort?(driver: DriverLike): SbdPort | undefined;
}
