import { z } from 'zod';
import { LinkSummary } from './exchange';
import { DirectoryBody, ItemKind, Priority } from './items';

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

export const OrderRequest = z
  .object({
    text: z.string().trim().min(1).max(2000),
    priority: Priority.exclude(['bulk']).default('immediate'),
    requireAck: z.boolean().default(true),
  })
  .strict();
export type OrderRequest = z.infer<typeof OrderRequest>;

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
