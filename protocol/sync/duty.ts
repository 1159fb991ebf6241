import { z } from 'zod';
import { Uuid } from './ids';

/**
 * The duty log (值班值守) as it travels from a vehicle to the center: one `duty` item per
 * record, `routine` priority. A shift (值班员 and 带班领导, start and end), a log entry
 * (automatic or written), a phone-log entry (接报) and a handover (交接班) signed by both.
 * A shift or call sent again (ended, or turned into an incident) replaces the earlier copy
 * by its id at the center: newest `createdAt` wins.
 */

const Name = z.string().trim().min(1).max(50);
const Text = z.string().trim().max(2000);

export const DutyShift = z
  .object({
    type: z.literal('shift'),
    shiftId: Uuid,
    /** 值班员, one to three. */
    onDuty: z.array(Name).min(1).max(3),
    /** 带班领导. */
    leader: Name,
    startAt: z.number().int().nonnegative(),
    endAt: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((s) => s.endAt === undefined || s.endAt >= s.startAt, { message: 'a shift ends after it starts', path: ['endAt'] });
export type DutyShift = z.infer<typeof DutyShift>;

/** What an automatic entry is about; `manual` for what the crew wrote. */
export const DutyTopic = z.enum(['manual', 'link', 'order', 'report', 'video', 'sync', 'call', 'handover']);
export type DutyTopic = z.infer<typeof DutyTopic>;

export const DutyEntry = z
  .object({
    type: z.literal('entry'),
    shiftId: Uuid.optional(),
    topic: DutyTopic,
    text: z.string().trim().min(1).max(2000),
    /** Who wrote it (manual entries). */
    by: Name.optional(),
  })
  .strict();
export type DutyEntry = z.infer<typeof DutyEntry>;

/** 接报: a phone call taken on duty. */
export const DutyCall = z
  .object({
    type: z.literal('call'),
    callId: Uuid,
    shiftId: Uuid.optional(),
    at: z.number().int().nonnegative(),
    unit: z.string().trim().max(100),
    caller: Name,
    phone: z.string().trim().max(30),
    summary: z.string().trim().min(1).max(2000),
    passedTo: z.string().trim().max(100).optional(),
    /** The incident this call was turned into. */
    incidentId: Uuid.optional(),
    recordedBy: Name.optional(),
  })
  .strict();
export type DutyCall = z.infer<typeof DutyCall>;

/** 交接班: the outgoing shift's record, signed by the outgoing and the incoming duty officer. */
export const DutyHandover = z
  .object({
    type: z.literal('handover'),
    shiftId: Uuid,
    done: Text,
    pending: Text,
    /** Tasks from the leader on duty, or temporary ones. */
    tasks: Text,
    /** Equipment and links, filled in from the console, then edited. */
    equipment: Text,
    hazards: Text,
    outgoing: Name,
    incoming: Name,
    signedAt: z.number().int().nonnegative(),
  })
  .strict();
export type DutyHandover = z.infer<typeof DutyHandover>;

export const DutyBody = z.discriminatedUnion('type', [DutyShift, DutyEntry, DutyCall, DutyHandover]);
export type DutyBody = z.infer<typeof DutyBody>;
