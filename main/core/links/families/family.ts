import type { LinkConfig } from '../../../../protocol/config/linkConfig';
import type { LinkState } from '../../../../protocol/links/linkStatus';
import type { DeviceConnection, DeviceIdentity } from '../../../../native/device/deviceTypes';
import type { Evaluation, LinkSections } from '../LinkSource';

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
  /** Metrics refreshed only every few polls; they get `slowExtraMs` more before they are stale. */
  slow?: readonly string[];
  slowExtraMs?(config: C): number;
  /** The driver's address as shown on the tile (port path, host:port). */
  address(config: C): string;
  createDriver(config: C): DriverLike;
  /** Adds derived metrics (e.g. bars) to the section; optional. */
  derive?(section: S): void;
  evaluate(connection: DeviceConnection, section: S): Evaluation;
  /** Usable capacity for the link policy, kbit/s, given the settled state. */
  capacityKbps(config: C, section: S, state: LinkState): number;
}
