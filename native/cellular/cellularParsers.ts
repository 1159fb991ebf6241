import type { AccessTechnology, RegistrationState, SimState } from '../../protocol/links/cellular';
import { atFields, intField, isQuotedField } from '../at/atFields';

/**
 * Pure parsers for 3GPP TS 27.007 status answers. They never throw: a line that does
 * not match its format gives undefined (or undefined fields), so a garbled answer
 * costs one value, never the driver. Mappings follow ModemManager's
 * mm-modem-helpers.c; see docs/devices.md.
 */

/** `+CSQ` rssi 0..31 to dBm; 99 (unknown) and out-of-range to undefined. */
export function csqRssiToDbm(rssi: number): number | undefined {
  if (!Number.isInteger(rssi) || rssi < 0 || rssi > 31) return undefined;
  if (rssi === 0) return -113;
  if (rssi === 31) return -51;
  return -113 + 2 * rssi;
}

export interface CsqAnswer {
  rssiDbm: number | undefined;
  /** RXQUAL class 0..7, undefined when 99 (always on LTE/NR). */
  berClass: number | undefined;
}

export function parseCsq(line: string): CsqAnswer | undefined {
  const fields = atFields(line, '+CSQ:');
  if (!fields || fields.length !== 2) return undefined;
  const rssi = intField(fields[0]);
  const ber = intField(fields[1]);
  if (rssi === undefined || ber === undefined) return undefined;
  return { rssiDbm: csqRssiToDbm(rssi), berClass: ber >= 0 && ber <= 7 ? ber : undefined };
}

export interface CesqAnswer {
  /** GSM RXLEV in dBm. */
  rxlevDbm: number | undefined;
  /** UMTS RSCP in dBm. */
  rscpDbm: number | undefined;
  ecnoDb: number | undefined;
  rsrqDb: number | undefined;
  rsrpDbm: number | undefined;
}

function scaled(raw: number | undefined, max: number, unknown: number, offset: number, step: number): number | undefined {
  if (raw === undefined || raw === unknown || raw < 0 || raw > max) return undefined;
  return offset + step * raw;
}

export function parseCesq(line: string): CesqAnswer | undefined {
  const fields = atFields(line, '+CESQ:');
  if (!fields || fields.length !== 6) return undefined;
  const [rxlev, , rscp, ecno, rsrq, rsrp] = fields.map(intField);
  if (fields.map(intField).some((v) => v === undefined)) return undefined;
  return {
    rxlevDbm: scaled(rxlev, 63, 99, -111, 1),
    rscpDbm: scaled(rscp, 96, 255, -121, 1),
    ecnoDb: scaled(ecno, 49, 255, -24.5, 0.5),
    rsrqDb: scaled(rsrq, 34, 255, -20, 0.5),
    rsrpDbm: scaled(rsrp, 97, 255, -141, 1),
  };
}

const REGISTRATION_BY_STAT: readonly RegistrationState[] = [
  'not-registered', // 0
  'home', // 1
  'searching', // 2
  'denied', // 3
  'unknown', // 4
  'roaming', // 5
  'sms-only', // 6 SMS only, home
  'sms-only', // 7 SMS only, roaming
  'emergency-only', // 8
  'home', // 9 CSFB not preferred, home
  'roaming', // 10 CSFB not preferred, roaming
  'emergency-only', // 11 RLOS
];

export function registrationFromStat(stat: number): RegistrationState {
  return REGISTRATION_BY_STAT[stat] ?? 'unknown';
}

/** 27.007 `<AcT>` to the technology shown to the operator. */
export function technologyFromAct(act: number | undefined): AccessTechnology | undefined {
  switch (act) {
    case undefined:
      return undefined;
    case 0:
    case 1:
    case 3:
    case 8:
      return 'gsm';
    case 2:
      return 'umts';
    case 4:
    case 5:
    case 6:
      return 'hspa';
    case 7:
    case 10:
      return 'lte';
    case 9:
      return 'nb-iot';
    case 11:
    case 12:
      return 'nr5g-sa';
    case 13:
      return 'nr5g-nsa';
    default:
      return 'unknown';
  }
}

export type RegistrationDomain = 'CREG' | 'CGREG' | 'CEREG' | 'C5GREG';
export const REGISTRATION_DOMAINS: readonly RegistrationDomain[] = ['CREG', 'CGREG', 'CEREG', 'C5GREG'];

