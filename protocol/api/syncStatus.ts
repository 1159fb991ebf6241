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
  sending: z.array(SendingNow),
  /** The link the most urgent waiting item would go on, and its budget. */
  link: z.object({ id: z.string(), name: z.string(), budgetKbps: z.number() }).nullable(),
  /** Time to send everything queued on that link at its budget, s. */
  etaSeconds: z.number().nullable(),
  lastContactAt: Timestamp.nullable(),
  /** The last failed try: a code the UI translates, and the English message as detail. */
  lastError: z.object({ at: Timestamp, code: SyncProblemCode, message: z.string() }).nullable(),
  nextAttemptAt: Timestamp.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
