import { z } from 'zod';
import { Timestamp } from '../common';
import { LinkState } from '../links/linkStatus';
import { DutyTopic } from '../sync/duty';
import { Uuid } from '../sync/ids';

/**
 * The duty log (值班值守) as the console's UI and the desk see it: shifts, log entries
 * (automatic and written), the phone log (接报) and handovers (交接班). The same views serve
 * the desk's API for a vehicle's duty and for the center's own.
 */

const Name = z.string().trim().min(1, 'give a name').max(50);
const Text = z.string().trim().max(2000);

export const DutyShiftView = z.object({
  id: Uuid,
  /** 值班员. */
  onDuty: z.array(z.string()),
  /** 带班领导. */
  leader: z.string(),
  startAt: Timestamp,
  endAt: Timestamp.nullable(),
});
export type DutyShiftView = z.infer<typeof DutyShiftView>;

export const DutyEntryView = z.object({
  id: Uuid,
  shiftId: Uuid.nullable(),
  topic: DutyTopic,
  text: z.string(),
  by: z.string().nullable(),
  at: Timestamp,
  /** Written by the console (links, orders, reports, sync), not by a person. */
  auto: z.boolean(),
});
export type DutyEntryView = z.infer<typeof DutyEntryView>;

export const DutyCallView = z.object({
  id: Uuid,
  shiftId: Uuid.nullable(),
  at: Timestamp,
  unit: z.string(),
  caller: z.string(),
  phone: z.string(),
  summary: z.string(),
  passedTo: z.string().nullable(),
  /** The incident this call was turned into. */
  incidentId: Uuid.nullable(),
  recordedBy: z.string().nullable(),
});
export type DutyCallView = z.infer<typeof DutyCallView>;

export const DutyHandoverView = z.object({
  id: Uuid,
  shiftId: Uuid,
  done: z.string(),
  pending: z.string(),
  tasks: z.string(),
  equipment: z.string(),
  hazards: z.string(),
  outgoing: z.string(),
  incoming: z.string(),
  signedAt: Timestamp,
});
export type DutyHandoverView = z.infer<typeof DutyHandoverView>;

/** A name to pick for a shift, from the directory the center sent. */
export const DutyName = z.object({ name: z.string(), role: z.string() });
export type DutyName = z.infer<typeof DutyName>;

export const DutyCurrent = z.object({ shift: DutyShiftView.nullable(), names: z.array(DutyName) });
export type DutyCurrent = z.infer<typeof DutyCurrent>;

/** What the console fills in on the handover form: the shift, its log's gist and the state of links and outbox. */
export const HandoverPrefill = z.object({
  shift: DutyShiftView.nullable(),
  links: z.array(z.object({ id: z.string(), name: z.string(), state: LinkState })),
  /** Items waiting for the center, and those it refused. */
  queued: z.number().int(),
  parked: z.number().int(),
  /** Calls of this shift not yet passed on to anyone. */
  openCalls: z.array(DutyCallView),
  entries: z.number().int(),
  names: z.array(DutyName),
});
export type HandoverPrefill = z.infer<typeof HandoverPrefill>;

export const StartShiftParams = z.object({ onDuty: z.array(Name).min(1, 'name who is on duty').max(3), leader: Name }).strict();
export type StartShiftParams = z.infer<typeof StartShiftParams>;

export const DutyLogQuery = z
  .object({
    /** Entries at or after / before (a day's bounds in the viewer's time zone). */
    from: Timestamp.optional(),
    to: Timestamp.optional(),
    shiftId: Uuid.optional(),
    /** Only written entries (false) or only automatic ones (true). */
    auto: z.boolean().optional(),
    limit: z.number().int().min(1).max(2000).default(500),
  })
  .strict();
export type DutyLogQuery = z.infer<typeof DutyLogQuery>;

export const AddEntryParams = z.object({ text: z.string().trim().min(1, 'write the entry').max(2000), by: Name.optional() }).strict();
export type AddEntryParams = z.infer<typeof AddEntryParams>;

export const AddCallParams = z
  .object({
    /** When the call came in (default: now). */
    at: Timestamp.optional(),
    unit: z.string().trim().max(100).default(''),
    caller: Name,
    phone: z.string().trim().max(30).default(''),
    summary: z.string().trim().min(1, 'write what was reported').max(2000),
    passedTo: z.string().trim().max(100).optional(),
    recordedBy: Name.optional(),
  })
  .strict();
