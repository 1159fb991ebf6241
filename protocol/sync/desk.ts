import { z } from 'zod';
import { MediaState } from './mediaState';
import { GroupName, StaffRole } from './access';
import { LinkSummary, VehicleQueue } from './exchange';
import { DirectoryBody, ItemKind, Place, Priority, Uuid } from './items';
import { OrderProgress } from './orderLifecycle';
import { optionalVia } from './deskVia';

/**
 * The desk API (`/desk/v1/…`, JSON, `Authorization: Bearer <staff token>`): what center
 * staff see of every vehicle, and how they send orders down.
 */

export const DeskPosition = z
  .object({ latitude: z.number(), longitude: z.number(), fix: z.enum(['2d', '3d']), at: z.number().int() })
  .strict();
export type DeskPosition = z.infer<typeof DeskPosition>;

export const DeskVehicle = z
  .object({
    id: z.string(),
    name: z.string(),
    /** Last authenticated sync request, ms; null if never. */
    lastContactAt: z.number().int().nullable(),
    position: DeskPosition.nullable(),
    links: z.array(LinkSummary),
    linksAt: z.number().int().nullable(),
    /** Highest contiguous uplink sequence held. */
    upAck: z.number().int(),
    /** Items received from the vehicle. */
    itemCount: z.number().int(),
    /** Downlink items not yet acknowledged by the vehicle. */
    downPending: z.number().int(),
    /** What the vehicle last reported waiting in its outbox, per priority, and when; null before its first report. */
    queued: VehicleQueue.nullable(),
    queuedAt: z.number().int().nullable(),
    /** The vehicle's messages no staff member has read yet. */
    unread: z.number().int(),
    /** Orders to it neither finished nor cancelled, and of those the ones past their deadline. */
    openOrders: z.number().int(),
    overdueOrders: z.number().int(),
  })
  .strict();
export type DeskVehicle = z.infer<typeof DeskVehicle>;

export const DeskVehiclesResponse = z.object({ vehicles: z.array(DeskVehicle) }).strict();
export type DeskVehiclesResponse = z.infer<typeof DeskVehiclesResponse>;

/** An item received from a vehicle, as stored (the body in its decoded, named form). */
export const DeskItem = z
  .object({
    /** Ingest order across the center; page with `?after=<cursor>`. */
    cursor: z.number().int(),
    vehicleId: z.string(),
    seq: z.number().int(),
    id: z.string(),
    kind: ItemKind,
    priority: Priority,
    createdAt: z.number().int(),
    receivedAt: z.number().int(),
    body: z.record(z.string(), z.unknown()),
    /** The path it first came by (deskVia.ts). */
    via: optionalVia,
  })
  .strict();
export type DeskItem = z.infer<typeof DeskItem>;

export const DeskItemsQuery = z
  .object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    kind: ItemKind.optional(),
  })
  .strict();
export type DeskItemsQuery = z.infer<typeof DeskItemsQuery>;

export const DeskItemsResponse = z.object({ items: z.array(DeskItem), next: z.number().int() }).strict();
export type DeskItemsResponse = z.infer<typeof DeskItemsResponse>;

const OrderText = z.string().trim().min(1).max(2000);

/** An order to one vehicle (`POST /desk/v1/vehicles/<id>/orders`). */
export const OrderRequest = z
  .object({
    text: OrderText,
    priority: Priority.exclude(['bulk']).default('immediate'),
    requireAck: z.boolean().default(true),
    /** 执行时限, ms since epoch; must be in the future when sent. */
    deadline: z.number().int().positive().optional(),
    target: Place.optional(),
    /** The incident the order is about (its id and title travel with the order). */
    incidentId: Uuid.optional(),
  })
  .strict();
export type OrderRequest = z.infer<typeof OrderRequest>;

/** An order to a chosen set of vehicles or to all the staff member may command (`POST /desk/v1/orders`). */
export const OrderCompose = OrderRequest.extend({
  to: z.union([
    z.object({ all: z.literal(true) }).strict(),
    z.object({ vehicleIds: z.array(z.string().min(1).max(64)).min(1).max(1000) }).strict(),
  ]),
}).strict();
export type OrderCompose = z.infer<typeof OrderCompose>;

export const OrderCancelRequest = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();
export type OrderCancelRequest = z.infer<typeof OrderCancelRequest>;

/** One step of an order at one recipient: when, and who (a staff member or the vehicle). */
export const DeskOrderStep = z
  .object({
    state: OrderProgress,
    at: z.number().int(),
    by: z.string(),
    reason: z.string().nullable(),
    /** A crew step: the path of the item that reported it (deskVia.ts). */
    via: optionalVia,
  })
  .strict();
export type DeskOrderStep = z.infer<typeof DeskOrderStep>;

