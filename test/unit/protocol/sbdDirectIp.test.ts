import { describe, expect, it } from 'vitest';
import { DirectIpError, IEI, encodeDirectIp, readPreamble } from '../../../protocol/sbd/directIpFrame';
import {
  decodeMoConfirmation,
  decodeMoMessage,
  encodeMoConfirmation,
  encodeMoMessage,
  type MoMessage,
} from '../../../protocol/sbd/directIpMo';
import { MT_FLAGS, decodeMtConfirmation, decodeMtMessage, encodeMtConfirmation, encodeMtMessage } from '../../../protocol/sbd/directIpMt';
import { moSessionMeaning, moSessionSucceeded, mtConfirmationMeaning, mtQueued } from '../../../protocol/sbd/directIpStatus';

const IMEI = '300234010753370';
const imeiBytes = Array.from(IMEI, (c) => c.charCodeAt(0));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof DirectIpError) return error.code;
    throw error;
  }
}

const MO: MoMessage = {
  header: { cdrReference: 0x01020304, imei: IMEI, sessionStatus: 0, momsn: 4711, mtmsn: 0, timeOfSession: 1_790_000_000 },
  location: { latitude: 15, longitude: -38, cepKm: 4 },
  payload: Uint8Array.of(1, 2, 3),
};

