import type { AccessTechnology } from '../../protocol/links/cellular';
import type { LteSinrFormula } from '../../protocol/config/consoleConfig';
import { atFields, intField, numberField } from '../at/atFields';

/**
 * Parser for Quectel `AT+QENG="servingcell"` (EC2x/EG25, RM5xx, RG/RM520N): LTE,
 * NR5G-SA (one line each) and EN-DC/NR5G-NSA (three lines). Field tables are in
 * docs/devices.md. Like the 27.007 parsers it never throws.
 */

export interface ServingCell {
  /** SEARCH, LIMSRV, NOCONN (idle) or CONNECT (RRC connected). */
  state: string;
  technology: AccessTechnology | undefined;
  plmn: string | undefined;
  cellId: string | undefined;
  /** `B3` for LTE, `n78` for NR. */
  band: string | undefined;
  rsrpDbm: number | undefined;
  rsrqDb: number | undefined;
  rssiDbm: number | undefined;
  sinrDb: number | undefined;
  /** The NR leg of EN-DC; undefined when inactive. */
  nr: { rsrpDbm: number | undefined; rsrqDb: number | undefined; sinrDb: number | undefined; band: string | undefined } | undefined;
}

const PREFIX = '+QENG:';

/**
 * LTE SINR as reported differs by firmware: EC2x documents give 0..250 in fifths of a
 * dB offset by −20, RM5xx support answers say 2·v − 20. `auto` picks by line shape:
 * the long line (with CQI and tx_power) is RM5xx-era.
 */
export function lteSinrToDb(raw: number | undefined, formula: LteSinrFormula, longLine: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const chosen = formula === 'auto' ? (longLine ? 'double-minus-20' : 'fifth-db') : formula;
  switch (chosen) {
    case 'fifth-db':
      return Math.round((raw / 5 - 20) * 10) / 10;
    case 'double-minus-20':
      return 2 * raw - 20;
    default:
      return raw;
  }
}

function plmnOf(mcc: string | undefined, mnc: string | undefined): string | undefined {
  return mcc && mnc && /^\d{3}$/.test(mcc) && /^\d{2,3}$/.test(mnc) ? `${mcc}-${mnc}` : undefined;
}

function hexId(field: string | undefined): string | undefined {
  return field && /^[0-9A-Fa-f]{1,16}$/.test(field) ? field.toUpperCase() : undefined;
}

function bandOf(prefix: 'B' | 'n', field: string | undefined): string | undefined {
  const band = intField(field);
  return band !== undefined && band > 0 ? `${prefix}${band}` : undefined;
}

function empty(state: string): ServingCell {
  return {
    state,
    technology: undefined,
    plmn: undefined,
    cellId: undefined,
    band: undefined,
    rsrpDbm: undefined,
    rsrqDb: undefined,
    rssiDbm: undefined,
    sinrDb: undefined,
    nr: undefined,
  };
}

/** LTE fields starting at the `is_tdd` field; `total` tells whether CQI/tx_power are present. */
function readLte(cell: ServingCell, f: string[], start: number, longLine: boolean, formula: LteSinrFormula): void {
  cell.technology = 'lte';
  cell.plmn = plmnOf(f[start + 1], f[start + 2]);
  cell.cellId = hexId(f[start + 3]);
  cell.band = bandOf('B', f[start + 6]);
  cell.rsrpDbm = intField(f[start + 10]);
  cell.rsrqDb = intField(f[start + 11]);
  cell.rssiDbm = intField(f[start + 12]);
  cell.sinrDb = lteSinrToDb(intField(f[start + 13]), formula, longLine);
}

export function parseQengServingCell(lines: readonly string[], formula: LteSinrFormula = 'auto'): ServingCell | undefined {
  const rows = lines.map((line) => atFields(line, PREFIX)).filter((f): f is string[] => f !== undefined);
  const head = rows[0];
  if (!head || head[0] !== 'servingcell' || head[1] === undefined) return undefined;
  const cell = empty(head[1]);
  const rat = head[2];

  if (rat === undefined) {
    // EN-DC: the state line is followed by an "LTE" line and a "NR5G-NSA" line.
    const lte = rows.find((f) => f[0] === 'LTE');
    if (lte && lte.length >= 15) readLte(cell, lte, 1, lte.length >= 18, formula);
    const nr = rows.find((f) => f[0] === 'NR5G-NSA');
    if (nr && nr.length >= 9 && intField(nr[7]) !== undefined && intField(nr[8]) !== undefined) {
      cell.technology = 'nr5g-nsa';
      cell.nr = { rsrpDbm: intField(nr[4]), sinrDb: numberField(nr[5]), rsrqDb: intField(nr[6]), band: bandOf('n', nr[8]) };
      cell.plmn ??= plmnOf(nr[1], nr[2]);
    }
    return cell;
  }

  switch (rat) {
    case 'LTE':
      if (head.length >= 17) readLte(cell, head, 3, head.length >= 20, formula);
      else cell.technology = 'lte';
      return cell;
    case 'NR5G-SA':
      cell.technology = 'nr5g-sa';
      if (head.length >= 15) {
        cell.plmn = plmnOf(head[4], head[5]);
        cell.cellId = hexId(head[6]);
        cell.band = bandOf('n', head[10]);
        cell.rsrpDbm = intField(head[12]);
        cell.rsrqDb = intField(head[13]);
        cell.sinrDb = numberField(head[14]);
      }
      return cell;
    case 'WCDMA':
      cell.technology = 'umts';
      return cell;
    case 'GSM':
      cell.technology = 'gsm';
      return cell;
    default:
      // "SEARCH"/"LIMSRV" without a RAT field land in the first branch; anything else is unknown.
      cell.technology = rat === '' ? undefined : 'unknown';
      return cell;
  }
}
