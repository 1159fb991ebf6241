import { describe, expect, it } from 'vitest';
import { parseQengServingCell } from '../../../../native/cellular/quectelServingCell';

/**
 * Real `AT+QENG="servingcell"` answers from public logs, each with where it was published and
 * what the module says in the same answer (RSRQ): the SINR reading must agree with RSRQ in
 * sign and rough size. A −3 dB or −1 dB SINR next to an RSRQ of −13 … −16 dB is what a loaded
 * weak cell shows; read as `v/5 − 20` they would be −20.6 dB and −20.2 dB (the old `auto` for
 * these lines), outside the range the modules report at all. Read as `2·v − 20` (RM5xx), −26 dB.
 */
const REAL: Array<{ source: string; model?: string; lines: string[]; expected: Record<string, unknown> }> = [
  {
    source: 'openqti (PinePhone EG25-G firmware, MIT), inc/cell.h: EG25-G on 214-01 (Spain), band 20',
    model: 'EG25',
    lines: ['+QENG: "servingcell","NOCONN","LTE","FDD",214,01,7676A09,188,6300,20,3,3,603,-104,-9,-78,11,23'],
    expected: { technology: 'lte', band: 'B20', pci: 188, arfcn: 6300, rsrpDbm: -104, rsrqDb: -9, sinrDb: 11 },
  },
  {
    source: 'Forlinx OK3568 user manual, 4G module bring-up log (China Mobile 460-00, band 3), idle then connected',
    lines: ['+QENG: "servingcell","NOCONN","LTE","FDD",460,00,8F381C5,107,1300,3,5,5,3193,-98,-13,-70,-3,0,0,21'],
    expected: { technology: 'lte', band: 'B3', pci: 107, arfcn: 1300, rsrpDbm: -98, rsrqDb: -13, sinrDb: -3 },
  },
  {
    source: 'same log, CONNECT a moment later',
    lines: ['+QENG: "servingcell","CONNECT","LTE","FDD",460,00,8F381C5,107,1300,3,5,5,3193,-99,-13,-71,-2,4,14,21'],
    expected: { state: 'CONNECT', rsrqDb: -13, sinrDb: -2 },
  },
  {
    source: 'an OpenWrt Lua signal script, comment with a real answer (250-99, band 1)',
    lines: ['+QENG: "servingcell","NOCONN","LTE","FDD",250,99,BCAEE67,218,525,1,4,4,9C29,-96,-16,-61,-1,26'],
    expected: { band: 'B1', pci: 218, arfcn: 525, rsrqDb: -16, sinrDb: -1 },
  },
  {
    source: 'teltonika-cell-autolock README: RUT360 (`gsmctl -K`), 234-20, band 3',
    lines: ['+QENG: "servingcell","NOCONN","LTE","FDD",234,20,2E5F02,365,1392,3,4,4,6B2,-107,-7,-80,15,0,20,-'],
    expected: { pci: 365, arfcn: 1392, rsrqDb: -7, sinrDb: 15 },
  },
  {
    source: 'a Python RM5xx monitor (docstring example): EN-DC on 222-01, LTE B3 anchor + n78',
    lines: [
      '+QENG: "servingcell","NOCONN"',
      '+QENG: "LTE","FDD",222,01,4940206,427,1350,3,5,5,BFF,-94,-15,-58,9,5,100,-',
      '+QENG: "NR5G-NSA",222,01,920,-96,18,-10,648768,78,10,1',
    ],
    // 2·9 − 20 = −2 dB beside RSRQ −15 dB (plain dB would claim 9 dB on a cell that loaded).
    expected: { technology: 'nr5g-nsa', pci: 427, arfcn: 1350, sinrDb: -2, nr: { pci: 920, arfcn: 648768, band: 'n78', sinrDb: 18 } },
  },
];

describe('real AT+QENG answers', () => {
  for (const answer of REAL) {
    it(answer.source, () => {
      expect(parseQengServingCell(answer.lines, 'auto', answer.model)).toMatchObject(answer.expected);
    });
  }
});
