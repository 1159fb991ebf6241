import { z } from 'zod';
import { FileName, MimeType } from './fileText';
import { DutyBody } from './duty';
import { Uuid } from './ids';
import { FollowupRequestBody, ReportAckBody, ReportBody } from './incidents';

/** How urgent an item is, most urgent first. The sync engine sends in this order. */
export const Priority = z.enum(['flash', 'immediate', 'priority', 'routine', 'bulk']);
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { flash: 0, immediate: 1, priority: 2, routine: 3, bulk: 4 };

/**
 * What an item is. Uplink: message, position, attachment, order-state (the crew's step on an
 * order), receipt, report (one report of an incident's chain), duty (the duty log). Downlink:
 * order, directory, center-message (staff's plain message), order-cancel, receipt,
 * report-ack (the center's 签收 of a report), followup-request (the center asks for a 续报).
 * A receipt goes both ways: what the other side's people have read.
 */
export const ItemKind = z.enum([
  'message',
  'position',
  'attachment',
  'order-state',
  'receipt',
  'report',
  'duty',
  'order',
  'directory',
  'center-message',
  'order-cancel',
  'report-ack',
  'followup-request',
]);
export type ItemKind = z.infer<typeof ItemKind>;

export { Uuid };
const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);

export const MessageBody = z
  .object({
    text: z.string().min(1).max(2000),
    /** Where the vehicle was when the message was written. */
    latitude: Latitude.optional(),
    longitude: Longitude.optional(),
    /** The order (downlink item id) this message answers, e.g. the crew's acknowledgement. */
    replyTo: Uuid.optional(),
  })
  .strict();
export type MessageBody = z.infer<typeof MessageBody>;

export const PositionBody = z
  .object({
    latitude: Latitude,
    longitude: Longitude,
    altitudeM: z.number().int().min(-1000).max(20_000).optional(),
    speedMps: z.number().min(0).max(500).optional(),
    headingDeg: z.number().int().min(0).max(359).optional(),
    fix: z.enum(['2d', '3d']),
  })
  .strict();
export type PositionBody = z.infer<typeof PositionBody>;

export const AttachmentBody = z
  .object({
    attachmentId: Uuid,
    name: FileName,
    mime: MimeType,
    size: z
      .number()
      .int()
      .min(0)
      .max(4 * 1024 ** 3),
    /** SHA-256 of the whole file, lower-case hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** A thumbnail: the original attachment it shows (sent first, small, so the desk sees the photo early). */
    thumbnailOf: Uuid.optional(),
  })
  .strict();
export type AttachmentBody = z.infer<typeof AttachmentBody>;

/** A place on the map: WGS-84, with an optional name. */
export const Place = z.object({ latitude: Latitude, longitude: Longitude, label: z.string().min(1).max(100).optional() }).strict();
export type Place = z.infer<typeof Place>;

export const OrderBody = z
  .object({
    text: z.string().min(1).max(2000),
    /** Who at the center sent it. */
    from: z.string().min(1).max(100),
    /** The crew must acknowledge it (签收: an `order-state` item back). */
    requireAck: z.boolean(),
    /** 执行时限: when it must be done by, ms (whole seconds on the wire). */
    deadline: z.number().int().nonnegative().optional(),
    /** Where it is to be carried out. */
    target: Place.optional(),
    /** The incident it belongs to (one the center opened, or a vehicle's). */
    incident: z
      .object({ id: Uuid, title: z.string().min(1).max(100) })
      .strict()
      .optional(),
  })
  .strict();
export type OrderBody = z.infer<typeof OrderBody>;

/** The crew's steps on an order: 签收 → 落实中 → 已完成, or 无法执行 with the reason. */
export const CrewOrderState = z.enum(['acknowledged', 'in-progress', 'done', 'cannot-do']);
export type CrewOrderState = z.infer<typeof CrewOrderState>;

