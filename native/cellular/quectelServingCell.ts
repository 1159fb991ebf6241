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
  /** Physical cell id (0–503 LTE, 0–1007 NR): what operators and the carrier name a cell by. */
  pci: number | undefined;
  /** The channel: EARFCN for LTE, NR-ARFCN for NR-SA. */
  arfcn: number | undefined;
  rsrpDbm: number | undefined;
  rsrqDb: number | undefined;
  rssiDbm: number | undefined;
  sinrDb: number | undefined;
  /** The NR leg of EN-DC; undefined when inactive. */
  nr:
    | {
        rsrpDbm: number | undefined;
        rsrqDb: number | undefined;
        sinrDb: number | undefined;
        band: string | undefined;
        pci: number | undefined;
        arfcn: number | undefined;
      }
    | undefined;
}

/** Which Quectel family answered, for its LTE SINR scale: the 5G RG/RM5xx modules, the LTE EC2x/EG2x/EG0x/EM0x/BG ones, or not known. */
export type QuectelFamily = 'rm5xx' | 'ec2x' | 'unknown';

/** The family from the model the modem names (`AT+CGMM`, e.g. `RM500Q-GL`, `EG25`, `EC25-E`). */
export function quectelFamily(model: string | undefined): QuectelFamily {
  if (!model) return 'unknown';
  if (/^R[GM]5\d\d/i.test(model)) return 'rm5xx';
  if (/^(E[CGMP]\d\d|BG\d\d)/i.test(model)) return 'ec2x';
  return 'unknown';
}

const PREFIX = '+QENG:';

/**
 * LTE SINR as `AT+QENG` reports it, by module family (evidence in docs/devices.md): the LTE
 * modules (EC2x/EG25/EG06…) give plain dB — public logs show −3 … 21 in that field, which no
 * offset scale allows — and the 5G RM5xx/RG5xx give `2·v − 20` dB (their vendor-derived
 * software reads it so; an EN-DC answer comes only from them). `fifth-db` (`v/5 − 20`, the
 * scale of `AT+QCSQ`'s lte_sinr) stays for a firmware proven to use it. `auto` picks by family;
 * an unknown family reads plain dB, the reading real LTE answers support.
 */
export function lteSinrToDb(raw: number | undefined, formula: LteSinrFormula, family: QuectelFamily): number | undefined {
  if (raw === undefined) return undefined;
  const chosen = formula === 'auto' ? (family === 'rm5xx' ? 'double-minus-20' : 'db') : formula;
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
    pci: undefined,
    arfcn: undefined,
    nr: undefined,
  };
}

/** LTE fields starting at the `is_tdd` field. */
function readLte(cell: ServingCell, f: string[], start: number, formula: LteSinrFormula, family: QuectelFamily): void {
  cell.technology = 'lte';
  cell.plmn = plmnOf(f[start + 1], f[start + 2]);
  cell.cellId = hexId(f[start + 3]);
  cell.pci = intField(f[start + 4]);
  cell.arfcn = intField(f[start + 5]);
  cell.band = bandOf('B', f[start + 6]);
  cell.rsrpDbm = intField(f[start + 10]);
  cell.rsrqDb = intField(f[start + 11]);
  cell.rssiDbm = intField(f[start + 12]);
  cell.sinrDb = lteSinrToDb(intField(f[start + 13]), formula, family);
}

/** `model` is the modem's `AT+CGMM` answer, when known: it picks the LTE SINR scale under `auto`. */
export function parseQengServingCell(lines: readonly string[], formula: LteSinrFormula = 'auto', model?: string): ServingCell | undefined {
  const family = quectelFamily(model);
  const rows = lines.map((line) => atFields(line, PREFIX)).filter((f): f is string[] => f !== undefined);
  const head = rows[0];
  if (!head || head[0] !== 'servingcell' || head[1] === undefined) return undefined;
  const cell = empty(head[1]);
  const rat = head[2];

  if (rat === undefined) {
    // EN-DC: the state line is followed by an "LTE" line and a "NR5G-NSA" line (only 5G modules answer so).
    const lte = rows.find((f) => f[0] === 'LTE');
    if (lte && lte.length >= 15) readLte(cell, lte, 1, formula, family === 'unknown' ? 'rm5xx' : family);
    const nr = rows.find((f) => f[0] === 'NR5G-NSA');
    // The NR leg is up when it is measured. Some RM500Q firmware ends the line after RSRQ (no
    // ARFCN, no band): the leg and every value present are kept all the same.
    if (nr && intField(nr[4]) !== undefined) {
      cell.technology = 'nr5g-nsa';
      cell.nr = {
        rsrpDbm: intField(nr[4]),
        sinrDb: numberField(nr[5]),
        rsrqDb: intField(nr[6]),
        band: bandOf('n', nr[8]),
        pci: intField(nr[3]),
        arfcn: intField(nr[7]),
      };
      cell.plmn ??= plmnOf(nr[1], nr[2]);
    }
    return cell;
  }

  switch (rat) {
    case 'LTE':
      if (head.length >= 17) readLte(cell, head, 3, formula, family);
      else cell.technology = 'lte';
      return cell;
    case 'NR5G-SA':
      cell.technology = 'nr5g-sa';
      if (head.length >= 15) {
        cell.plmn = plmnOf(head[4], head[5]);
        cell.cellId = hexId(head[6]);
        cell.pci = intField(head[7]);
        cell.arfcn = intField(head[9]);
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
