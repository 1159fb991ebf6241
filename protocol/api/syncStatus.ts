import { z } from 'zod';
import { Timestamp } from '../common';
import { ItemKind, Priority } from '../sync/items';
import { SyncProblemCode } from './syncProblems';

/** What the sync engine is doing, for the queue view. */

export const SyncState = z.enum([
  /** No center in the configuration: everything waits in the outbox. */
  'not-configured',
  /** Nothing to send; the downlink is polled. */
  'idle',
  'sending',
  /** Items wait for a link the policy allows them on. */
  'waiting-link',
  /** The last try failed; the next one comes after a pause. */
  'backoff',
  /** The center refused this vehicle's token. */
  'unauthorized',
  /** The center's disk is full. */
  'center-full',
  /** This console's disk is full. */
  'store-full',
]);
export type SyncState = z.infer<typeof SyncState>;

export const QueueLine = z.object({ priority: Priority, count: z.number().int(), bytes: z.number().int() });
export type QueueLine = z.infer<typeof QueueLine>;

export const SendingNow = z.object({
  kind: z.enum(['items', 'attachment']),
  linkId: z.string(),
  linkName: z.string(),
  /** Items in the exchange, or 1. */
  count: z.number().int(),
  bytes: z.number().int(),
  /** Bytes sent so far (attachments). */
  sent: z.number().int(),
  name: z.string().optional(),
  priority: Priority,
});
export type SendingNow = z.infer<typeof SendingNow>;

export const ParkedItem = z.object({
  seq: z.number().int(),
  kind: ItemKind,
  priority: Priority,
  createdAt: Timestamp,
  /** Why it was refused (usually a SyncProblemCode; kept as stored), and the center's words. */
  code: z.string(),
  reason: z.string(),
  /** A line to recognise it by: the message text, the file name. */
  summary: z.string(),
});
export type ParkedItem = z.infer<typeof ParkedItem>;

/** A file waiting to go (a recording, a photo, an attachment): what it is, its size and how much of it the center holds. */
export const WaitingFile = z.object({
  seq: z.number().int(),
  priority: Priority,
  name: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  /** Bytes the center confirmed holding (an interrupted upload resumes from there). */
  confirmed: z.number().int(),
  createdAt: Timestamp,
});
export type WaitingFile = z.infer<typeof WaitingFile>;

/** Why items that may go by Iridium SBD are not going now. */
export const SbdHoldCode = z.enum([
  /** No Iridium link is up. */
  'no-sbd-link',
  /** This month's message budget is used: only flash items go. */
  'monthly-budget',
  /** The transceiver refused the last message for a reason a retry cannot cure (e.g. locked, no subscription). */
  'transceiver-refused',
  /** The transceiver could not take the message (not ready, gone away); tried again shortly. */
  'not-ready',
]);
export type SbdHoldCode = z.infer<typeof SbdHoldCode>;

/** Sending by Iridium SBD (docs/sync.md, "Iridium SBD"): what it cost this month and what it is doing. */
export const SbdSendStatus = z.object({
  /** The Iridium link messages go on now, if one is up. */
  link: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Priorities that may go by SBD (config `sync.sbd.priorities`). */
  priorities: z.array(Priority),
  /** MO messages the gateway took this calendar month, and their bytes. */
  month: z.object({ messages: z.number().int(), bytes: z.number().int() }),
  /** The month's message budget; past it only flash items go. */
  monthlyMessages: z.number().int(),
  lastSentAt: Timestamp.nullable(),
  /** Items sent by SBD that the center has not yet confirmed over IP (they stay queued). */
  awaitingConfirmation: z.number().int(),
  /** The message on the air now: its items and bytes. */
  sending: z.object({ items: z.number().int(), bytes: z.number().int(), since: Timestamp }).nullable(),
  /** Items that would go by SBD but do not: why (a code the UI translates, and the detail in English). */
  held: z.object({ code: SbdHoldCode, detail: z.string(), items: z.number().int() }).nullable(),
});
export type SbdSendStatus = z.infer<typeof SbdSendStatus>;

export const SyncStatus = z.object({
  state: SyncState,
  detail: z.string().nullable(),
  centerUrl: z.string().nullable(),
  vehicleId: z.string().nullable(),
  /** The name the center knows this vehicle by (from its last hello); null before the first. */
  centerVehicleName: z.string().nullable(),
  queue: z.array(QueueLine),
  delivered: z.number().int(),
  parked: z.array(ParkedItem),
  /** Queued files: the first few, most urgent first, and how many there are (the queue table counts them with the rest). */
  files: z.object({ first: z.array(WaitingFile), total: z.number().int() }),
  sending: z.array(SendingNow),
  /** The link the most urgent waiting item would go on, and its budget. */
  link: z.object({ id: z.string(), name: z.string(), budgetKbps: z.number() }).nullable(),
  /** Time to send everything queued on that link at its budget, s. */
  etaSeconds: z.number().nullable(),
  lastContactAt: Timestamp.nullable(),
  /** The last failed try: a code the UI translates, and the English message as detail. */
  lastError: z.object({ at: Timestamp, code: SyncProblemCode, message: z.string() }).nullable(),
  nextAttemptAt: Timestamp.nullable(),
  /** Only when an Iridium SBD link is configured and a center is. */
  sbd: SbdSendStatus.nullable().optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
