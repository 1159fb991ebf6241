import type { AtResponse } from '../at/AtChannel';
import { AtCommandError } from '../at/atErrors';
import type { DeviceIdentity } from '../device/deviceTypes';
import { printable } from '../util/printable';
import { CIER_WITHOUT_ANTENNA, CIER_WITH_ANTENNA } from './iridiumAtTables';
import { parseImei, parseRevision } from './sbdParsers';

export interface IridiumInitResult {
  identity: DeviceIdentity;
  imei: string | undefined;
  /** Whether the unit took the antenna indicator (`+CIER` with four parameters). */
  antennaIndicator: boolean;
}

/** Sends one command; resolves with the error final instead of throwing it (throws on timeout or close). */
export type AtSend = (command: string) => Promise<AtResponse | AtCommandError>;

/**
 * The init sequence, run on every port open and after every restart sign: echo off, no
 * flow control (RockBLOCK), indicator event reporting (signal, service, antenna; without
 * the antenna indicator on units that refuse it), ring alerts, an empty MO buffer (an old
 * message must not go out with the next mailbox check), then identity and IMEI.
 */
export async function runIridiumInit(send: AtSend): Promise<IridiumInitResult> {
  await send('ATE0');
  await send('AT&K0');
  const antennaIndicator = !((await send(CIER_WITH_ANTENNA)) instanceof AtCommandError);
  if (!antennaIndicator) await send(CIER_WITHOUT_ANTENNA);
  await send('AT+SBDMTA=1');
  await send('AT+SBDD0');
  const lines = async (command: string) => {
    const answer = await send(command);
    if (answer instanceof AtCommandError) return [];
    return answer.lines.map((line) => line.replace(/^\+(CG)?(MI|MM|MR|SN):\s*/, '')).filter((line) => line.length > 0);
  };
  const manufacturer = await lines('AT+CGMI');
  const model = await lines('AT+CGMM');
  const revision = await lines('AT+CGMR');
  const imei = (await lines('AT+CGSN')).map(parseImei).find((v) => v !== undefined);
  return {
    identity: { manufacturer: cleanText(manufacturer[0]), model: cleanText(model[0]), revision: cleanText(parseRevision(revision)) },
    imei,
    antennaIndicator,
  };
}

/** Device text for the tile: control characters out, at most 64 characters, nothing when empty. */
function cleanText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const clean = printable(text, 64);
  return clean === '' ? undefined : clean;
}
