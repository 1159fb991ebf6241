import type { DeviceConnectionState, LinkReasonCode } from '../../protocol/links/linkStatus';

/**
 * Shared shapes of every device driver: how the path to the device stands, and what
 * the device says it is. Each driver emits `connection`, `identity` and `reading`
 * events; a reading's fields are the family's protocol section fields (absent = not
 * measured in this reading, `null` = the device says there is no value now).
 */
export interface DeviceConnection {
  state: DeviceConnectionState;
  /** Why the device is not ready. */
  problem?: { code: LinkReasonCode; detail?: string };
}

export interface DeviceIdentity {
  manufacturer?: string;
  model?: string;
  revision?: string;
}

/** A reading of a family whose protocol section is `S` (values unwrapped from their Metric). */
export type DeviceReading<S> = { at: number } & { [K in keyof S]?: (NonNullable<S[K]> extends { value: infer V } ? V : never) | null };

/** The event map every driver emits. */
export interface DeviceDriverEvents<R> {
  connection: [connection: DeviceConnection];
  identity: [identity: DeviceIdentity];
  reading: [reading: R];
}
