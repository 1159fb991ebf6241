import { z } from 'zod';

/** How urgent an item is, most urgent first. The sync engine sends in this order. */
export const Priority = z.enum(['flash', 'immediate', 'priority', 'routine', 'bulk']);
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { flash: 0, immediate: 1, priority: 2, routine: 3, bulk: 4 };

/** What an item is. Uplink: message, position, attachment. Downlink: order, directory. */
export const ItemKind = z.enum(['message', 'position', 'attachment', 'order', 'directory']);
export type ItemKind = z.infer<typeof ItemKind>;

export const Uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'expected a lower-case UUIDv7');
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
    name: z.string().min(1).max(200),
    mime: z.string().min(3).max(100),
    size: z
      .number()
      .int()
      .min(0)
      .max(4 * 1024 ** 3),
    /** SHA-256 of the whole file, lower-case hex. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();
export type AttachmentBody = z.infer<typeof AttachmentBody>;

export const OrderBody = z
  .object({
    text: z.string().min(1).max(2000),
    /** Who at the center sent it. */
    from: z.string().min(1).max(100),
    /** The crew must acknowledge it (a message back referencing the order). */
    requireAck: z.boolean(),
  })
  .strict();
export type OrderBody = z.infer<typeof OrderBody>;

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
  z.object({ ...base, kind: z.literal('order'), body: OrderBody }).strict(),
  z.object({ ...base, kind: z.literal('directory'), body: DirectoryBody }).strict(),
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
export const UPLINK_KINDS: ReadonlySet<ItemKind> = new Set(['message', 'position', 'attachment']);
export const DOWNLINK_KINDS: ReadonlySet<ItemKind> = new Set(['order', 'directory']);
