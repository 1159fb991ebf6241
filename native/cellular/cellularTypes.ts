import type { AccessTechnology, RegistrationState, SimState } from '../../protocol/links/cellular';
export type { DeviceConnection, DeviceIdentity as CellularIdentity } from '../device/deviceTypes';

/**
 * What a cellular modem driver reports. A field is absent when this reading did not
 * measure it, and `null` when the modem said it has no value now (CSQ 99, CESQ 255,
 * no cell), so a consumer can tell "not asked" from "gone".
 */
export interface CellularReading {
  /** When the answers arrived (ms since epoch). */
  at: number;
  sim?: SimState | null;
  registration?: RegistrationState | null;
  technology?: AccessTechnology | null;
  operatorName?: string | null;
  plmn?: string | null;
  band?: string | null;
  cellId?: string | null;
  /** Physical cell id of the serving cell (the LTE anchor under EN-DC). */
  pci?: number | null;
  /** Its channel: EARFCN (LTE) or NR-ARFCN (NR-SA). */
  arfcn?: number | null;
  rssiDbm?: number | null;
  rsrpDbm?: number | null;
  rsrqDb?: number | null;
  sinrDb?: number | null;
  nrRsrpDbm?: number | null;
  nrSinrDb?: number | null;
}

export type CellularMetricKey = Exclude<keyof CellularReading, 'at'>;
