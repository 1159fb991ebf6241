import type { HfRadio } from '../../protocol/links/hf';
import type { DeviceReading } from '../device/deviceTypes';
export type { DeviceConnection, DeviceIdentity } from '../device/deviceTypes';

/**
 * What an HF radio driver (rigctld or CI-V) reports: the fields of the protocol's
 * `HfRadio` section. A field is absent when this reading did not measure it, and `null`
 * when the radio says there is no value now (for instance every value while it is off).
 */
export type HfReading = DeviceReading<HfRadio>;