describe('DirectIP MO', () => {
  it('lays out the MO header as the reference does (31 bytes, big-endian)', () => {
    const bytes = encodeMoMessage({ header: MO.header });
    expect(bytes.length).toBe(3 + 31);
    expect(Array.from(bytes.subarray(0, 10))).toEqual([0x01, 0x00, 0x1f, 0x01, 0x00, 0x1c, 0x01, 0x02, 0x03, 0x04]);
    expect(Array.from(bytes.subarray(10, 25))).toEqual(imeiBytes);
    expect(Array.from(bytes.subarray(25))).toEqual([0x00, 0x12, 0x67, 0x00, 0x00, 0x6a, 0xb1, 0x3b, 0x80]);
  });

  it('encodes the location test vector 15.0 N, 38.0 W as 01 0f 00 00 26 00 00', () => {
    const bytes = encodeMoMessage(MO);
    const at = 3 + 31;
    expect(bytes[at]).toBe(IEI.moLocation);
    expect(hex(bytes.subarray(at + 3, at + 10))).toBe('01 0f 00 00 26 00 00');
    expect(decodeMoMessage(bytes)).toEqual(MO);
  });

  it('reads IEs in any order, south and east, and a session with no payload', () => {
    const forward = encodeMoMessage({ ...MO, location: { latitude: -33.5, longitude: 151.25, cepKm: 2 } });
    const ies = [forward.subarray(3, 34), forward.subarray(34, 48), forward.subarray(48)];
    const shuffled = Uint8Array.from([...forward.subarray(0, 3), ...ies[2]!, ...ies[1]!, ...ies[0]!]);
    expect(decodeMoMessage(shuffled).location).toEqual({ latitude: -33.5, longitude: 151.25, cepKm: 2 });
    expect(decodeMoMessage(encodeMoMessage({ header: MO.header })).payload).toBeUndefined();
  });

  it('checks every IE length and the overall length', () => {
    const good = encodeMoMessage(MO);
    const shortHeader = encodeDirectIp([{ iei: IEI.moHeader, content: new Uint8Array(27) }]);
    expect(codeOf(() => decodeMoMessage(shortHeader))).toBe('bad-ie-length');
    const longLocation = encodeDirectIp([
      { iei: IEI.moHeader, content: good.subarray(6, 34) },
      { iei: IEI.moLocation, content: new Uint8Array(12) },
    ]);
    expect(codeOf(() => decodeMoMessage(longLocation))).toBe('bad-ie-length');
    expect(codeOf(() => decodeMoMessage(good.subarray(0, good.length - 1)))).toBe('truncated');
    expect(codeOf(() => decodeMoMessage(Uint8Array.from([...good, 0])))).toBe('bad-length');
    const bentIe = good.slice();
    bentIe[3 + 31 + 2] = 200; // the location IE claims more than the message holds
    expect(codeOf(() => decodeMoMessage(bentIe))).toBe('truncated');
    expect(codeOf(() => decodeMoMessage(Uint8Array.of(2, 0, 0)))).toBe('bad-revision');
    expect(codeOf(() => readPreamble(Uint8Array.of(1, 0)))).toBe('truncated');
  });

  it('refuses unknown, duplicated and missing IEs, a bad IMEI and an impossible location', () => {
    const header = encodeMoMessage({ header: MO.header }).subarray(6);
    expect(
      codeOf(() =>
        decodeMoMessage(
          encodeDirectIp([
            { iei: IEI.moHeader, content: header },
            { iei: 0x07, content: Uint8Array.of(1) },
          ]),
        ),
      ),
    ).toBe('unknown-ie');
    expect(
      codeOf(() =>
        decodeMoMessage(
          encodeDirectIp([
            { iei: IEI.moHeader, content: header },
            { iei: IEI.moHeader, content: header },
          ]),
        ),
      ),
    ).toBe('duplicate-ie');
    expect(codeOf(() => decodeMoMessage(encodeDirectIp([{ iei: IEI.moPayload, content: Uint8Array.of(1) }])))).toBe('missing-ie');
    const badImei = header.slice();
    badImei[4] = 0x41;
    expect(codeOf(() => decodeMoMessage(encodeDirectIp([{ iei: IEI.moHeader, content: badImei }])))).toBe('bad-field');
    const north91 = Uint8Array.of(0, 91, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(
      codeOf(() =>
        decodeMoMessage(
          encodeDirectIp([
            { iei: IEI.moHeader, content: header },
            { iei: IEI.moLocation, content: north91 },
          ]),
        ),
      ),
    ).toBe('bad-field');
  });

  it('confirms with IE 0x05: 1 taken, 0 refused', () => {
    expect(hex(encodeMoConfirmation(true))).toBe('01 00 04 05 00 01 01');
    expect(hex(encodeMoConfirmation(false))).toBe('01 00 04 05 00 01 00');
    expect(decodeMoConfirmation(encodeMoConfirmation(true))).toBe(true);
    expect(decodeMoConfirmation(encodeMoConfirmation(false))).toBe(false);
    expect(codeOf(() => decodeMoConfirmation(encodeDirectIp([{ iei: IEI.moConfirmation, content: Uint8Array.of(1, 1) }])))).toBe(
      'bad-ie-length',
    );
  });

  it('classifies MO session statuses', () => {
    expect(moSessionSucceeded(0)).toBe(true);
    expect(moSessionSucceeded(2)).toBe(true);
    expect(moSessionSucceeded(13)).toBe(false);
    expect(moSessionMeaning(15)).toBe('IMEI prohibited from accessing the gateway');
    expect(moSessionMeaning(99)).toBe('unknown session status 99');
  });
});

describe('DirectIP MT', () => {
  it('matches the MT header test vector (id 9999, all flags on)', () => {
    const all = MT_FLAGS.flushQueue | MT_FLAGS.ringAlertOnly | MT_FLAGS.updateLocation | MT_FLAGS.highPriority | MT_FLAGS.assignMtmsn;
    const bytes = encodeMtMessage({ clientMessageId: 9999, imei: IMEI, flags: all });
    expect(hex(bytes.subarray(3))).toBe(`41 00 15 00 00 27 0f ${hex(Uint8Array.from(imeiBytes))} 00 3b`);
  });

  it('builds header, payload and priority, and reads them back (the sbd-rs worked example: 97 bytes overall with 70 of payload)', () => {
    const payload = new Uint8Array(70).fill(7);
    const bytes = encodeMtMessage({ clientMessageId: 1, imei: IMEI, flags: 0, payload });
    expect((bytes[1]! << 8) | bytes[2]!).toBe(97);
    expect(hex(bytes.subarray(27, 30))).toBe('42 00 46');
    const withPriority = encodeMtMessage({ clientMessageId: 2, imei: IMEI, flags: MT_FLAGS.highPriority, payload, priority: 2 });
    expect(hex(withPriority.subarray(-5))).toBe('46 00 02 00 02');
    expect(decodeMtMessage(withPriority)).toEqual({ clientMessageId: 2, imei: IMEI, flags: 0x10, payload, priority: 2 });
    expect(codeOf(() => encodeMtMessage({ clientMessageId: 3, imei: IMEI, flags: 0, priority: 6 }))).toBe('bad-field');
    expect(codeOf(() => encodeMtMessage({ clientMessageId: 3, imei: IMEI, flags: 0, payload: new Uint8Array(1891) }))).toBe('too-large');
    expect(codeOf(() => encodeMtMessage({ clientMessageId: 3, imei: '12345', flags: 0 }))).toBe('bad-field');
    const badPriority = encodeDirectIp([
      { iei: IEI.mtHeader, content: bytes.subarray(6, 27) },
      { iei: IEI.mtPriority, content: Uint8Array.of(0, 0, 1) },
    ]);
    expect(codeOf(() => decodeMtMessage(badPriority))).toBe('bad-ie-length');
  });

  it('reads MT confirmations: the status is signed (−11 is ff f5), 0–50 a queue position', () => {
    const refused = encodeMtConfirmation({ clientMessageId: 5, imei: IMEI, autoIdReference: 0, status: -11 });
    expect(refused.length).toBe(3 + 28);
    expect(hex(refused.subarray(-2))).toBe('ff f5');
    expect(decodeMtConfirmation(refused)).toEqual({ clientMessageId: 5, imei: IMEI, autoIdReference: 0, status: -11 });
    const queued = decodeMtConfirmation(encodeMtConfirmation({ clientMessageId: 6, imei: IMEI, autoIdReference: 77, status: 2 }));
    expect(queued.status).toBe(2);
    expect(mtQueued(2)).toBe(true);
    expect(mtQueued(-2)).toBe(false);
    expect(mtConfirmationMeaning(2)).toBe('queued at the Iridium gateway, position 2');
    expect(mtConfirmationMeaning(-1)).toBe('invalid IMEI (too few or non-numeric characters)');
    expect(mtConfirmationMeaning(-2)).toBe('unknown IMEI (not provisioned at the gateway)');
    expect(mtConfirmationMeaning(-5)).toBe('MT queue full (max 50)');
    expect(codeOf(() => decodeMtConfirmation(encodeDirectIp([{ iei: IEI.mtConfirmation, content: new Uint8Array(24) }])))).toBe(
      'bad-ie-length',
    );
    const tooHigh = encodeMtConfirmation({ clientMessageId: 6, imei: IMEI, autoIdReference: 1, status: 51 });
    expect(codeOf(() => decodeMtConfirmation(tooHigh))).toBe('bad-field');
  });
});
