import type { CivLinkConfig, HfLinkConfig, RigctldLinkConfig } from '../../../../protocol/config/linkConfig';
import type { HfRadio } from '../../../../protocol/links/hf';
import type { LinkState } from '../../../../protocol/links/linkStatus';
import type { DeviceConnection } from '../../../../native/device/deviceTypes';
import { CivDriver } from '../../../../native/hf/CivDriver';
import { RigctldDriver } from '../../../../native/hf/RigctldDriver';
import type { Evaluation } from '../LinkSource';
import { connectionEvaluation } from './connection';
import type { FamilySpec } from './family';

/**
 * An HF radio is up when it answers, is powered and reports its frequency. HF carries
 * voice (and data only through an attached modem), so a weak S-meter is the band's
 * condition, shown, not a link fault.
 */
export function evaluateHf(connection: DeviceConnection, radio: HfRadio): Evaluation {
  const notReady = connectionEvaluation(connection);
  if (notReady) return notReady;
  if (radio.powerOn && !radio.powerOn.stale && !radio.powerOn.value) return { state: 'down', reason: { code: 'radio-off' } };
  const frequency = radio.frequencyHz;
  if (!frequency) return { state: 'unknown', reason: { code: 'starting' } };
  if (frequency.stale) return { state: 'unknown', reason: { code: 'stale' } };
  return { state: 'up', reason: { code: 'ok' } };
}

const hfCommon = {
  section: 'hf',
  sampled: ['strengthDb'],
  evaluate: evaluateHf,
  // HF carries data only through an attached modem (`dataKbps`); voice is not the policy's business.
  capacityKbps: (config: HfLinkConfig, _radio: HfRadio, state: LinkState) => (state === 'up' ? config.dataKbps : 0),
} as const;

/** An HF radio behind Hamlib's rigctld (driver `rigctld`). */
export const rigctldFamily: FamilySpec<RigctldLinkConfig, HfRadio> = {
  ...hfCommon,
  address: (config) => `${config.host}:${config.port}`,
  createDriver: (config) =>
    new RigctldDriver({
      host: config.host,
      port: config.port,
      protocol: config.protocol,
      vfoMode: config.vfoMode,
      pollIntervalMs: config.pollIntervalMs,
      commandTimeoutMs: config.commandTimeoutMs,
    }),
};

/** An Icom HF radio over CI-V (driver `icom-civ`). */
export const civFamily: FamilySpec<CivLinkConfig, HfRadio> = {
  ...hfCommon,
  address: (config) => config.port,
  createDriver: (config) =>
    new CivDriver({
      path: config.port,
      baudRate: config.baudRate,
      civAddress: config.civAddress,
      controllerAddress: config.controllerAddress,
      pollIntervalMs: config.pollIntervalMs,
      commandTimeoutMs: config.commandTimeoutMs,
    }),
};