export const DeskOrderRecipient = z
  .object({
    vehicleId: z.string(),
    vehicleName: z.string(),
    /** The order's item id in this vehicle's downlink (what the crew's steps name). */
    itemId: z.string(),
    state: OrderProgress,
    /** Every step so far, oldest first, starting with `issued`. */
    steps: z.array(DeskOrderStep),
    /** Past the deadline and not finished. */
    overdue: z.boolean(),
  })
  .strict();
export type DeskOrderRecipient = z.infer<typeof DeskOrderRecipient>;

export const DeskOrder = z
  .object({
    id: z.string(),
    text: z.string(),
    priority: Priority,
    requireAck: z.boolean(),
    from: z.string(),
    createdAt: z.number().int(),
    deadline: z.number().int().nullable(),
    target: Place.nullable(),
    cancelledAt: z.number().int().nullable(),
    cancelledBy: z.string().nullable(),
    cancelReason: z.string().nullable(),
    recipients: z.array(DeskOrderRecipient),
  })
  .strict();
export type DeskOrder = z.infer<typeof DeskOrder>;

export const DeskOrdersQuery = z
  .object({
    /** `open`: not cancelled and some recipient not finished. */
    state: z.enum(['open', 'all']).default('all'),
    vehicleId: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type DeskOrdersQuery = z.infer<typeof DeskOrdersQuery>;

export const DeskOrdersResponse = z.object({ orders: z.array(DeskOrder) }).strict();
export type DeskOrdersResponse = z.infer<typeof DeskOrdersResponse>;

/** A plain message from staff to a vehicle (`POST /desk/v1/vehicles/<id>/messages`). */
export const DeskMessageRequest = z.object({ text: OrderText, priority: Priority.exclude(['bulk']).default('priority') }).strict();
export type DeskMessageRequest = z.infer<typeof DeskMessageRequest>;

/**
 * One entry of the conversation with a vehicle. `out` (staff → vehicle): delivered when the
 * vehicle took it, read when the crew opened it. `in` (vehicle → center): delivered when the
 * center received it, read when a staff member marked it read.
 */
export const ConversationEntry = z
  .object({
    direction: z.enum(['in', 'out']),
    id: z.string(),
    kind: z.enum(['message', 'center-message', 'order']),
    text: z.string(),
    priority: Priority,
    /** The staff member (out) or the vehicle's name (in). */
    from: z.string(),
    createdAt: z.number().int(),
    deliveredAt: z.number().int().nullable(),
    readAt: z.number().int().nullable(),
    readBy: z.string().nullable(),
    /** `in` only: the path the message first came by (deskVia.ts). */
    via: optionalVia,
  })
  .strict();
export type ConversationEntry = z.infer<typeof ConversationEntry>;

export const ConversationResponse = z.object({ entries: z.array(ConversationEntry), unread: z.number().int() }).strict();
export type ConversationResponse = z.infer<typeof ConversationResponse>;

/** Staff mark the vehicle's messages read (`POST /desk/v1/vehicles/<id>/read`); a receipt goes down. */
export const DeskReadRequest = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) }).strict();
export type DeskReadRequest = z.infer<typeof DeskReadRequest>;

/** `GET /desk/v1/me`: the signed-in staff member and the center's own state. */
export const DeskMe = z
  .object({
    /** Who the token belongs to and what they may see, so the desk can say why a list is empty. */
    staff: z.object({ id: z.string(), name: z.string(), role: StaffRole, groups: z.array(GroupName) }).strict(),
    center: z
      .object({
        version: z.string(),
        /** Live media: on, or off and why. */
        media: MediaState,
        /** A vehicle not heard from for this long is marked on the fleet. */
        staleAfterMs: z.number().int().positive(),
      })
      .strict(),
  })
  .strict();
export type DeskMe = z.infer<typeof DeskMe>;

export const DirectoryRequest = z
  .object({
    entries: DirectoryBody.shape.entries,
    /** Vehicles to send it to; all vehicles when absent. */
    vehicleIds: z.array(z.string()).max(1000).optional(),
  })
  .strict();
export type DirectoryRequest = z.infer<typeof DirectoryRequest>;

/** A downlink item and whether the vehicle holds it. */
export const DeskDownlinkItem = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    kind: ItemKind,
    priority: Priority,
    createdAt: z.number().int(),
    body: z.record(z.string(), z.unknown()),
    /** When the vehicle acknowledged it; null while on its way. */
    deliveredAt: z.number().int().nullable(),
  })
  .strict();
export type DeskDownlinkItem = z.infer<typeof DeskDownlinkItem>;

export const DeskDownlinkResponse = z.object({ items: z.array(DeskDownlinkItem) }).strict();
export const QueuedDownlink = z.object({ vehicleId: z.string(), seq: z.number().int(), id: z.string() }).strict();
export const QueuedDownlinkResponse = z.object({ queued: z.array(QueuedDownlink) }).strict();
export type QueuedDownlinkResponse = z.infer<typeof QueuedDownlinkResponse>;
