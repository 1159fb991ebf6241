import { createHash, timingSafeEqual } from 'node:crypto';
import { WireError, decodeItem, peekSeq } from '../../protocol/sync/codec';
import type { ExchangeRequest, ExchangeResponse } from '../../protocol/sync/exchange';
import { UPLINK_KINDS, type DeferCode, type RejectCode, type SyncItem } from '../../protocol/sync/items';
import type { DeskItem } from '../../protocol/sync/desk';
import type { CenterStore, DeliveredDownlink, ExchangeTx, UplinkArrival } from '../store/CenterStore';
import { viaOfArrival } from './arrival';
import { fleetAnswer } from './fleetAnswer';
import { applyItemEffects, refuseReference } from './itemEffects';

/** Most downlink items in one answer, and their total wire bytes. */
export const MAX_DOWN_ITEMS = 100;
export const MAX_DOWN_BYTES = 256 * 1024;
const MAX_REFUSAL_MESSAGE = 500;

/**
 * The request cannot be applied as a whole (nothing was stored): `down-mismatch` (HTTP 409)
 * when the vehicle's downlink ack is not for the center's items (the vehicle then asks for
 * its whole downlink again; it keeps items by id, so nothing doubles).
 */
export class ExchangeRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeRefused';
  }
}

type Verdict =
  /** `stored`: newly stored by this request (absent for a replay). */
  | { outcome: 'held'; seq: number; stored?: { item: SyncItem; desk: DeskItem } }
  | { outcome: 'rejected'; seq: number; code: RejectCode; message: string }
  | { outcome: 'deferred'; seq: number; code: DeferCode; message: string };

/** What an exchange changed, for the desk's live feed; known only once it committed. */
export interface ExchangeEffects {
  /** Items newly stored, in the order they were stored. */
  stored: DeskItem[];
  /** Downlink items this exchange acknowledged, oldest first, with the time it did. */
  delivered: DeliveredDownlink[];
  deliveredAt: number;
}

/**
 * Applies one exchange for an authenticated vehicle, in one unit of work: the answer
 * exists only once everything it reports is committed. Exactly-once per (vehicle,
 * seq): a replay of the same bytes is taken as held again without storing anything, a
 * different item under a held seq or a held record id under a new seq is a conflict.
 */
export async function applyExchange(
  store: CenterStore,
  vehicleId: string,
  request: ExchangeRequest,
  now: () => number = Date.now,
): Promise<ExchangeResponse> {
  return (await ingestExchange(store, vehicleId, request, now)).response;
}

/**
 * As `applyExchange`, also telling what it stored and acknowledged (resolves after the
 * commit). `arrival` is the path the request came by (an HTTP exchange unless told): each
 * item stored keeps it; a held item that comes again by the other path keeps its first
 * path and notes when the second copy came.
 */
export async function ingestExchange(
  store: CenterStore,
  vehicleId: string,
  request: ExchangeRequest,
  now: () => number = Date.now,
  arrival: UplinkArrival = { path: 'ip' },
): Promise<{ response: ExchangeResponse; effects: ExchangeEffects }> {
  return store.withExchange(vehicleId, async (tx) => {
    const at = now();
    const state = await tx.vehicle();
    if (request.downAck > state.downSeq) {
      throw new ExchangeRefused(
        `downAck ${request.downAck} is beyond the highest downlink sequence queued for this vehicle (${state.downSeq})`,
      );
    }
    if (request.downAckId !== undefined && request.downAck > 0) {
      const [atAck] = await tx.downlinkAfter(request.downAck - 1, 1);
      if (!atAck || atAck.seq !== request.downAck || decodeItem(atAck.wire, vehicleId).id !== request.downAckId) {
        throw new ExchangeRefused(`downlink item ${request.downAck} here is not ${request.downAckId}`);
      }
    }
    await tx.setContact(at);
    if (request.links) await tx.setLinks(request.links, at);
    if (request.queued) await tx.setQueue(request.queued, at);

    const held = new Set<number>();
    const rejected: ExchangeResponse['rejected'] = [];
    const deferred: ExchangeResponse['deferred'] = [];
    const stored: DeskItem[] = [];
    let position = state.position;
    for (const wire of request.items) {
      const verdict = await judge(tx, vehicleId, wire, at, arrival);
      if (verdict.outcome === 'held' && verdict.stored) await applyItemEffects(tx, verdict.stored.item, state.name, at);
      if (verdict.outcome === 'held') held.add(verdict.seq);
      else if (verdict.outcome === 'rejected') rejected.push({ seq: verdict.seq, code: verdict.code, message: clip(verdict.message) });
      else deferred.push({ seq: verdict.seq, code: verdict.code, message: clip(verdict.message) });
      if (verdict.outcome === 'held' && verdict.stored) stored.push(verdict.stored.desk);
      const item = verdict.outcome === 'held' ? verdict.stored?.item : undefined;
      // A late report (back-filled after an outage) does not move the vehicle back in time.
      if (item?.kind === 'position' && (position === null || item.createdAt >= position.at)) {
        position = { latitude: item.body.latitude, longitude: item.body.longitude, fix: item.body.fix, at: item.createdAt };
        await tx.setPosition(position);
      }
    }
    const ack = await tx.advanceAck();
    const delivered = request.downAck > state.downAcked ? await tx.markDelivered(request.downAck, at) : [];
    const { down, moreDown } = await pendingDown(tx, request.downAck);
    const response: ExchangeResponse = {
      ack,
      accepted: [...held].filter((seq) => seq > ack).sort((a, b) => a - b),
      rejected,
      deferred,
      down,
      moreDown,
      serverTime: now(),
      // Only to a console that asked: an older one's strict schema would refuse the key.
      ...(request.fleetSince !== undefined ? { fleet: await fleetAnswer(tx, request.fleetSince) } : {}),
    };
    return { response, effects: { stored, delivered, deliveredAt: at } };
  });
}

