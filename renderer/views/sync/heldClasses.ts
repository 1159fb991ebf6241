import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type { LinkPolicy } from '../../../protocol/links/policy';
import type { Priority } from '../../../protocol/sync/items';
import { trafficClassOf } from '../../../protocol/sync/trafficClass';

/** Why queued items of each class have no link now, from the policy's decision (held-metered, held-no-link …). */
export function heldClasses(
  status: SyncStatus,
  policy: LinkPolicy | undefined,
): Array<{ trafficClass: string; reason: string; count: number; priorities: Priority[] }> {
  if (!policy) return [];
  const held = new Map<string, { trafficClass: string; reason: string; count: number; priorities: Priority[] }>();
  for (const line of status.queue) {
    if (line.count === 0) continue;
    const trafficClass = trafficClassOf(line.priority);
    const decision = policy.decisions.find((d) => d.trafficClass === trafficClass);
    if (!decision || decision.linkId !== null) continue;
    const entry = held.get(trafficClass) ?? { trafficClass, reason: decision.reason, count: 0, priorities: [] };
    entry.count += line.count;
    entry.priorities.push(line.priority);
    held.set(trafficClass, entry);
  }
  return [...held.values()];
}