export type AddCallParams = z.infer<typeof AddCallParams>;

export const UpdateCallParams = z
  .object({
    id: Uuid,
    passedTo: z.string().trim().max(100).optional(),
    summary: z.string().trim().min(1).max(2000).optional(),
    incidentId: Uuid.optional(),
  })
  .strict();
export type UpdateCallParams = z.infer<typeof UpdateCallParams>;

/** The handover both officers sign: the record, and who takes the next shift. */
export const SignHandoverParams = z
  .object({
    done: Text,
    pending: Text,
    tasks: Text,
    equipment: Text,
    hazards: Text,
    outgoing: Name,
    incoming: Name,
    /** Each officer's confirm step; both must be true. */
    outgoingConfirmed: z.literal(true, 'the outgoing officer must confirm'),
    incomingConfirmed: z.literal(true, 'the incoming officer must confirm'),
    /** The incoming shift: its officers (the incoming officer among them) and its leader. */
    next: StartShiftParams,
  })
  .strict()
  .refine((p) => p.next.onDuty.includes(p.incoming), { message: 'the incoming officer is on the next shift', path: ['next', 'onDuty'] });
export type SignHandoverParams = z.infer<typeof SignHandoverParams>;

export const SignedHandover = z.object({ handover: DutyHandoverView, ended: DutyShiftView, started: DutyShiftView });
export type SignedHandover = z.infer<typeof SignedHandover>;

const NoParams = z.object({}).strict();
const Limit = z.object({ shiftId: Uuid.optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict();

/** The duty methods of the console API (spread into `coreMethods`). */
export const dutyMethods = {
  /** The shift on duty now (null: nobody signed on) and the directory's names to pick from. */
  'duty.current': { params: NoParams, result: DutyCurrent },
  /** Starts a shift; CONFLICT while another is on. */
  'duty.startShift': { params: StartShiftParams, result: DutyShiftView },
  /** Ends the shift on duty without a handover; CONFLICT when none is. */
  'duty.endShift': { params: NoParams, result: DutyShiftView },
  /** Log entries newest first, by day bounds, shift or kind. */
  'duty.log': { params: DutyLogQuery, result: z.array(DutyEntryView) },
  'duty.addEntry': { params: AddEntryParams, result: DutyEntryView },
  /** The phone log (接报), newest first. */
  'duty.calls': { params: Limit, result: z.array(DutyCallView) },
  'duty.addCall': { params: AddCallParams, result: DutyCallView },
  /** Passed on, corrected, or turned into an incident; NOT_FOUND for an unknown call. */
  'duty.updateCall': { params: UpdateCallParams, result: DutyCallView },
  /** One call, e.g. for the Reports form opened from it (`#/reports/new?fromCall=<id>`). */
  'duty.getCall': { params: z.object({ id: Uuid }).strict(), result: DutyCallView },
  /** The handover form filled in from the console. */
  'duty.handover': { params: NoParams, result: HandoverPrefill },
  /** Signs the handover: ends the shift on duty and starts the next; CONFLICT when no shift is on. */
  'duty.signHandover': { params: SignHandoverParams, result: SignedHandover },
  'duty.handovers': { params: Limit, result: z.array(DutyHandoverView) },
  'duty.getHandover': { params: z.object({ id: Uuid }).strict(), result: DutyHandoverView },
  /** Shifts newest first. */
  'duty.shifts': { params: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(), result: z.array(DutyShiftView) },
  /** The renderer says when live video to the center starts and ends (media runs there, not in the core): an automatic entry. */
  'duty.videoSession': {
    params: z.object({ live: z.boolean(), linkName: z.string().trim().min(1).max(100).optional() }).strict(),
    result: z.object({}).strict(),
  },
} as const;

/** What changed in the duty log (the view reloads that part). */
export const DutyChanged = z.object({ what: z.enum(['shift', 'entry', 'call', 'handover']) });
export type DutyChanged = z.infer<typeof DutyChanged>;

export const dutyEvents = {
  'duty.changed': DutyChanged,
} as const;