async function judge(tx: ExchangeTx, vehicleId: string, wire: Uint8Array, receivedAt: number, arrival: UplinkArrival): Promise<Verdict> {
  let item: SyncItem;
  try {
    item = decodeItem(wire, vehicleId);
  } catch (error) {
    if (error instanceof WireError) return { outcome: 'rejected', seq: peekSeq(wire), code: error.code, message: error.message };
    throw error;
  }
  const seq = item.seq;
  if (!UPLINK_KINDS.has(item.kind))
    return { outcome: 'rejected', seq, code: 'forbidden', message: `a vehicle may not send ${item.kind} items` };

  const digest = createHash('sha256').update(wire).digest();
  const sameSeq = await tx.itemBySeq(seq);
  if (sameSeq) {
    // The same bytes again (a retry whose answer was lost), or the same record encoded
    // anew (a console update changed the encoding): held, nothing stored again.
    if ((sameSeq.digest.length === digest.length && timingSafeEqual(sameSeq.digest, digest)) || sameSeq.id === item.id) {
      await tx.noteArrival(seq, arrival.path, receivedAt);
      return { outcome: 'held', seq };
    }
    // Not this item's fault: the vehicle numbered it where another of its records already
    // is (its disk restored from an older copy, or two consoles on one token). It renumbers.
    return { outcome: 'rejected', seq, code: 'seq-taken', message: `seq ${seq} already holds a different item (${sameSeq.id})` };
  }
  const sameId = await tx.itemById(item.id);
  // The record itself is already here under another number (sent again after a renumbering): held, once.
  if (sameId) {
    await tx.noteArrival(sameId.seq, arrival.path, receivedAt);
    return { outcome: 'held', seq };
  }

  if (item.kind === 'attachment') {
    const upload = await tx.upload(item.body.attachmentId);
    if (!upload)
      return { outcome: 'deferred', seq, code: 'upload-incomplete', message: `attachment ${item.body.attachmentId} has not been uploaded` };
    if (upload.size !== item.body.size || upload.sha256 !== item.body.sha256) {
      return {
        outcome: 'rejected',
        seq,
        code: 'conflict',
        message: `attachment ${item.body.attachmentId} was uploaded with another size or SHA-256`,
      };
    }
    if (upload.completedAt === null) {
      return {
        outcome: 'deferred',
        seq,
        code: 'upload-incomplete',
        message: `attachment ${item.body.attachmentId} has ${upload.offset} of ${upload.size} bytes`,
      };
    }
  }

  const unknownReference = await refuseReference(tx, item);
  if (unknownReference) return { outcome: 'rejected', seq, code: 'conflict', message: unknownReference };

  const body = item.body as Record<string, unknown>;
  const common = { seq, id: item.id, kind: item.kind, priority: item.priority, createdAt: item.createdAt, receivedAt, body };
  const cursor = await tx.insertItem({ ...common, digest, wire, arrival });
  return { outcome: 'held', seq, stored: { item, desk: { cursor, vehicleId, ...common, via: viaOfArrival(arrival) } } };
}

async function pendingDown(tx: ExchangeTx, after: number): Promise<{ down: Uint8Array[]; moreDown: boolean }> {
  const rows = await tx.downlinkAfter(after, MAX_DOWN_ITEMS + 1);
  const down: Uint8Array[] = [];
  let total = 0;
  for (const row of rows) {
    if (down.length === MAX_DOWN_ITEMS || (down.length > 0 && total + row.wire.length > MAX_DOWN_BYTES)) return { down, moreDown: true };
    down.push(row.wire);
    total += row.wire.length;
  }
  return { down, moreDown: false };
}

function clip(message: string): string {
  return message.length <= MAX_REFUSAL_MESSAGE ? message : `${message.slice(0, MAX_REFUSAL_MESSAGE - 1)}…`;
}
