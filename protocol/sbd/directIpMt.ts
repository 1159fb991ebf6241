import { DirectIpError, IEI, IE_CONTENT_BYTES, encodeDirectIp, parseDirectIp, requireLength, writeImei } from './directIpFrame';

/**
 * Mobile-terminated DirectIP messages, center → gateway (reference §1.7–1.9): the MT
 * header (0x41) with the client's message id, the IMEI and disposition flags, the payload
 * (0x42), the priority (0x46) when given; the gateway answers one MT confirmation (0x44).
 */

/** Disposition flags of the MT header (reference §1.7). */
export const MT_FLAGS = {
  flushQueue: 0x0001,
  ringAlertOnly: 0x0002,
  updateLocation: 0x0008,
  highPriority: 0x0010,
  assignMtmsn: 0x0020,
} as const;

/** Largest MT payload DirectIP carries (a 9602/9603 takes 270: sbdPayload.ts). */
export const MAX_MT_PAYLOAD_BYTES = 1890;

export interface MtMessage {
  /** Opaque to the gateway and echoed in its confirmation. */
  clientMessageId: number;
  imei: string;
  flags: number;
  payload?: Uint8Array | undefined;
  /** 1 (highest) – 5 (default, lowest); absent: no priority IE. */
  priority?: number | undefined;
}

export interface MtConfirmation {
  clientMessageId: number;
  /** As the gateway echoed it (may be non-digits when the status is −1, invalid IMEI). */
  imei: string;
  /** The gateway's own reference; 0 on error. */
  autoIdReference: number;
  /** 0–50: queued, at this position; negative: refused (MT_CONFIRMATION_STATUS). */
  status: number;
}

export function encodeMtMessage(mt: MtMessage): Uint8Array {
  if (!Number.isInteger(mt.clientMessageId) || mt.clientMessageId < 0 || mt.clientMessageId > 0xffffffff)
    throw new DirectIpError('bad-field', `client message id ${mt.clientMessageId} is not a u32`);
  if (mt.payload && (mt.payload.length === 0 || mt.payload.length > MAX_MT_PAYLOAD_BYTES))
    throw new DirectIpError('too-large', `MT payload of ${mt.payload.length} bytes; 1–${MAX_MT_PAYLOAD_BYTES} allowed`);
  if (mt.priority !== undefined && (!Number.isInteger(mt.priority) || mt.priority < 1 || mt.priority > 5))
    throw new DirectIpError('bad-field', `MT priority ${mt.priority}; 1–5 allowed`);
  const header = new Uint8Array(IE_CONTENT_BYTES.mtHeader);
  const view = new DataView(header.buffer);
  view.setUint32(0, mt.clientMessageId);
  writeImei(header, 4, mt.imei);
  view.setUint16(19, mt.flags);
  const priority = new Uint8Array(2);
  if (mt.priority !== undefined) new DataView(priority.buffer).setUint16(0, mt.priority);
  return encodeDirectIp([
    { iei: IEI.mtHeader, content: header },
    ...(mt.payload ? [{ iei: IEI.mtPayload, content: mt.payload }] : []),
    ...(mt.priority !== undefined ? [{ iei: IEI.mtPriority, content: priority }] : []),
  ]);
}

const MT_IES: ReadonlySet<number> = new Set([IEI.mtHeader, IEI.mtPayload, IEI.mtPriority]);

/** Reads an MT message as the gateway does (the simulator); DirectIpError on anything wrong. */
export function decodeMtMessage(message: Uint8Array): MtMessage {
  const ies = parseDirectIp(message, MT_IES);
  const content = ies.get(IEI.mtHeader);
  if (!content) throw new DirectIpError('missing-ie', 'the MT header IE (0x41) is missing');
  const view = requireLength(content, IE_CONTENT_BYTES.mtHeader, 'MT header');
  const payload = ies.get(IEI.mtPayload);
  if (payload && (payload.length === 0 || payload.length > MAX_MT_PAYLOAD_BYTES))
    throw new DirectIpError('too-large', `MT payload of ${payload.length} bytes; 1–${MAX_MT_PAYLOAD_BYTES} allowed`);
  const priorityContent = ies.get(IEI.mtPriority);
  const priority = priorityContent ? requireLength(priorityContent, IE_CONTENT_BYTES.mtPriority, 'MT priority').getUint16(0) : undefined;
  return {
    clientMessageId: view.getUint32(0),
    imei: String.fromCharCode(...content.subarray(4, 19)),
    flags: view.getUint16(19),
    payload,
    priority,
  };
}

export function encodeMtConfirmation(confirmation: MtConfirmation): Uint8Array {
  const content = new Uint8Array(IE_CONTENT_BYTES.mtConfirmation);
  const view = new DataView(content.buffer);
  view.setUint32(0, confirmation.clientMessageId);
  for (let i = 0; i < 15; i++) content[4 + i] = confirmation.imei.charCodeAt(i) & 0xff;
  view.setUint32(19, confirmation.autoIdReference);
  view.setInt16(23, confirmation.status);
  return encodeDirectIp([{ iei: IEI.mtConfirmation, content }]);
}

export function decodeMtConfirmation(message: Uint8Array): MtConfirmation {
  const content = parseDirectIp(message, new Set([IEI.mtConfirmation])).get(IEI.mtConfirmation);
  if (!content) throw new DirectIpError('missing-ie', 'the MT confirmation IE (0x44) is missing');
  const view = requireLength(content, IE_CONTENT_BYTES.mtConfirmation, 'MT confirmation');
  const status = view.getInt16(23);
  if (status > 50 || status < -100) throw new DirectIpError('bad-field', `MT confirmation status ${status} is outside the table`);
  return {
    clientMessageId: view.getUint32(0),
    imei: String.fromCharCode(...content.subarray(4, 19)),
    autoIdReference: view.getUint32(19),
    status,
  };
}
