import type { CellularRadio, DeviceInfo, LinkKind, LinkReason, LinkState } from '../../../protocol/links/linkStatus';
import type { GnssFix } from '../../../protocol/links/gnss';
import type { HfRadio } from '../../../protocol/links/hf';
import type { PathHealth } from '../../../protocol/links/path';
import type { SbdRadio } from '../../../protocol/links/sbd';
import type { SbdPort } from './sbdPort';
import type { SafeEmitter } from '../../../platform/events/SafeEmitter';

/** A link's state and why. */
export interface Evaluation {
  state: LinkState;
  reason: LinkReason;
}

/** The per-family metric sections a snapshot may carry, by LinkStatus key. */
export interface LinkSections {
  cellular?: CellularRadio;
  sbd?: SbdRadio;
  hf?: HfRadio;
  gnss?: GnssFix;
}

/** A numeric value worth keeping in history, with when it was measured. */
export interface SamplePoint {
  value: number;
  at: number;
}

/** What one link knows at a moment, staleness applied. */
export interface LinkSnapshot {
  device: DeviceInfo;
  evaluation: Evaluation;
  /** Estimated usable capacity for the link policy, kbit/s. */
  capacityKbps: number;
  sections: LinkSections;
  path?: PathHealth;
  /** Metric name → latest fresh value, for history. */
  samples: Record<string, SamplePoint>;
}

export interface LinkSourceEvents {
  /** Something the link knows changed; the hub takes a new snapshot. */
  changed: [];
}

/**
 * One link of the vehicle as the hub sees it, whatever its family: a driver underneath,
 * a snapshot on request. Adding a device family means adding one of these.
 */
export interface LinkSource extends Pick<SafeEmitter<LinkSourceEvents>, 'on' | 'off'> {
  readonly id: string;
  readonly name: string;
  readonly kind: LinkKind;
  readonly metered: boolean;
  /** Links that carry binary messages rather than IP (Iridium SBD). */
  readonly sbdPort?: SbdPort | undefined;
  start(): void;
  snapshot(): LinkSnapshot;
  close(): Promise<void>;
}
