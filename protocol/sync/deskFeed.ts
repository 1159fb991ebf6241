import { z } from 'zod';
import { MediaState } from './mediaState';
import { DeskItem, DeskVehicle } from './desk';
import { DeskIncident } from './deskIncidents';
import { FeedDuty } from './deskDuty';
import { DESK_PATHS } from './http';
import { ItemKind, Priority } from './items';

/**
 * The desk's live feed: `GET /desk/v1/feed` (staff token in `Authorization: Bearer`),
 * answered as `text/event-stream`. Each event is an SSE frame
 *
 *     id: <increasing number>
 *     event: <kind>
 *     data: <one line of JSON, the kind's schema below>
 *
 * The SSE event name carries the kind, so a payload never needs a discriminator field
 * and `downlink` can keep its own `kind`. A client sends the last `id` it saw as
 * `Last-Event-ID` when it reconnects and gets what it missed, or `reset` when the center
 * no longer holds that far back. Lines starting with `:` are heartbeats (every 15 s).
 *
 * To add a kind: one schema here and one entry in `DESK_FEED_EVENTS`; the center
 * publishes it with `DeskFeed.publish(kind, data, vehicleId?)`. Clients skip kinds they
 * do not know, so an older desk keeps working against a newer center.
 */

export const DESK_FEED_PATH = DESK_PATHS.feed;
export const DESK_FEED_MIME = 'text/event-stream';

/** A vehicle whose contact, position, links or counters changed: the whole row as the fleet list shows it. */
export const FeedVehicle = z.object({ vehicle: DeskVehicle }).strict();

/** An item from a vehicle, just committed (positions included). */
export const FeedItem = z.object({ item: DeskItem }).strict();

/** A downlink item (order, directory) queued for a vehicle, or acknowledged by it. */
export const FeedDownlink = z
  .object({
    vehicleId: z.string(),
    seq: z.number().int(),
    id: z.string(),
    kind: ItemKind,
    priority: Priority,
    state: z.enum(['queued', 'delivered']),
    /** When the vehicle acknowledged it; null while queued. */
    deliveredAt: z.number().int().nullable(),
  })
  .strict();

/** An incident changed (a report, a photo, a 签收, opened at the center): its whole list row, as of when it was published. */
export const FeedIncident = z.object({ incident: DeskIncident }).strict();

/** The center's own health, as the desk's shell shows it. Sent first on every connection, then on each change. */
export const FeedCenter = z
  .object({
    /** Whether exchanges are being stored; false after a write failed (a full disk) until one succeeds. */
    ingest: z.object({ ok: z.boolean(), reason: z.string().nullable() }).strict(),
    /** Live media: on with the backend's name, or off with why (not configured, failed to start). */
    media: MediaState,
    version: z.string(),
  })
  .strict();

/** The center no longer holds the events after the client's `Last-Event-ID` (or never did): refetch the lists, then go on from this event's id. */
export const FeedReset = z.object({ reason: z.enum(['too-old', 'unknown-id']) }).strict();

/** The center is ending this stream: `slow` (the client fell too far behind; reconnect), `shutdown` (the center is stopping). */
export const FeedClosing = z.object({ reason: z.enum(['slow', 'shutdown']) }).strict();

/** Every kind of feed event and its payload schema. */
export const DESK_FEED_EVENTS = {
  vehicle: FeedVehicle,
  item: FeedItem,
  downlink: FeedDownlink,
  incident: FeedIncident,
  center: FeedCenter,
  reset: FeedReset,
  closing: FeedClosing,
  duty: FeedDuty,
} as const;

export type DeskFeedKind = keyof typeof DESK_FEED_EVENTS;
export type DeskFeedData<K extends DeskFeedKind> = z.infer<(typeof DESK_FEED_EVENTS)[K]>;

/** One parsed event; `id` is absent on frames that carry none. */
export type DeskFeedEvent = { [K in DeskFeedKind]: { kind: K; id: number | undefined; data: DeskFeedData<K> } }[DeskFeedKind];

/** A `Last-Event-ID` header: the decimal id of an event. */
export const FeedEventId = z
  .string()
  .regex(/^\d{1,16}$/, 'expected a decimal event id')
  .transform(Number);

export function isDeskFeedKind(name: string): name is DeskFeedKind {
  return Object.hasOwn(DESK_FEED_EVENTS, name);
}

/**
 * Checks one frame: `undefined` for a kind this side does not know (skip it), else the
 * event or a description of what is wrong with its data.
 */
export function parseDeskFeedEvent(
  name: string,
  id: number | undefined,
  json: string,
): { ok: true; event: DeskFeedEvent } | { ok: false; error: string } | undefined {
  if (!isDeskFeedKind(name)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: `${name} event: data is not JSON` };
  }
  const parsed = DESK_FEED_EVENTS[name].safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    return { ok: false, error: `${name} event: data does not match the protocol at ${where}` };
  }
  return { ok: true, event: { kind: name, id, data: parsed.data } as DeskFeedEvent };
}
