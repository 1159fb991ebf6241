import type { DeviceIdentity } from '../device/deviceTypes';
import type { HfReading } from './hfTypes';
import { printable } from '../util/printable';
import type { RigctldRequest } from './RigctldChannel';
import type { RigctldRecord } from './rigctldProtocol';

/**
 * The rigctld commands the HF driver polls, with the shape of each answer, and pure
 * decoders from an answer's records to reading values. A decoder returns undefined
 * when the answer carried no value (rigctld says `RPRT 0` with no values while the rig
 * is off) and `null` when the rig says there is none.
 */

export type RigQuantity = 'powerstat' | 'frequency' | 'mode' | 'strength' | 'ptt' | 'rfPower';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const MODE = /^[A-Za-z][A-Za-z0-9_-]{0,15}$/;
/** Hamlib `powerstat_t`: 0 off, 1 on, 2 standby, 4 operate, 8 unknown. */
const POWERSTAT = /^[01248]$/;

/** An answer with no records (RPRT 0 only) passes: it says "no value", not "wrong line". */
const first = (test: RegExp) => (records: readonly RigctldRecord[]) => records.length === 0 || test.test(records[0]!.value);

/** The requests a poll sends. */
export const RIG_REQUESTS: Readonly<Record<RigQuantity, RigctldRequest>> = {
  powerstat: { name: 'get_powerstat', short: '\\get_powerstat', valueLines: 1, validate: first(POWERSTAT) },
  frequency: { name: 'get_freq', short: 'f', valueLines: 1, validate: first(NUMBER) },
  mode: {
    name: 'get_mode',
    short: 'm',
    valueLines: 2,
    validate: (records) => records.length === 0 || (records.length >= 2 && MODE.test(records[0]!.value) && INTEGER.test(records[1]!.value)),
  },
  strength: { name: 'get_level', args: ['STRENGTH'], short: 'l STRENGTH', valueLines: 1, validate: first(NUMBER) },
  ptt: { name: 'get_ptt', short: 't', valueLines: 1, validate: first(/^[0-3]$/) },
  rfPower: { name: 'get_level', args: ['RFPOWER'], short: 'l RFPOWER', valueLines: 1, validate: first(NUMBER) },
};

/** The VFO a VFO-mode rigctld (`--vfo`) is told to use: the one the rig has selected. */
export const CURRENT_VFO = 'currVFO';

/**
 * The poll's requests for a rigctld in VFO mode (`--vfo`): there every rig command takes
 * the VFO as its first argument — sent without it, rigctld takes the next command line
 * for the VFO and every later answer is shifted. `get_powerstat` takes none.
 */
export function rigRequests(vfoMode: boolean): Readonly<Record<RigQuantity, RigctldRequest>> {
  if (!vfoMode) return RIG_REQUESTS;
  const withVfo = (request: RigctldRequest): RigctldRequest => {
    const args = [CURRENT_VFO, ...(request.args ?? [])];
    const word = request.short!.split(' ')[0]!;
    return { ...request, args, short: `${word} ${args.join(' ')}` };
  };
  const { powerstat, ...rest } = RIG_REQUESTS;
  const mapped = Object.fromEntries(Object.entries(rest).map(([quantity, request]) => [quantity, withVfo(request)]));
  return { powerstat, ...mapped } as Record<RigQuantity, RigctldRequest>;
}

/**
 * `\chk_vfo`: whether rigctld runs in VFO mode. rigctld 4.5.4 answers `0` or `1` (`ChkVFO: 1`
 * right after an extended command), one line without header or `RPRT`, whether the rig is
 * on or off — so it also tells that rigctld itself is alive.
 */
export const CHK_VFO: RigctldRequest = {
  name: 'chk_vfo',
  headerless: true,
  valueLines: 1,
  validate: (records) =>
    records.length === 1 && (records[0]!.key === undefined || records[0]!.key === 'ChkVFO') && /^[01]$/.test(records[0]!.value),
};

/** `chk_vfo`'s answer: true in VFO mode; undefined when it carried no value. */
export function decodeChkVfo(records: readonly RigctldRecord[]): boolean | undefined {
  const value = records[0]?.value;
  return value === undefined ? undefined : value === '1';
}

/**
 * Power first: an off rig answers nothing else. Mode last: in the default form nothing
 * ties an answer to its command, and `m` is the one answer whose first line is a word
 * (a mode name) — so a line that slipped in anywhere earlier in the poll shifts a number
 * onto `m`, the shape check fails, and the poll's values are dropped instead of reported
 * under the wrong names.
 */
export const POLL_ORDER: readonly RigQuantity[] = ['powerstat', 'frequency', 'strength', 'ptt', 'rfPower', 'mode'];

