import { Decoder, Encoder } from 'cbor-x';
import { z } from 'zod';
import { CrewOrderState, Priority, SyncItem, type ItemKind, type Place } from './items';
import {
  DUTY_SHAPE,
  FOLLOWUP_REQUEST_SHAPE,
  REPORT_ACK_SHAPE,
  REPORT_SHAPE,
  dutyObject,
  encodeDuty,
  encodeReport,
  reportObject,
} from './incidentCodec';
import { derivedUuidv7, uuidToBytes, uuidToString } from './uuid';

/**
 * The compact wire form of one item: a CBOR array with codes instead of names, integers
 * instead of floats (1e-7 degrees), Unix seconds, and the 16 raw UUID bytes — small
 * enough that a flash text of 70 Chinese characters with position fits one Iridium SBD
 * message (340 bytes) and a position report stays under 40 bytes (its id is derived).
 *
 *   [version, kind, priority, seq, createdAtS, id16|null, body…]
 */

export const WIRE_VERSION = 1;
/** Items larger than this go as attachments. */
export const MAX_ITEM_BYTES = 64 * 1024;

const KIND_CODES: Readonly<Record<ItemKind, number>> = {
  message: 1,
  position: 2,
  attachment: 3,
  'order-state': 4,
  receipt: 5,
  report: 6,
  duty: 7,
  order: 10,
  directory: 11,
  'center-message': 12,
  'order-cancel': 13,
  'report-ack': 14,
  'followup-request': 15,
};
const ORDER_STATES = CrewOrderState.options;
const KINDS = Object.fromEntries(Object.entries(KIND_CODES).map(([k, v]) => [v, k])) as Record<number, ItemKind>;
const PRIORITIES = Priority.options;

const encoder = new Encoder({ useRecords: false, variableMapSize: true, tagUint8Array: false });
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });

/** The item could not be read; `code` says why, for a 4xx answer and for parking. */
export class WireError extends Error {
  constructor(
    readonly code: 'malformed' | 'too-large' | 'unknown-kind' | 'stale-version',
    message: string,
  ) {
    super(message);
    this.name = 'WireError';
  }
}

const e7 = (degrees: number) => Math.round(degrees * 1e7);
const fromE7 = (value: number) => value / 1e7;
const optional = <T>(value: T | undefined) => (value === undefined ? null : value);

function encodeBody(item: SyncItem): unknown[] {
  switch (item.kind) {
    case 'message': {
      const b = item.body;
      const fields: unknown[] = [
        b.text,
        optional(b.latitude === undefined ? undefined : e7(b.latitude)),
        optional(b.longitude === undefined ? undefined : e7(b.longitude)),
      ];
      return b.replyTo === undefined ? fields : [...fields, uuidToBytes(b.replyTo)];
    }
    case 'position': {
      const b = item.body;
      return [
        e7(b.latitude),
        e7(b.longitude),
        b.fix === '3d' ? 3 : 2,
        optional(b.altitudeM),
        optional(b.speedMps === undefined ? undefined : Math.round(b.speedMps * 10)),
        optional(b.headingDeg),
      ];
    }
    case 'attachment': {
      const b = item.body;
      const fields = [uuidToBytes(b.attachmentId), b.name, b.mime, b.size, hexToBytes(b.sha256)];
      return b.thumbnailOf === undefined ? fields : [...fields, uuidToBytes(b.thumbnailOf)];
    }
    case 'order-state': {
      const b = item.body;
      const fields = [uuidToBytes(b.orderId), ORDER_STATES.indexOf(b.state)];
      return b.reason === undefined ? fields : [...fields, b.reason];
    }
    case 'receipt':
      return item.body.by === undefined ? [item.body.read.map(uuidToBytes)] : [item.body.read.map(uuidToBytes), item.body.by];
    case 'order': {
      const b = item.body;
      const fields: unknown[] = [b.text, b.from, b.requireAck];
      // Older readers take the three fields; deadline and place follow only when there are any, the incident last.
      if (b.deadline === undefined && b.target === undefined && b.incident === undefined) return fields;
      const withPlace = [
        ...fields,
        optional(b.deadline === undefined ? undefined : Math.floor(b.deadline / 1000)),
        ...placeFields(b.target),
      ];
      return b.incident === undefined ? withPlace : [...withPlace, uuidToBytes(b.incident.id), b.incident.title];
    }
    case 'directory':
      return [item.body.entries.map((e) => [e.name, e.role, e.contact])];
    case 'center-message':
      return [item.body.text, item.body.from];
    case 'order-cancel': {
      const b = item.body;
      const fields = [uuidToBytes(b.orderId), b.from];
      return b.reason === undefined ? fields : [...fields, b.reason];
    }
    case 'report':
      return encodeReport(item.body);
    case 'duty':
      return encodeDuty(item.body);
    case 'report-ack':
      return [uuidToBytes(item.body.reportId), item.body.by];
    case 'followup-request':
      return [uuidToBytes(item.body.incidentId), item.body.from, item.body.text];
  }
}

