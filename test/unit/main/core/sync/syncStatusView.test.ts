import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../../../../protocol/api/syncStatus';
import { buildSyncStatus, type EngineView } from '../../../../../main/core/sync/syncStatusView';

function view(state: SyncState, queued: Array<{ priority: string; count: number; bytes: number }>): EngineView {
  return {
    counts: { queued, delivered: 3 } as EngineView['counts'],
    parked: [],
    files: { first: [], total: 0 },
    lastContactAt: null,
    state,
    detail: null,
    centerUrl: 'http://center.example:7000',
    vehicleId: 'mcv-07',
    centerVehicleName: 'MCV-07',
    sending: [],
    link: { id: 'vsat', name: 'VSAT-1', budgetKbps: 512 } as EngineView['link'],
    routeFor: () => ({ budgetKbps: 512 }),
    lastError: null,
    nextAttemptAt: null,
  };
}

const WAITING = [{ priority: 'routine', count: 2, bytes: 64_000 }];

describe('the Sync view’s time estimate', () => {
  it('is the queue over the budget of the link each class would take', () => {
    expect(buildSyncStatus(view('sending', WAITING)).etaSeconds).toBe(1); // 512 kbit at 512 kbit/s
  });
  it.each(['backoff', 'unauthorized', 'center-full', 'store-full', 'not-configured'] as const)(
    'is withheld while the center cannot take anything (%s): a guess would mislead',
    (state) => {
      expect(buildSyncStatus(view(state, WAITING)).etaSeconds).toBeNull();
    },
  );
  it('is 0 with nothing waiting', () => {
    expect(buildSyncStatus(view('idle', [])).etaSeconds).toBe(0);
  });
});