/** Extended form only: its answer ends with RPRT, so the variable-length block can be read. */
export const DUMP_STATE: RigctldRequest = { name: 'dump_state', valueLines: Number.POSITIVE_INFINITY };

/** Hamlib `rig_powerstat`: 0 off, 1 on, 2 standby, 4 operate, 8 unknown. */
export function decodePowerstat(records: readonly RigctldRecord[]): boolean | null | undefined {
  const value = records[0]?.value;
  if (value === undefined) return undefined;
  switch (Number(value)) {
    case 1:
    case 4:
      return true;
    case 0:
    case 2:
      return false;
    default:
      return null;
  }
}

/** `get_freq`: Hz. */
export function decodeFrequency(records: readonly RigctldRecord[]): number | undefined {
  const value = Number(records[0]?.value);
  return records.length > 0 && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** `get_mode`: the mode as Hamlib names it and the passband in Hz (`None`/empty → null). */
export function decodeMode(records: readonly RigctldRecord[]): { mode: string | null; passbandHz: number | null } | undefined {
  if (records.length < 2) return undefined;
  const name = printable(records[0]!.value, 16);
  const width = Number(records[1]!.value);
  return {
    mode: name === '' || name.toUpperCase() === 'NONE' ? null : name,
    passbandHz: Number.isInteger(width) && width > 0 ? width : null,
  };
}

/** `get_level STRENGTH`: dB relative to S9 (S9 = 0, S0 ≈ −54). */
export function decodeStrength(records: readonly RigctldRecord[]): number | undefined {
  const value = Number(records[0]?.value);
  return records.length > 0 && Number.isFinite(value) && Math.abs(value) <= 200 ? value : undefined;
}

/** `get_level RFPOWER`: 0..1. */
export function decodeRfPower(records: readonly RigctldRecord[]): number | undefined {
  const value = Number(records[0]?.value);
  return records.length > 0 && Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
}

/** `get_ptt`: 0 RX; 1 TX, 2 TX mic, 3 TX data. */
export function decodePtt(records: readonly RigctldRecord[]): boolean | undefined {
  const value = records[0]?.value;
  if (value === undefined || !INTEGER.test(value)) return undefined;
  const n = Number(value);
  return n >= 0 && n <= 3 ? n !== 0 : undefined;
}

/** Puts a powerstat answer into a reading; true when the rig is off or in standby. */
export function applyPowerstat(records: readonly RigctldRecord[], reading: HfReading): boolean {
  const on = decodePowerstat(records);
  if (on !== undefined) reading.powerOn = on;
  return on === false;
}

/** Puts one answer into a reading (only what it carried); true when it carried a value. */
export function applyAnswer(quantity: Exclude<RigQuantity, 'powerstat'>, records: readonly RigctldRecord[], reading: HfReading): boolean {
  const decoded: Partial<HfReading> | undefined = (() => {
    switch (quantity) {
      case 'frequency':
        return wrap('frequencyHz', decodeFrequency(records));
      case 'mode':
        return decodeMode(records);
      case 'strength':
        return wrap('strengthDb', decodeStrength(records));
      case 'ptt':
        return wrap('ptt', decodePtt(records));
      case 'rfPower':
        return wrap('rfPower', decodeRfPower(records));
    }
  })();
  if (decoded) Object.assign(reading, decoded);
  return decoded !== undefined;
}

function wrap<K extends keyof HfReading>(key: K, value: HfReading[K] | undefined): Partial<HfReading> | undefined {
  return value === undefined ? undefined : ({ [key]: value } as Partial<HfReading>);
}

/** A few Hamlib rig model numbers (`rigctl -l`) for the tile's device line. */
const HAMLIB_MODELS: Readonly<Record<number, DeviceIdentity>> = {
  1: { manufacturer: 'Hamlib', model: 'Dummy' },
  2: { manufacturer: 'Hamlib', model: 'NET rigctl' },
  1035: { manufacturer: 'Yaesu', model: 'FT-991' },
  3073: { manufacturer: 'Icom', model: 'IC-7300' },
  3085: { manufacturer: 'Icom', model: 'IC-705' },
};

/** `dump_state`: line 1 the protocol version, line 2 the rig model number. */
export function identityFromDumpState(records: readonly RigctldRecord[]): DeviceIdentity | undefined {
  const model = records[1]?.value;
  if (model === undefined || !/^\d{1,6}$/.test(model)) return undefined;
  const n = Number(model);
  return HAMLIB_MODELS[n] ?? { manufacturer: 'Hamlib', model: `rig model ${n}` };
}
