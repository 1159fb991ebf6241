import { DirectIpError, IEI, IE_CONTENT_BYTES, encodeDirectIp, parseDirectIp, readImei, requireLength, writeImei } from './directIpFrame';

/**
 * Mobile-originated DirectIP messages, gateway → center (reference §1.3–1.6): the MO
 * header (0x01), the location (0x03), the payload (0x02), and the center's one-byte
 * confirmation (0x05) sent back on the same socket.
 */

export interface MoHeader {
  /** The gateway's call-data record reference: unique per delivery, the idempotency key. */
  cdrReference: number;
  imei: string;
  /** Session status (MO_SESSION_STATUS); ≥ 10 still may carry a payload. */
  sessionStatus: number;
  momsn: number;
  mtmsn: number;
  /** Time of session, Unix seconds UTC. */
  timeOfSession: number;
}

/** Where the gateway placed the modem, and how sure it is (circular error probable, km). */
export interface MoLocation {
  latitude: number;
  longitude: number;
  cepKm: number;
}

export interface MoMessage {
  header: MoHeader;
  location?: MoLocation | undefined;
  /** Absent when the session carried no payload (a mailbox check). */
  payload?: Uint8Array | undefined;
}

/** Largest MO payload the center takes (a 9602/9603's is 340; the DirectIP field allows more). */
export const MAX_MO_PAYLOAD_BYTES = 1960;
const MO_IES: ReadonlySet<number> = new Set([IEI.moHeader, IEI.moPayload, IEI.moLocation]);

/** Reads a whole MO message; every failure is a DirectIpError saying what is wrong. */
export function decodeMoMessage(message: Uint8Array): MoMessage {
  const ies = parseDirectIp(message, MO_IES);
  const headerContent = ies.get(IEI.moHeader);
  if (!headerContent) throw new DirectIpError('missing-ie', 'the MO header IE (0x01) is missing');
  const view = requireLength(headerContent, IE_CONTENT_BYTES.moHeader, 'MO header');
  const header: MoHeader = {
    cdrReference: view.getUint32(0),
    imei: readImei(headerContent, 4, 'MO header'),
    sessionStatus: view.getUint8(19),
    momsn: view.getUint16(20),
    mtmsn: view.getUint16(22),
    timeOfSession: view.getUint32(24),
  };
  const locationContent = ies.get(IEI.moLocation);
  const payload = ies.get(IEI.moPayload);
  if (payload && payload.length > MAX_MO_PAYLOAD_BYTES)
    throw new DirectIpError('too-large', `MO payload of ${payload.length} bytes; at most ${MAX_MO_PAYLOAD_BYTES} are taken`);
  return { header, location: locationContent ? decodeLocation(locationContent) : undefined, payload };
}

function decodeLocation(content: Uint8Array): MoLocation {
  const view = requireLength(content, IE_CONTENT_BYTES.moLocation, 'MO location');
  const flags = view.getUint8(0);
  const latDeg = view.getUint8(1);
  const latThou = view.getUint16(2);
  const lonDeg = view.getUint8(4);
  const lonThou = view.getUint16(5);
  if (latDeg > 90 || lonDeg > 180 || latThou > 59_999 || lonThou > 59_999)
    throw new DirectIpError('bad-field', `MO location out of range (${latDeg}° ${latThou}, ${lonDeg}° ${lonThou})`);
  const latitude = (flags & 0x02 ? -1 : 1) * (latDeg + latThou / 60_000);
  const longitude = (flags & 0x01 ? -1 : 1) * (lonDeg + lonThou / 60_000);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
    throw new DirectIpError('bad-field', 'MO location beyond the poles or the antimeridian');
  return { latitude, longitude, cepKm: view.getUint32(7) };
}

function encodeLocation(location: MoLocation): Uint8Array {
  const content = new Uint8Array(IE_CONTENT_BYTES.moLocation);
  const view = new DataView(content.buffer);
  const part = (value: number) => {
    const abs = Math.abs(value);
    const deg = Math.floor(abs);
    return [deg, Math.min(59_999, Math.round((abs - deg) * 60_000))] as const;
  };
  const [latDeg, latThou] = part(location.latitude);
  const [lonDeg, lonThou] = part(location.longitude);
  view.setUint8(0, (location.longitude < 0 ? 0x01 : 0) | (location.latitude < 0 ? 0x02 : 0));
  view.setUint8(1, latDeg);
  view.setUint16(2, latThou);
  view.setUint8(4, lonDeg);
  view.setUint16(5, lonThou);
  view.setUint32(7, location.cepKm);
  return content;
}

/** Builds an MO message as the gateway sends it (header, location when known, payload when any). */
export function encodeMoMessage(mo: MoMessage): Uint8Array {
  const header = new Uint8Array(IE_CONTENT_BYTES.moHeader);
  const view = new DataView(header.buffer);
  view.setUint32(0, mo.header.cdrReference);
  writeImei(header, 4, mo.header.imei);
  view.setUint8(19, mo.header.sessionStatus);
  view.setUint16(20, mo.header.momsn);
  view.setUint16(22, mo.header.mtmsn);
  view.setUint32(24, mo.header.timeOfSession);
  return encodeDirectIp([
    { iei: IEI.moHeader, content: header },
    ...(mo.location ? [{ iei: IEI.moLocation, content: encodeLocation(mo.location) }] : []),
    ...(mo.payload ? [{ iei: IEI.moPayload, content: mo.payload }] : []),
  ]);
}

/** The center's answer to an MO message: 1 = taken, 0 = refused. */
export function encodeMoConfirmation(success: boolean): Uint8Array {
  return encodeDirectIp([{ iei: IEI.moConfirmation, content: Uint8Array.of(success ? 1 : 0) }]);
}

export function decodeMoConfirmation(message: Uint8Array): boolean {
  const content = parseDirectIp(message, new Set([IEI.moConfirmation])).get(IEI.moConfirmation);
  if (!content) throw new DirectIpError('missing-ie', 'the MO confirmation IE (0x05) is missing');
  const status = requireLength(content, IE_CONTENT_BYTES.moConfirmation, 'MO confirmation').getUint8(0);
  if (status > 1) throw new DirectIpError('bad-field', `MO confirmation status ${status}; 0 or 1 expected`);
  return status === 1;
}