function placeFields(place: Place | undefined): unknown[] {
  if (!place) return [null, null, null];
  return [e7(place.latitude), e7(place.longitude), optional(place.label)];
}

/** Encodes one item. Throws WireError('too-large') past MAX_ITEM_BYTES. */
export function encodeItem(item: SyncItem): Uint8Array {
  const idBytes = item.kind === 'position' ? null : uuidToBytes(item.id);
  const wire = [
    WIRE_VERSION,
    KIND_CODES[item.kind],
    PRIORITIES.indexOf(item.priority),
    item.seq,
    Math.floor(item.createdAt / 1000),
    idBytes,
    ...encodeBody(item),
  ];
  const bytes = encoder.encode(wire) as Uint8Array;
  if (bytes.length > MAX_ITEM_BYTES)
    throw new WireError('too-large', `item of ${bytes.length} bytes is over ${MAX_ITEM_BYTES}; send it as an attachment`);
  return bytes;
}

const Bytes16 = z.instanceof(Uint8Array).refine((b) => b.length === 16, 'expected 16 bytes');
const Int = z.number().int();
const NullableInt = Int.nullable();
const Header = z.tuple([z.literal(WIRE_VERSION), Int, Int.min(0).max(4), Int.min(1), Int.min(0), Bytes16.nullable()]);

const BODY_SHAPES: Readonly<Record<ItemKind, z.ZodType<unknown[]>>> = {
  message: z.union([z.tuple([z.string(), NullableInt, NullableInt]), z.tuple([z.string(), NullableInt, NullableInt, Bytes16])]),
  position: z.tuple([Int, Int, z.union([z.literal(2), z.literal(3)]), NullableInt, NullableInt, NullableInt]),
  attachment: z.union([
    z.tuple([Bytes16, z.string(), z.string(), Int, z.instanceof(Uint8Array).refine((b) => b.length === 32)]),
    z.tuple([Bytes16, z.string(), z.string(), Int, z.instanceof(Uint8Array).refine((b) => b.length === 32), Bytes16]),
  ]),
  'order-state': z.union([z.tuple([Bytes16, Int.min(0).max(3)]), z.tuple([Bytes16, Int.min(0).max(3), z.string()])]),
  receipt: z.union([z.tuple([z.array(Bytes16)]), z.tuple([z.array(Bytes16), z.string()])]),
  order: z.union([
    z.tuple([z.string(), z.string(), z.boolean()]),
    z.tuple([z.string(), z.string(), z.boolean(), NullableInt, NullableInt, NullableInt, z.string().nullable()]),
    z.tuple([z.string(), z.string(), z.boolean(), NullableInt, NullableInt, NullableInt, z.string().nullable(), Bytes16, z.string()]),
  ]),
  directory: z.tuple([z.array(z.tuple([z.string(), z.string(), z.string()]))]),
  'center-message': z.tuple([z.string(), z.string()]),
  'order-cancel': z.union([z.tuple([Bytes16, z.string()]), z.tuple([Bytes16, z.string(), z.string()])]),
  report: REPORT_SHAPE,
  duty: DUTY_SHAPE,
  'report-ack': REPORT_ACK_SHAPE,
  'followup-request': FOLLOWUP_REQUEST_SHAPE,
};