export const OrderStateBody = z
  .object({
    /** The order (its downlink item id). */
    orderId: Uuid,
    state: CrewOrderState,
    /** Why it cannot be done (required for `cannot-do`), or a note. */
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((b) => b.state !== 'cannot-do' || b.reason !== undefined, { message: 'cannot-do needs the reason', path: ['reason'] });
export type OrderStateBody = z.infer<typeof OrderStateBody>;

/** Items of the other side that someone here has read (messages, orders). */
export const ReceiptBody = z
  .object({
    read: z.array(Uuid).min(1).max(100),
    /** Who read them (a staff member's name; absent for the crew). */
    by: z.string().min(1).max(100).optional(),
  })
  .strict();
export type ReceiptBody = z.infer<typeof ReceiptBody>;

/** A plain message from center staff (not an order: nothing to carry out). */
export const CenterMessageBody = z.object({ text: z.string().min(1).max(2000), from: z.string().min(1).max(100) }).strict();
export type CenterMessageBody = z.infer<typeof CenterMessageBody>;

/** The center withdraws an order; the vehicle shows it cancelled. */
export const OrderCancelBody = z
  .object({ orderId: Uuid, from: z.string().min(1).max(100), reason: z.string().trim().min(1).max(500).optional() })
  .strict();
export type OrderCancelBody = z.infer<typeof OrderCancelBody>;

export const DirectoryBody = z
  .object({
    entries: z
      .array(z.object({ name: z.string().min(1).max(100), role: z.string().max(100), contact: z.string().max(200) }).strict())
      .max(500),
  })
  .strict();
export type DirectoryBody = z.infer<typeof DirectoryBody>;

const base = {
  /** Per-vehicle (uplink) or per-vehicle downlink sequence, from 1; with the vehicle id the idempotency key. */
  seq: z
    .number()
    .int()
    .min(1)
    .max(2 ** 40),
  /** The record's UUIDv7 (derived for positions; see uuid.ts). */
  id: Uuid,
  priority: Priority,
  /** When the record was made (ms since epoch). */
  createdAt: z.number().int().nonnegative(),
};

export const SyncItem = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('message'), body: MessageBody }).strict(),
  z.object({ ...base, kind: z.literal('position'), body: PositionBody }).strict(),
  z.object({ ...base, kind: z.literal('attachment'), body: AttachmentBody }).strict(),
  z.object({ ...base, kind: z.literal('order-state'), body: OrderStateBody }).strict(),
  z.object({ ...base, kind: z.literal('receipt'), body: ReceiptBody }).strict(),
  z.object({ ...base, kind: z.literal('order'), body: OrderBody }).strict(),
  z.object({ ...base, kind: z.literal('directory'), body: DirectoryBody }).strict(),
  z.object({ ...base, kind: z.literal('center-message'), body: CenterMessageBody }).strict(),
  z.object({ ...base, kind: z.literal('order-cancel'), body: OrderCancelBody }).strict(),
  z.object({ ...base, kind: z.literal('report'), body: ReportBody }).strict(),
  z.object({ ...base, kind: z.literal('duty'), body: DutyBody }).strict(),
  z.object({ ...base, kind: z.literal('report-ack'), body: ReportAckBody }).strict(),
  z.object({ ...base, kind: z.literal('followup-request'), body: FollowupRequestBody }).strict(),
]);
export type SyncItem = z.infer<typeof SyncItem>;

/**
 * Why the center refused an item for good; the console parks it and shows the reason —
 * except `seq-taken` (the number already holds another record of this vehicle), where
 * the console numbers its waiting items after the center's highest and sends again.
 */
export const RejectCode = z.enum(['malformed', 'too-large', 'conflict', 'unknown-kind', 'stale-version', 'forbidden', 'seq-taken']);
export type RejectCode = z.infer<typeof RejectCode>;

/** Why the center did not take an item this time; the console keeps it and tries again. */
export const DeferCode = z.enum(['upload-incomplete']);
export type DeferCode = z.infer<typeof DeferCode>;

/** Kinds a vehicle may send; the others travel only from the center down. */
export const UPLINK_KINDS: ReadonlySet<ItemKind> = new Set([
  'message',
  'position',
  'attachment',
  'order-state',
  'receipt',
  'report',
  'duty',
]);
export const DOWNLINK_KINDS: ReadonlySet<ItemKind> = new Set([
  'order',
  'directory',
  'center-message',
  'order-cancel',
  'receipt',
  'report-ack',
  'followup-request',
]);
