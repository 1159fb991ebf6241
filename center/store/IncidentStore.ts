import type { DeskIncidentDetail, DeskIncident, DeskReport } from '../../protocol/sync/deskIncidents';
import type {
  FirstReportDeadlines,
  IncidentCategory,
  IncidentHeader,
  IncidentLevel,
  IncidentStatus,
  ReportBody,
} from '../../protocol/sync/incidents';
import type { NewDownlinkItem, QueuedDownlinkRecord } from './CenterStore';

/**
 * Incidents and their report chains at the center (`CenterStore.incidents`). Reports and
 * thumbnails are recorded by ingest inside the exchange's unit of work
 * (`ExchangeTx.incidents`); the desk reads and acts here. A 签收 or a follow-up request
 * is recorded together with its downlink item, atomically.
 */
export interface IncidentStore {
  /** Incidents, newest activity first; `now` and `deadlines` decide what is late. */
  list(filter: IncidentFilter, now: number, deadlines: FirstReportDeadlines): Promise<DeskIncident[]>;
  /** One incident with its chain; undefined when there is none. */
  detail(incidentId: string, now: number, deadlines: FirstReportDeadlines): Promise<DeskIncidentDetail | undefined>;
  /** One report with its files; undefined when there is none. */
  report(reportId: string): Promise<DeskReport | undefined>;
  /** Where a report belongs, for access checks. */
  reportOwner(reportId: string): Promise<{ incidentId: string; vehicleId: string } | undefined>;
  /** Where an incident belongs, and the vehicles that reported on it (for access checks and follow-up requests). */
  incidentOwner(incidentId: string): Promise<{ vehicleId: string | null; reporters: string[]; title: string | null } | undefined>;
  /** An incident opened at the center by staff (its 初报 is the phone call: it reached the center now). */
  open(incident: NewCenterIncident): Promise<void>;
  /**
   * 签收: marks the report acknowledged by `by` and queues `build`'s item to its vehicle,
   * atomically. Acknowledging twice keeps the first and queues nothing (`queued` undefined).
   */
  ack(
    reportId: string,
    by: string,
    at: number,
    build: (vehicleId: string, seq: number) => NewDownlinkItem,
  ): Promise<QueuedDownlinkRecord | undefined>;
  /** Which incidents these uplink items (reports, attachments) of a vehicle touch, for the live feed. */
  incidentsOfItems(vehicleId: string, items: ReadonlyArray<{ kind: string; id: string; body: Record<string, unknown> }>): Promise<string[]>;
}

/** Ingest's writes, inside one exchange's unit of work (one vehicle). */
export interface IncidentExchangeTx {
  /** Stores a report and upserts its incident (header when newer, 终报 closes it, the 初报's arrival time); links its files. */
  addReport(report: NewReport): Promise<void>;
  /** A thumbnail arrived: links it to its original (the row may come before the report or the original). */
  linkThumbnail(originalId: string, thumbnailId: string): Promise<void>;
}

export interface NewReport {
  /** The item's id. */
  id: string;
  body: ReportBody;
  createdAt: number;
  receivedAt: number;
}

export interface NewCenterIncident {
  id: string;
  header: IncidentHeader;
  note?: string | undefined;
  openedBy: string;
  at: number;
}

export interface IncidentFilter {
  vehicleId?: string | undefined;
  category?: IncidentCategory | undefined;
  level?: IncidentLevel | undefined;
  status?: IncidentStatus | undefined;
  late?: boolean | undefined;
  /** Only incidents of these vehicles or the center's own (a desk staff member's visible ones); all when absent. */
  vehicleIds?: readonly string[] | undefined;
  limit: number;
}
