import { z } from 'zod';
import type { DutyBody } from './duty';
import { IncidentCategory, IncidentLevel, ReportStage, type IncidentHeader, type ReportBody } from './incidents';
import { uuidToBytes, uuidToString } from './uuid';

/**
 * The compact wire bodies of `report`, `duty`, `report-ack` and `followup-request` (see
 * codec.ts for the envelope): positional arrays, codes for enums, 1e-7 degrees, Unix
 * seconds, raw UUID bytes, `null` for what is absent, and trailing absent groups dropped —
 * so a first report's essentials fit one Iridium SBD message.
 */

const CATEGORIES = IncidentCategory.options;
const LEVELS = IncidentLevel.options;
const STAGES = ReportStage.options;
const DUTY_TYPES = ['shift', 'entry', 'call', 'handover'] as const;
const DUTY_TOPICS = ['manual', 'link', 'order', 'report', 'video', 'sync', 'call', 'handover'] as const;

const e7 = (degrees: number) => Math.round(degrees * 1e7);
const fromE7 = (value: number) => value / 1e7;
const opt = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const und = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
const seconds = (ms: number) => Math.floor(ms / 1000);
const optSeconds = (ms: number | undefined) => (ms === undefined ? null : seconds(ms));
const fromSeconds = (s: unknown) => (s === null || s === undefined ? undefined : (s as number) * 1000);
const bytesOrNull = (uuid: string | undefined) => (uuid === undefined ? null : uuidToBytes(uuid));
const uuidOrUndefined = (b: unknown) => (b === null || b === undefined ? undefined : uuidToString(b as Uint8Array));

/** Drops trailing nulls: older and shorter forms stay readable, and absent groups cost nothing. */
function trimTail(fields: unknown[]): unknown[] {
  let end = fields.length;
  while (end > 0 && fields[end - 1] === null) end--;
  return fields.slice(0, end);
}

function headerFields(h: IncidentHeader): unknown[] {
  return [
    CATEGORIES.indexOf(h.category),
    h.type,
    LEVELS.indexOf(h.level),
    h.title,
    seconds(h.occurredAt),
    opt(h.placeText),
    h.latitude === undefined ? null : e7(h.latitude),
    h.longitude === undefined ? null : e7(h.longitude),
  ];
}

function headerObject(f: unknown[]): unknown {
  return {
    category: CATEGORIES[f[0] as number],
    type: f[1],
    level: LEVELS[f[2] as number],
    title: f[3],
    occurredAt: (f[4] as number) * 1000,
    placeText: und(f[5]),
    latitude: f[6] === null || f[6] === undefined ? undefined : fromE7(f[6] as number),
    longitude: f[7] === null || f[7] === undefined ? undefined : fromE7(f[7] as number),
  };
}

/** [incident16, stage, number, text, header|null, [dead, injured, missing, trapped]|null, cause, impact, measures, help, nextSteps, reporterName, reporterPhone, [attachment16…]|null] */
export function encodeReport(b: ReportBody): unknown[] {
  const c = b.casualties;
  return trimTail([
    uuidToBytes(b.incidentId),
    STAGES.indexOf(b.stage),
    b.number,
    b.text,
    b.incident ? trimTail(headerFields(b.incident)) : null,
    c ? [c.dead, c.injured, c.missing, c.trapped] : null,
    opt(b.cause),
    opt(b.impact),
    opt(b.measures),
    opt(b.help),
    opt(b.nextSteps),
    opt(b.reporterName),
    opt(b.reporterPhone),
    b.attachments && b.attachments.length > 0 ? b.attachments.map(uuidToBytes) : null,
  ]);
}

export function reportObject(b: unknown[]): unknown {
  const c = b[5] as number[] | null | undefined;
  return {
    incidentId: uuidToString(b[0] as Uint8Array),
    stage: STAGES[b[1] as number],
    number: b[2],
    text: b[3],
    incident: b[4] === null || b[4] === undefined ? undefined : headerObject(b[4] as unknown[]),
    casualties: c ? { dead: c[0], injured: c[1], missing: c[2], trapped: c[3] } : undefined,
    cause: und(b[6]),
    impact: und(b[7]),
    measures: und(b[8]),
    help: und(b[9]),
    nextSteps: und(b[10]),
    reporterName: und(b[11]),
    reporterPhone: und(b[12]),
    attachments: b[13] === null || b[13] === undefined ? undefined : (b[13] as Uint8Array[]).map(uuidToString),
  };
}

