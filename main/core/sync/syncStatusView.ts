import type { ParkedItem, SendingNow, SyncState, SyncStatus, WaitingFile } from '../../../protocol/api/syncStatus';
import type { TrafficClass } from '../../../protocol/links/policy';
import { PRIORITY_RANK, type Priority } from '../../../protocol/sync/items';
import type { OutboxEntry, queueCounts } from '../store/outboxRepo';
import { trafficClassOf } from '../../../protocol/sync/trafficClass';

export interface EngineView {
  counts: ReturnType<typeof queueCounts>;
  parked: OutboxEntry[];
  files: { first: WaitingFile[]; total: number };
  lastContactAt: number | null;
  state: SyncState;
  detail: string | null;
  centerUrl: string | null;
  vehicleId: string | null;
  centerVehicleName: string | null;
  sending: SendingNow[];
  link: SyncStatus['link'];
  /** The route (budget) each class would take now, for the time estimate. */
  routeFor: (trafficClass: TrafficClass) => { budgetKbps: number } | undefined;
  lastError: SyncStatus['lastError'];
  nextAttemptAt: number | null;
}

function summary(entry: OutboxEntry): string {
  const body = entry.body;
  if (entry.kind === 'message' && typeof body.text === 'string') return body.text.slice(0, 80);
  if (entry.kind === 'attachment' && typeof body.name === 'string') return body.name;
  if (entry.kind === 'position' && typeof body.latitude === 'number' && typeof body.longitude === 'number')
    return `${body.latitude.toFixed(5)}, ${body.longitude.toFixed(5)}`;
  return entry.kind;
}

/** The one word the Sync view leads with: a problem if any, else whether something is on its way, waits, or waits for a link. */
export function syncState(now: {
  problem: SyncState | undefined;
  sending: boolean;
  waiting: boolean;
  routable: boolean;
  backingOff: boolean;
}): SyncState {
  if (now.problem) return now.problem;
  if (now.sending) return 'sending';
  if (!now.waiting) return 'idle';
  if (!now.routable) return 'waiting-link';
  return now.backingOff ? 'backoff' : 'sending';
}

const NO_ESTIMATE: ReadonlySet<SyncState> = new Set(['backoff', 'unauthorized', 'center-full', 'store-full', 'not-configured']);

/**
 * The queue as the operator sees it: count and bytes per priority, what is on its way,
 * parked items with why, and how long the queue takes at the budgets of the links the
 * policy gives each class (null while some of it has no link).
 */
export function buildSyncStatus(view: EngineView): SyncStatus {
  const counts = view.counts;
  let seconds = 0;
  let known = true;
  for (const line of counts.queued) {
    if (line.count === 0) continue;
    const route = view.routeFor(trafficClassOf(line.priority));
    if (!route) {
      known = false;
      continue;
    }
    seconds += (line.bytes * 8) / 1000 / Math.max(route.budgetKbps, 0.1);
  }
  const total = counts.queued.reduce((sum, l) => sum + l.count, 0);
  const parked: ParkedItem[] = view.parked.map((e) => ({
    seq: e.seq,
    kind: e.kind,
    priority: e.priority,
    createdAt: e.createdAt,
    code: e.parkCode ?? 'refused',
    reason: e.parkReason ?? '',
    summary: summary(e),
  }));
  return {
    state: view.state,
    detail: view.detail,
    centerUrl: view.centerUrl,
    vehicleId: view.vehicleId,
    centerVehicleName: view.centerVehicleName,
    queue: counts.queued.sort((a, b) => PRIORITY_RANK[a.priority as Priority] - PRIORITY_RANK[b.priority as Priority]),
    delivered: counts.delivered,
    parked,
    files: view.files,
    sending: view.sending,
    link: view.link,
    // No estimate while the center cannot take anything (unreachable, refusing this vehicle, full): it would be a guess.
    etaSeconds: total === 0 ? 0 : known && !NO_ESTIMATE.has(view.state) ? Math.round(seconds) : null,
    lastContactAt: view.lastContactAt,
    lastError: view.lastError,
    nextAttemptAt: view.nextAttemptAt,
  };
}
