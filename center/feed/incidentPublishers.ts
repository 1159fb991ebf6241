import type { DeskItem } from '../../protocol/sync/desk';
import { DEFAULT_FIRST_REPORT_DEADLINES, type FirstReportDeadlines } from '../../protocol/sync/incidents';
import type { FeedPublisherDeps } from './publishers';

/** The feed's publishers need the deadlines to say which incidents are late. */
export interface IncidentPublisherDeps extends FeedPublisherDeps {
  firstReportDeadlines?: FirstReportDeadlines | undefined;
}

/**
 * An incident changed and committed: its whole list row, read now, goes to the desks that
 * may see its vehicle (an incident opened at the center goes to every desk). Never fails
 * the request that caused it.
 */
export function publishIncident(deps: IncidentPublisherDeps, incidentId: string): void {
  const { feed, store, log } = deps;
  store.incidents.detail(incidentId, Date.now(), deps.firstReportDeadlines ?? DEFAULT_FIRST_REPORT_DEADLINES).then(
    (detail) => {
      if (detail) feed.publish('incident', { incident: detail.incident }, detail.incident.vehicleId ?? undefined);
    },
    (error: unknown) => log.warn(`desk feed: could not read incident ${incidentId}: ${(error as Error).message}`),
  );
}

/** An exchange stored reports or attachments: each incident they touch, once. */
export function publishIncidentsOf(deps: IncidentPublisherDeps, vehicleId: string, stored: readonly DeskItem[]): void {
  const items = stored.filter((item) => item.kind === 'report' || item.kind === 'attachment');
  if (items.length === 0) return;
  deps.store.incidents.incidentsOfItems(vehicleId, items).then(
    (ids) => ids.forEach((id) => publishIncident(deps, id)),
    (error: unknown) => deps.log.warn(`desk feed: could not find the incidents of ${vehicleId}'s items: ${(error as Error).message}`),
  );
}
