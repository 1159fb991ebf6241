import type { TrafficClass } from '../../../protocol/links/policy';
import { WireError } from '../../../protocol/sync/codec';
import { Priority, PRIORITY_RANK } from '../../../protocol/sync/items';
import { attachmentEntry } from '../store/attachmentsRepo';
import { dueOutbox, type OutboxEntry } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import type { SyncVehicleState } from '../store/syncStateRepo';
import type { LinkRoute } from './linkRoute';
import { streamFrameBytes } from './ExchangePipeline';
import { encodeOutboxEntry } from './outboxItem';
import { trafficClassOf } from '../../../protocol/sync/trafficClass';

/** Items an exchange carries at most, and seconds of the link's budget its body may take. */
export const MAX_BATCH_ITEMS = 200;
const BATCH_SECONDS = 4;
const MIN_BATCH_BYTES = 4 * 1024;
const MAX_BATCH_BYTES = 512 * 1024;

export interface ExchangePlan {
  link: LinkRoute;
  entries: OutboxEntry[];
  encoded: Uint8Array[];
  /** The most urgent item's priority (the first one: `due` is most urgent first). */
  priority: Priority;
}

export interface PlanInputs {
  /** Due outbox items, most urgent first. */
  due: readonly OutboxEntry[];
  vehicle: SyncVehicleState;
  batchLimit: number;
  /** The link a class goes on now, or none (no link, or backing off). */
  routeFor: (trafficClass: TrafficClass) => LinkRoute | undefined;
  fileComplete: (attachmentId: string) => boolean;
  /** An item that cannot be put on the wire at all (told once; the caller parks it). */
  unencodable: (entry: OutboxEntry, problem: WireError) => void;
}

/** An exchange with no items: a poll, an acknowledgement of new downlink, or a refused item's test. */
export function emptyExchange(link: LinkRoute): ExchangePlan {
  return { link, entries: [], encoded: [], priority: 'routine' };
}

/**
 * The next exchange: the most urgent due item picks the link, then every further due
 * item for the same link joins, up to about four seconds of that link's budget (so a
 * batch on HF stays small and one on 5G big) or `batchLimit` items.
 */
export function planExchange(inputs: PlanInputs): ExchangePlan | undefined {
  const { vehicle } = inputs;
  let link: LinkRoute | undefined;
  let priority: Priority = 'routine';
  let bytes = 0;
  const entries: OutboxEntry[] = [];
  const encoded: Uint8Array[] = [];
  for (const entry of inputs.due) {
    const route = inputs.routeFor(trafficClassOf(entry.priority));
    if (!route || (link && route.linkId !== link.linkId)) continue;
    // An attachment's item goes once the center holds the whole file.
    if (entry.kind === 'attachment' && !inputs.fileComplete(entry.attachmentId ?? '')) continue;
    let wire: Uint8Array;
    try {
      wire = encodeOutboxEntry(entry, vehicle.vehicleId, entry.seq + vehicle.seqOffset);
    } catch (error) {
      inputs.unencodable(entry, error instanceof WireError ? error : new WireError('malformed', String(error)));
      continue;
    }
    if (!link) {
      link = route;
      priority = entry.priority;
    }
    const limit = link.route.stream
      ? streamFrameBytes(link)
      : Math.min(MAX_BATCH_BYTES, Math.max(MIN_BATCH_BYTES, (link.budgetKbps * 1000 * BATCH_SECONDS) / 8));
    if (entries.length > 0 && bytes + wire.length > limit) break;
    entries.push(entry);
    encoded.push(wire);
    bytes += wire.length;
    if (entries.length >= inputs.batchLimit) break;
  }
  return link ? { link, entries, encoded, priority } : undefined;
}

/**
 * The next exchange from the outbox as it stands: due items of the priorities `open` now
 * (a pile waiting for another link must not hide these), files' items once the center
 * holds the whole file.
 */
export function planFromOutbox(
  store: Store,
  now: number,
  inputs: Omit<PlanInputs, 'due' | 'fileComplete'> & { open: (priority: Priority) => boolean; skip: ReadonlySet<number> },
): ExchangePlan | undefined {
  // Items on their way over a stream (ExchangePipeline) are not planned again.
  const due = dueOutbox(store.db, now, 1000, Priority.options.filter(inputs.open)).filter((e) => !inputs.skip.has(e.seq));
  return planExchange({ ...inputs, due, fileComplete: (attachmentId) => attachmentEntry(store.db, attachmentId)?.complete === true });
}

/**
 * Whether the exchange in flight (of rank `inFlight.rank`, on `inFlight.linkId`) should
 * stop for a more urgent due item that goes on another link: one exchange runs at a
 * time, and a stalling link can take a minute to time out. On the same link the exchange
 * in flight is short (about four seconds of its budget), so the urgent item waits for it.
 */
export function preempts(
  inFlight: { rank: number; linkId: string },
  mostUrgentDue: (priorities: readonly Priority[]) => OutboxEntry | undefined,
  routeFor: (trafficClass: TrafficClass) => LinkRoute | undefined,
): boolean {
  const next = mostUrgentDue(Priority.options.filter((p) => PRIORITY_RANK[p] < inFlight.rank));
  const route = next && routeFor(trafficClassOf(next.priority));
  return route !== undefined && route.linkId !== inFlight.linkId;
}