function bodyObject(kind: ItemKind, b: unknown[]): unknown {
  const num = (v: unknown) => (v === null ? undefined : (v as number));
  switch (kind) {
    case 'message':
      return {
        text: b[0],
        latitude: b[1] === null ? undefined : fromE7(b[1] as number),
        longitude: b[2] === null ? undefined : fromE7(b[2] as number),
        replyTo: b[3] === undefined ? undefined : uuidToString(b[3] as Uint8Array),
      };
    case 'position':
      return {
        latitude: fromE7(b[0] as number),
        longitude: fromE7(b[1] as number),
        fix: b[2] === 3 ? '3d' : '2d',
        altitudeM: num(b[3]),
        speedMps: b[4] === null ? undefined : (b[4] as number) / 10,
        headingDeg: num(b[5]),
      };
    case 'attachment':
      return {
        attachmentId: uuidToString(b[0] as Uint8Array),
        name: b[1],
        mime: b[2],
        size: b[3],
        sha256: bytesToHex(b[4] as Uint8Array),
        thumbnailOf: b[5] === undefined ? undefined : uuidToString(b[5] as Uint8Array),
      };
    case 'order-state':
      return { orderId: uuidToString(b[0] as Uint8Array), state: ORDER_STATES[b[1] as number], reason: b[2] };
    case 'receipt':
      return { read: (b[0] as Uint8Array[]).map(uuidToString), by: b[1] };
    case 'order':
      return {
        text: b[0],
        from: b[1],
        requireAck: b[2],
        deadline: b[3] === undefined || b[3] === null ? undefined : (b[3] as number) * 1000,
        target:
          b[4] === undefined || b[4] === null || b[5] === null
            ? undefined
            : stripUndefined({ latitude: fromE7(b[4] as number), longitude: fromE7(b[5] as number), label: b[6] ?? undefined }),
        incident: b[7] === undefined ? undefined : { id: uuidToString(b[7] as Uint8Array), title: b[8] },
      };
    case 'directory':
      return { entries: (b[0] as string[][]).map(([name, role, contact]) => ({ name, role, contact })) };
    case 'center-message':
      return { text: b[0], from: b[1] };
    case 'order-cancel':
      return { orderId: uuidToString(b[0] as Uint8Array), from: b[1], reason: b[2] };
    case 'report':
      return reportObject(b);
    case 'duty':
      return dutyObject(b);
    case 'report-ack':
      return { reportId: uuidToString(b[0] as Uint8Array), by: b[1] };
    case 'followup-request':
      return { incidentId: uuidToString(b[0] as Uint8Array), from: b[1], text: b[2] };
  }
}

/**
 * Decodes and validates one item; every failure is a WireError naming what is wrong.
 * `vehicleId` is needed to derive the id of a position report.
 */
export function decodeItem(bytes: Uint8Array, vehicleId: string): SyncItem {
  if (bytes.length > MAX_ITEM_BYTES) throw new WireError('too-large', `item of ${bytes.length} bytes is over ${MAX_ITEM_BYTES}`);
  let wire: unknown;
  try {
    wire = decoder.decode(bytes);
  } catch (error) {
    throw new WireError('malformed', `not CBOR: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(wire) || wire.length < 6) throw new WireError('malformed', 'expected a CBOR array of at least 6 elements');
  if (wire[0] !== WIRE_VERSION) throw new WireError('stale-version', `wire version ${String(wire[0])}, this side reads ${WIRE_VERSION}`);
  const header = Header.safeParse(wire.slice(0, 6));
  if (!header.success) throw new WireError('malformed', `bad header: ${header.error.issues[0]?.message ?? ''}`);
  const [, kindCode, priorityCode, seq, createdAtS, idBytes] = header.data;
  const kind = KINDS[kindCode];
  if (!kind) throw new WireError('unknown-kind', `unknown item kind ${kindCode}`);
  const body = BODY_SHAPES[kind].safeParse(wire.slice(6));
  if (!body.success) throw new WireError('malformed', `bad ${kind} body: ${body.error.issues[0]?.message ?? ''}`);
  const createdAt = createdAtS * 1000;
  const id = idBytes ? uuidToString(idBytes) : kind === 'position' ? derivedUuidv7(vehicleId, seq, createdAt) : undefined;
  if (!id) throw new WireError('malformed', `a ${kind} item needs its id`);
  let bodyValue: unknown;
  try {
    bodyValue = deepStripUndefined(bodyObject(kind, body.data));
  } catch (error) {
    throw new WireError('malformed', `bad ${kind} body: ${error instanceof Error ? error.message : String(error)}`);
  }
  const item = SyncItem.safeParse({ kind, seq, id, priority: PRIORITIES[priorityCode], createdAt, body: bodyValue });
  if (!item.success)
    throw new WireError('malformed', `${kind}: ${item.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return item.data;
}

function stripUndefined(value: unknown): unknown {
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined));
}

/** As stripUndefined, into nested plain objects too (a report's incident header and casualties). */
function deepStripUndefined(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Uint8Array) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, deepStripUndefined(v)]),
  );
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The generic CBOR coder of the exchange envelopes (maps with short keys). */
export function encodeCbor(value: unknown): Uint8Array {
  return encoder.encode(value) as Uint8Array;
}

export function decodeCbor(bytes: Uint8Array): unknown {
  return decoder.decode(bytes);
}

/** The sequence an unreadable item claims, so the vehicle knows which item was refused; 0 when it cannot be read. */
export function peekSeq(wire: Uint8Array): number {
  try {
    const value = decodeCbor(wire);
    const seq = Array.isArray(value) ? (value[3] as unknown) : undefined;
    return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1 && seq <= 2 ** 40 ? seq : 0;
  } catch {
    return 0;
  }
}
