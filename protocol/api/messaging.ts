import { z } from 'zod';
import { Timestamp } from '../common';
import { SyncProblemCode } from './syncProblems';
import { CenterMessageBody, CrewOrderState, OrderBody, DirectoryBody, Priority, Uuid } from '../sync/items';

/** The crew's messages to the center and the center's orders to the crew, as the UI shows them. */

export const DeliveryState = z.enum(['queued', 'delivered', 'parked']);
export type DeliveryState = z.infer<typeof DeliveryState>;

export const Delivery = z.object({
  state: DeliveryState,
  deliveredAt: Timestamp.nullable(),
  attempts: z.number().int().min(0),
  /** Why the last try failed, while it is still queued: the English detail… */
  lastError: z.string().nullable(),
  /** …and its code, which the UI shows translated (null: none, or a row from before the codes). */
  lastErrorCode: SyncProblemCode.nullable().optional(),
  /** Why the center refused it for good (parked). */
  parkCode: z.string().nullable(),
  parkReason: z.string().nullable(),
  /**
   * Sent by Iridium SBD while no IP link could carry it: when the gateway took it and its
   * MO sequence number. It stays queued until the center confirms it over IP.
   */
  sbd: z
    .object({ sentAt: Timestamp, momsn: z.number().int().min(0) })
    .nullable()
    .optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export const AttachmentView = z.object({
  id: Uuid,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** Bytes the center confirmed holding. */
  confirmed: z.number().int(),
  complete: z.boolean(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const MessageView = z.object({
  id: Uuid,
  createdAt: Timestamp,
  text: z.string(),
  priority: Priority,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  replyTo: Uuid.nullable(),
  attachment: AttachmentView.nullable(),
  delivery: Delivery,
  /** When center staff read it (their receipt came down), and who. */
  centerReadAt: Timestamp.nullable(),
  centerReadBy: z.string().nullable(),
});
export type MessageView = z.infer<typeof MessageView>;

export const SendMessageParams = z
  .object({
    text: z.string().trim().min(1, 'write a message').max(2000),
    priority: Priority.default('immediate'),
    /** The order this message answers. */
    replyTo: Uuid.optional(),
  })
  .strict();

export const InboxItemView = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('order'), body: OrderBody }),
    z.object({ kind: z.literal('directory'), body: DirectoryBody }),
    z.object({ kind: z.literal('center-message'), body: CenterMessageBody }),
  ])
  .and(
    z.object({
      id: Uuid,
      downSeq: z.number().int(),
      priority: Priority,
      createdAt: Timestamp,
      receivedAt: Timestamp,
      readAt: Timestamp.nullable(),
      /** The crew's acknowledgement message, when acknowledged the old way (a reply). */
      ackedBy: Uuid.nullable(),
      /** An order: the crew's furthest step (null: not acknowledged yet), when, and its reason. */
      state: CrewOrderState.nullable(),
      stateAt: Timestamp.nullable(),
      stateReason: z.string().nullable(),
      /** An order the center withdrew: when, by whom, why. */
      cancelledAt: Timestamp.nullable(),
      cancelledBy: z.string().nullable(),
      cancelReason: z.string().nullable(),
    }),
  );

/** The crew's step on an order (签收, 落实中, 已完成, 无法执行 with the reason). */
export const OrderStepParams = z
  .object({
    id: Uuid,
    state: CrewOrderState,
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((p) => p.state !== 'cannot-do' || p.reason !== undefined, { message: 'say why it cannot be done', path: ['reason'] });
export type InboxItemView = z.infer<typeof InboxItemView>;
