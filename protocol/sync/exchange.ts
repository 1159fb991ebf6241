import { z } from 'zod';
import { FleetAnswer, FleetSince } from './fleet';
import { DeferCode, RejectCode, Uuid } from './items';

/**
 * One sync round trip, `POST /sync/v1/exchange` (CBOR both ways, optionally deflated,
 * `Authorization: Bearer <vehicle token>`): the vehicle sends items and acknowledges the
 * downlink; the center answers with what it holds durably and what it has for the
 * vehicle. Items travel in their compact wire form (codec.ts), so an item's bytes are
 * the same on every transport.
 */

/** Largest exchange body on the wire (after compression), and after inflating it. */
export const MAX_EXCHANGE_BYTES = 1024 * 1024;
export const MAX_INFLATED_EXCHANGE_BYTES = 4 * 1024 * 1024;
export const MAX_ITEMS_PER_EXCHANGE = 500;

const WireItem = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected a byte string');
const Seq = z
  .number()
  .int()
  .min(1)
  .max(2 ** 40);

/** A link as the desk sees it: a one-line summary the vehicle reports with each exchange. */
export const LinkSummary = z
  .object({
    id: z.string().min(1).max(64),
    name: z.string().min(1).max(64),
    kind: z.string().min(1).max(20),
    state: z.enum(['up', 'degraded', 'down', 'unknown']),
    /** Measured path latency, ms, when the link is probed. */
    latencyMs: z.number().min(0).max(600_000).optional(),
  })
  .strict();
export type LinkSummary = z.infer<typeof LinkSummary>;

const QueueCount = z.number().int().min(0).max(10_000_000);
/** Items waiting in a vehicle's outbox, per priority. */
export const VehicleQueue = z
  .object({ flash: QueueCount, immediate: QueueCount, priority: QueueCount, routine: QueueCount, bulk: QueueCount })
  .strict();
export type VehicleQueue = z.infer<typeof VehicleQueue>;

export const ExchangeRequest = z
  .object({
    v: z.literal(1),
    /** Encoded uplink items, most urgent first. */
    items: z.array(WireItem).max(MAX_ITEMS_PER_EXCHANGE),
    /** Highest contiguous downlink sequence the vehicle holds durably (0: none). */
    downAck: z
      .number()
      .int()
      .min(0)
      .max(2 ** 40),
    /**
     * The id of the downlink item at `downAck`, when the vehicle holds it: the center checks
     * it, so an ack given under a numbering the center no longer has (it was restored from
     * a backup) is not taken for the center's new items of the same numbers.
     */
    downAckId: Uuid.optional(),
    /** The vehicle's links as it sees them now, for the desk. */
    links: z.array(LinkSummary).max(32).optional(),
    /** What still waits in the vehicle's outbox besides this request's items, per priority, for the desk. */
    queued: VehicleQueue.optional(),
    /**
     * The fleet revision the vehicle holds (0: none): asks for the other vehicles' positions
     * that changed since (fleet.ts). Sent only over a link that may carry routine traffic.
     */
    fleetSince: FleetSince.optional(),
  })
  .strict();
export type ExchangeRequest = z.infer<typeof ExchangeRequest>;

export const ItemRefusal = z.object({ seq: z.number().int().min(0), message: z.string().max(500) });

export const ExchangeResponse = z
  .object({
    /** Highest contiguous uplink sequence the center holds durably. */
    ack: z.number().int().min(0),
    /** Sequences above `ack` from this request that the center now holds durably. */
    accepted: z.array(Seq),
    /** Items refused for good (nothing stored): the vehicle parks them and shows why. */
    rejected: z.array(ItemRefusal.extend({ code: RejectCode }).strict()),
    /** Items not taken this time (nothing stored): the vehicle keeps them and tries later. */
    deferred: z.array(ItemRefusal.extend({ code: DeferCode }).strict()),
    /** Downlink items above `downAck`, oldest first. */
    down: z.array(WireItem).max(MAX_ITEMS_PER_EXCHANGE),
    /** More downlink is waiting than fitted this answer: exchange again now. */
    moreDown: z.boolean(),
    /** The center's clock, ms, so the console can show its own clock error. */
    serverTime: z.number().int().nonnegative(),
    /** Only when the request had `fleetSince` (an older console's strict schema would refuse it): the other vehicles that moved. */
    fleet: FleetAnswer.optional(),
  })
  .strict();
export type ExchangeResponse = z.infer<typeof ExchangeResponse>;

/**
 * `GET /sync/v1/hello`: who the center thinks this vehicle is and where its sequences
 * stand. A console whose store is new (reinstalled, disk replaced) numbers its items
 * after `highestSeq`, so its new items are not taken for conflicting replays of old ones.
 */
export const HelloResponse = z
  .object({
    vehicleId: z.string().min(1).max(32),
    name: z.string().min(1).max(64),
    /** Highest contiguous uplink sequence held. */
    ack: z.number().int().min(0),
    /** Highest uplink sequence held at all. */
    highestSeq: z.number().int().min(0),
    /** Highest downlink sequence queued for the vehicle. */
    downSeq: z.number().int().min(0),
    serverTime: z.number().int().nonnegative(),
  })
  .strict();
export type HelloResponse = z.infer<typeof HelloResponse>;
