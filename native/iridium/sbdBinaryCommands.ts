import type { AtResponse } from '../at/AtChannel';
import { AtCommandError } from '../at/atErrors';
import { SbdError } from './sbdErrors';
import type { MtFrameResult } from './SbdRbFrameReader';
import { withSbdChecksum } from './sbdChecksum';
import { parseSystemTime, parseWriteStatus } from './sbdParsers';

/** Sends one AT command; resolves with the error final instead of throwing it (throws on timeout or close). */
export type SbdSend = (command: string, prefix?: string, timeoutMs?: number) => Promise<AtResponse | AtCommandError>;

const WRITE_STATUS: Readonly<Record<number, string>> = {
  1: 'the transceiver timed out waiting for the bytes',
  2: 'the checksum did not match (bytes garbled on the serial line)',
  3: 'the size is out of range (1–340)',
};

/**
 * `AT-MSSTM` before a session: `none` when the transceiver has no network time (no session
 * then, as Iridium's 2013 bulletin asks); `unknown` when it did not answer in the
 * documented shape (older firmware): the session goes ahead.
 */
export async function networkTime(send: SbdSend): Promise<'ok' | 'none' | 'unknown'> {
  const answer = await send('AT-MSSTM', '-MSSTM:');
  if (answer instanceof AtCommandError) return 'unknown';
  const time = answer.lines.map(parseSystemTime).find((t) => t !== undefined);
  if (!time) return 'unknown';
  return time.kind === 'none' ? 'none' : 'ok';
}

/**
 * Stores a binary MO message: `AT+SBDWB=<n>` → `READY` → the bytes and their checksum
 * (written by the driver when READY arrives, via `armBytes`) → status `0`. Status 1 or 2
 * (bytes lost or garbled on the serial line) is tried once more. Throws SbdError
 * `sbd-mo-write-failed` otherwise.
 */
export async function writeMoBinary(send: SbdSend, armBytes: (bytes: Buffer | undefined) => void, bytes: Uint8Array): Promise<void> {
  let last = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    armBytes(withSbdChecksum(bytes));
    try {
      const answer = await send(`AT+SBDWB=${bytes.length}`);
      if (answer instanceof AtCommandError)
        throw new SbdError('sbd-mo-write-failed', `AT+SBDWB: the transceiver answered ${answer.result}`);
      const status = parseWriteStatus(answer.lines);
      if (status === 0) return;
      last = status === undefined ? 'no status line' : `status ${status}: ${WRITE_STATUS[status]}`;
      if (status !== 1 && status !== 2) break;
    } finally {
      armBytes(undefined);
    }
  }
  throw new SbdError('sbd-mo-write-failed', `AT+SBDWB: the transceiver did not store the message (${last})`);
}

/**
 * Reads the MT buffer in binary: `AT+SBDRB` → length, bytes, checksum (taken from the byte
 * stream by the driver's frame reader, `takeFrame`) → `OK`. A bad checksum or length is
 * read once more (the buffer stays until the next session or `AT+SBDD1`). Throws SbdError
 * `sbd-mt-unreadable` when both reads fail; AT errors and timeouts pass through.
 */
export async function readMtBinary(send: SbdSend, takeFrame: () => MtFrameResult, expectedLength?: number): Promise<Buffer> {
  let last = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    let frame: MtFrameResult;
    try {
      const answer = await send('AT+SBDRB');
      frame = takeFrame();
      if (answer instanceof AtCommandError) throw answer;
    } catch (error) {
      takeFrame();
      throw error;
    }
    if (frame.ok && expectedLength !== undefined && frame.bytes.length !== expectedLength) {
      frame = { ok: false, problem: 'length', detail: `${frame.bytes.length} bytes, but +SBDIX announced ${expectedLength}` };
    }
    if (frame.ok) return frame.bytes;
    last = frame.detail;
  }
  throw new SbdError('sbd-mt-unreadable', `AT+SBDRB: the MT message could not be read intact (${last})`);
}