/** [type, …fields of the type] */
export function encodeDuty(b: DutyBody): unknown[] {
  const type = DUTY_TYPES.indexOf(b.type);
  switch (b.type) {
    case 'shift':
      return [type, uuidToBytes(b.shiftId), b.onDuty, b.leader, seconds(b.startAt), optSeconds(b.endAt)];
    case 'entry':
      return trimTail([type, DUTY_TOPICS.indexOf(b.topic), b.text, bytesOrNull(b.shiftId), opt(b.by)]);
    case 'call':
      return trimTail([
        type,
        uuidToBytes(b.callId),
        seconds(b.at),
        b.unit,
        b.caller,
        b.phone,
        b.summary,
        opt(b.passedTo),
        bytesOrNull(b.incidentId),
        bytesOrNull(b.shiftId),
        opt(b.recordedBy),
      ]);
    case 'handover':
      return [
        type,
        uuidToBytes(b.shiftId),
        b.done,
        b.pending,
        b.tasks,
        b.equipment,
        b.hazards,
        b.outgoing,
        b.incoming,
        seconds(b.signedAt),
      ];
  }
}

export function dutyObject(b: unknown[]): unknown {
  const type = DUTY_TYPES[b[0] as number];
  switch (type) {
    case 'shift':
      return {
        type,
        shiftId: uuidToString(b[1] as Uint8Array),
        onDuty: b[2],
        leader: b[3],
        startAt: fromSeconds(b[4]),
        endAt: fromSeconds(b[5]),
      };
    case 'entry':
      return { type, topic: DUTY_TOPICS[b[1] as number], text: b[2], shiftId: uuidOrUndefined(b[3]), by: und(b[4]) };
    case 'call':
      return {
        type,
        callId: uuidToString(b[1] as Uint8Array),
        at: fromSeconds(b[2]),
        unit: b[3],
        caller: b[4],
        phone: b[5],
        summary: b[6],
        passedTo: und(b[7]),
        incidentId: uuidOrUndefined(b[8]),
        shiftId: uuidOrUndefined(b[9]),
        recordedBy: und(b[10]),
      };
    case 'handover':
      return {
        type,
        shiftId: uuidToString(b[1] as Uint8Array),
        done: b[2],
        pending: b[3],
        tasks: b[4],
        equipment: b[5],
        hazards: b[6],
        outgoing: b[7],
        incoming: b[8],
        signedAt: fromSeconds(b[9]),
      };
    default:
      return { type: String(b[0]) };
  }
}

const Bytes16 = z.instanceof(Uint8Array).refine((b) => b.length === 16, 'expected 16 bytes');
const Str = z.string();
const NStr = Str.nullable();
const Int = z.number().int();
const NInt = Int.nullable();

const HeaderShape = z
  .array(z.unknown())
  .min(5)
  .max(8)
  .pipe(z.tuple([Int.min(0).max(3), Str, Int.min(0).max(4), Str, Int.min(0)], z.union([NStr, NInt])));

export const REPORT_SHAPE = z
  .array(z.unknown())
  .min(4)
  .max(14)
  .pipe(
    z.tuple(
      [Bytes16, Int.min(0).max(2), Int.min(0), Str],
      z.union([HeaderShape, z.tuple([Int, Int, Int, Int]), Str, z.array(Bytes16), z.null()]),
    ),
  );

export const DUTY_SHAPE = z
  .array(z.unknown())
  .min(3)
  .max(11)
  .pipe(z.tuple([Int.min(0).max(3)], z.union([Bytes16, Str, Int, z.array(Str), z.null()])));

export const REPORT_ACK_SHAPE = z.tuple([Bytes16, Str]);
export const FOLLOWUP_REQUEST_SHAPE = z.tuple([Bytes16, Str, Str]);