export interface RegistrationAnswer {
  domain: RegistrationDomain;
  /** True for a URC (`+CEREG: 1`), false for the answer to `AT+CEREG?` (`+CEREG: 2,1`). */
  unsolicited: boolean;
  /** URC mode `<n>`; only in solicited answers. */
  mode: number | undefined;
  state: RegistrationState;
  /** LAC or TAC, hex as sent. */
  area: string | undefined;
  cellId: string | undefined;
  technology: AccessTechnology | undefined;
}

function registrationDomain(line: string): RegistrationDomain | undefined {
  const match = /^\+(CREG|CGREG|CEREG|C5GREG):/.exec(line);
  return match ? (match[1] as RegistrationDomain) : undefined;
}

/**
 * True when a `+CxREG:` line is a URC: one field (`<stat>`), or a quoted area code
 * in the second field (`<stat>,"<lac>",…`), where the solicited form has `<n>,<stat>`.
 */
export function isRegistrationUrc(line: string): boolean {
  const domain = registrationDomain(line);
  if (!domain) return false;
  const prefix = `+${domain}:`;
  const fields = atFields(line, prefix) ?? [];
  return fields.length === 1 || isQuotedField(line, prefix, 1);
}

export function parseRegistration(line: string): RegistrationAnswer | undefined {
  const domain = registrationDomain(line);
  if (!domain) return undefined;
  const fields = atFields(line, `+${domain}:`);
  if (!fields || fields.length === 0) return undefined;
  const unsolicited = isRegistrationUrc(line);
  const values = unsolicited ? fields : fields.slice(1);
  const mode = unsolicited ? undefined : intField(fields[0]);
  const stat = intField(values[0]);
  if (stat === undefined || (!unsolicited && mode === undefined)) return undefined;
  const hex = (value: string | undefined) => (value && /^[0-9A-Fa-f]{1,16}$/.test(value) ? value.toUpperCase() : undefined);
  return {
    domain,
    unsolicited,
    mode,
    state: registrationFromStat(stat),
    area: hex(values[1]),
    cellId: hex(values[2]),
    technology: technologyFromAct(intField(values[3])),
  };
}

export interface CopsAnswer {
  /** 0 automatic, 1 manual, 2 deregistered, 4 manual/automatic. */
  mode: number;
  /** Long or short name when format 0/1; undefined when deregistered. */
  operatorName: string | undefined;
  /** MCC-MNC when format 2. */
  plmn: string | undefined;
  technology: AccessTechnology | undefined;
}

export function parseCops(line: string): CopsAnswer | undefined {
  const fields = atFields(line, '+COPS:');
  if (!fields || fields.length === 0) return undefined;
  const mode = intField(fields[0]);
  if (mode === undefined) return undefined;
  const format = intField(fields[1]);
  const name = fields[2] !== undefined && fields[2] !== '' ? fields[2] : undefined;
  const plmn = format === 2 && name && /^\d{5,6}$/.test(name) ? `${name.slice(0, 3)}-${name.slice(3)}` : undefined;
  return {
    mode,
    operatorName: format === 2 ? undefined : name,
    plmn,
    technology: technologyFromAct(intField(fields[3])),
  };
}

export function parseCpin(line: string): SimState | undefined {
  const fields = atFields(line, '+CPIN:');
  if (!fields || fields.length !== 1) return undefined;
  switch (fields[0]!.toUpperCase()) {
    case 'READY':
      return 'ready';
    case 'SIM PIN':
    case 'SIM PIN2':
    case 'PH-SIM PIN':
      return 'pin-required';
    case 'SIM PUK':
    case 'SIM PUK2':
      return 'puk-required';
    case 'NOT INSERTED':
    case 'NOT READY':
      return 'absent';
    default:
      return 'unknown';
  }
}

/** SIM state implied by a `+CME ERROR` code answering `AT+CPIN?`. */
export function simStateFromCme(code: number | undefined): SimState | undefined {
  switch (code) {
    case 10:
      return 'absent';
    case 11:
      return 'pin-required';
    case 12:
      return 'puk-required';
    case 13:
    case 15:
      return 'failure';
    case 14:
      return 'busy';
    default:
      return undefined;
  }
}
