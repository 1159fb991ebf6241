import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type { LinkPolicy } from '../../../protocol/links/policy';
import { heldClasses } from '../../../renderer/views/sync/heldClasses';

const status = (queue: Array<[SyncStatus['queue'][number]['priority'], number]>) =>
  ({ queue: queue.map(([priority, count]) => ({ priority, count, bytes: count * 100 })) }) as SyncStatus;

const policy: LinkPolicy = {
  at: 0,
  decisions: [
    { trafficClass: 'control', linkId: 'bgan', budgetKbps: 20, reason: 'best' },
    { trafficClass: 'flash', linkId: 'bgan', budgetKbps: 40, reason: 'best' },
    { trafficClass: 'live', linkId: 'bgan', budgetKbps: 240, reason: 'best' },
    { trafficClass: 'routine', linkId: null, budgetKbps: 0, reason: 'held-no-link' },
    { trafficClass: 'bulk', linkId: null, budgetKbps: 0, reason: 'held-metered' },
  ],
};

describe('why items wait for a link', () => {
  it('names each held class with its policy reason and the items it holds; classes with a link are not listed', () => {
    expect(
      heldClasses(
        status([
          ['flash', 1],
          ['immediate', 2],
          ['routine', 3],
          ['bulk', 4],
          ['priority', 0],
        ]),
        policy,
      ),
    ).toEqual([
      { trafficClass: 'routine', reason: 'held-no-link', count: 5, priorities: ['immediate', 'routine'] },
      { trafficClass: 'bulk', reason: 'held-metered', count: 4, priorities: ['bulk'] },
    ]);
    expect(heldClasses(status([['bulk', 4]]), undefined)).toEqual([]);
  });
});
