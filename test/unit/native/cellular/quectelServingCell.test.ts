import { describe, expect, it } from 'vitest';
import { lteSinrToDb, parseQengServingCell, quectelFamily } from '../../../../native/cellular/quectelServingCell';

describe('AT+QENG="servingcell"', () => {
  it('parses an LTE line of EC2x/EG25 shape (no CQI, no tx_power), SINR in plain dB', () => {
    const cell = parseQengServingCell(['+QENG: "servingcell","NOCONN","LTE","FDD",214,01,7676A09,188,6300,20,3,3,603,-104,-9,-78,11,23']);
    expect(cell).toMatchObject({
      state: 'NOCONN',
      technology: 'lte',
      plmn: '214-01',
      cellId: '7676A09',
      band: 'B20',
      rsrpDbm: -104,
      rsrqDb: -9,
      rssiDbm: -78,
      sinrDb: 11, // plain dB: the LTE modules' scale (docs/devices.md)
      pci: 188,
      arfcn: 6300,
      nr: undefined,
    });
  });

  it('parses an LTE line with CQI and tx_power; its SINR scale follows the module family, not the line shape', () => {
    const line = '+QENG: "servingcell","CONNECT","LTE","FDD",460,00,1A2B3C4,188,1650,3,5,5,2D18,-88,-11,-61,17,12,230,38';
    expect(parseQengServingCell([line], 'auto', 'RM500Q-GL')).toMatchObject({
      state: 'CONNECT',
      technology: 'lte',
      band: 'B3',
      rsrpDbm: -88,
      rsrqDb: -11,
      sinrDb: 14,
    });
    // The same shape from an EC25 (it also sends CQI and tx_power) is plain dB.
    expect(parseQengServingCell([line], 'auto', 'EC25')).toMatchObject({ sinrDb: 17 });
    expect(parseQengServingCell([line], 'auto')).toMatchObject({ sinrDb: 17 });
  });

  it('parses NR5G-SA, trimming the space some firmware puts after a comma', () => {
    const cell = parseQengServingCell([
      '+QENG: "servingcell","NOCONN","NR5G-SA","TDD", 460,01,9013B004,299,690E0F,633984,78,12,-107,-13,2,1,-',
    ]);
    expect(cell).toMatchObject({
      technology: 'nr5g-sa',
      plmn: '460-01',
      cellId: '9013B004',
      pci: 299,
      arfcn: 633984,
      band: 'n78',
      rsrpDbm: -107,
      rsrqDb: -13,
      sinrDb: 2,
    });
  });

  it('parses EN-DC over three lines, with SINR before RSRQ on the NR line', () => {
    const cell = parseQengServingCell([
      '+QENG: "servingcell","NOCONN"',
      '+QENG: "LTE","FDD",460,01,5F1EA15,12,1650,3,5,5,DE10,-95,-10,-65,16,11,230,-',
      '+QENG: "NR5G-NSA",460,01,747,-71,13,-11,627264,78,12,1',
    ]);
    expect(cell).toMatchObject({
      state: 'NOCONN',
      technology: 'nr5g-nsa',
      plmn: '460-01',
      band: 'B3',
      rsrpDbm: -95,
      sinrDb: 12, // an EN-DC answer comes from an RM5xx: 2·16 − 20
      nr: { rsrpDbm: -71, sinrDb: 13, rsrqDb: -11, band: 'n78', pci: 747, arfcn: 627264 },
    });
  });

  it('keeps the 5G leg of a short NR5G-NSA line (no ARFCN, no band)', () => {
    const cell = parseQengServingCell([
      '+QENG: "servingcell","CONNECT"',
      '+QENG: "LTE","FDD",310,260,2A6E90C,371,66986,66,5,5,8D02,-95,-12,-64,12,9,50,-',
      '+QENG: "NR5G-NSA",310,260,71,-87,11,-11',
    ]);
    expect(cell).toMatchObject({
      technology: 'nr5g-nsa',
      band: 'B66',
      pci: 371,
      arfcn: 66986,
      nr: { rsrpDbm: -87, sinrDb: 11, rsrqDb: -11, band: undefined, pci: 71, arfcn: undefined },
    });
  });

  it('reads an inactive NR leg (ARFCN "-") as plain LTE', () => {
    const cell = parseQengServingCell([
      '+QENG: "servingcell","NOCONN"',
      '+QENG: "LTE","FDD",460,01,5F1EA15,12,1650,3,5,5,DE10,-95,-10,-65,16,11,230,-',
      '+QENG: "NR5G-NSA",460,01,747,-,-,-,-,-,-,-',
    ]);
    expect(cell).toMatchObject({ technology: 'lte', nr: undefined });
  });

  it('parses SEARCH and LIMSRV states without values', () => {
    expect(parseQengServingCell(['+QENG: "servingcell","SEARCH"'])).toMatchObject({
      state: 'SEARCH',
      technology: undefined,
      rsrpDbm: undefined,
    });
    expect(
      parseQengServingCell(['+QENG: "servingcell","LIMSRV","LTE","FDD",460,00,1A2B3C4,188,1650,3,5,5,2D18,-118,-19,-90,1,-']),
    ).toMatchObject({ state: 'LIMSRV', technology: 'lte', rsrpDbm: -118 });
  });

  it('recognises WCDMA and GSM serving cells without LTE metrics', () => {
    expect(parseQengServingCell(['+QENG: "servingcell","NOCONN","WCDMA",460,01,A3B,2A2B3C,10700,290,-95,-9,-,-,-,-,-'])).toMatchObject({
      technology: 'umts',
      rsrpDbm: undefined,
    });
    expect(parseQengServingCell(['+QENG: "servingcell","NOCONN","GSM",460,00,1A2B,3C4D,24,56,-,-75'])).toMatchObject({ technology: 'gsm' });
  });

  it('gives undefined for lines that are not a serving-cell answer', () => {
    expect(parseQengServingCell([])).toBeUndefined();
    expect(parseQengServingCell(['+QENG: "neighbourcell intra","LTE",6300,188,-12,-105,-75,-20,23,4,12,10,62'])).toBeUndefined();
    expect(parseQengServingCell(['garbage'])).toBeUndefined();
  });

  it('leaves "-" fields undefined instead of guessing', () => {
    const cell = parseQengServingCell(['+QENG: "servingcell","NOCONN","NR5G-SA","TDD",460,01,9013B004,299,690E0F,633984,78,12,-,-,-,1,-']);
    expect(cell).toMatchObject({ rsrpDbm: undefined, rsrqDb: undefined, sinrDb: undefined });
  });

  it('applies each LTE SINR formula; auto by module family', () => {
    expect(lteSinrToDb(150, 'fifth-db', 'ec2x')).toBe(10);
    expect(lteSinrToDb(17, 'double-minus-20', 'ec2x')).toBe(14);
    expect(lteSinrToDb(17, 'db', 'rm5xx')).toBe(17);
    expect(lteSinrToDb(17, 'auto', 'rm5xx')).toBe(14);
    expect(lteSinrToDb(-3, 'auto', 'ec2x')).toBe(-3);
    expect(lteSinrToDb(11, 'auto', 'unknown')).toBe(11);
    expect(lteSinrToDb(undefined, 'auto', 'rm5xx')).toBeUndefined();
  });

  it('tells the module family from AT+CGMM', () => {
    expect(['RM500Q-GL', 'RG500Q-EA', 'RM520N-GL', 'rm502q-ae'].map(quectelFamily)).toEqual(['rm5xx', 'rm5xx', 'rm5xx', 'rm5xx']);
    expect(['EC25', 'EG25', 'EC21-E', 'EG06-E', 'EM06-E', 'BG96'].map(quectelFamily)).toEqual(Array(6).fill('ec2x'));
    expect([undefined, '', 'SIM7600G-H', 'ME909s-120'].map(quectelFamily)).toEqual(Array(4).fill('unknown'));
  });
});
