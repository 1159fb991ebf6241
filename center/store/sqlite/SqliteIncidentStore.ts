import type { Database } from 'better-sqlite3';
import type { DeskIncident, DeskIncidentDetail, DeskReport } from '../../../protocol/sync/deskIncidents';
import type { FirstReportDeadlines } from '../../../protocol/sync/incidents';
import type { NewDownlinkItem, QueuedDownlinkRecord } from '../CenterStore';
import type { IncidentFilter, IncidentStore, NewCenterIncident } from '../IncidentStore';
import { insertNextDownlink } from './downlinkRows';
import { selectIncidentDetail, selectIncidents, selectIncidentsOfItems, selectReport } from './incidentReads';
import { insertCenterIncident, markReportAcked } from './incidentWrites';
import type { Statements } from './statements';

/** `CenterStore.incidents` on SQLite: runs on the store's one connection, in turn with its other operations (`serial`). */
export class SqliteIncidentStore implements IncidentStore {
  readonly #db: Database;
  readonly #statements: Statements;
  readonly #serial: <T>(fn: () => T) => Promise<T>;

  constructor(db: Database, statements: Statements, serial: <T>(fn: () => T) => Promise<T>) {
    this.#db = db;
    this.#statements = statements;
    this.#serial = serial;
  }

  list(filter: IncidentFilter, now: number, deadlines: FirstReportDeadlines): Promise<DeskIncident[]> {
    return this.#serial(() => selectIncidents(this.#statements, filter, now, deadlines));
  }

  detail(incidentId: string, now: number, deadlines: FirstReportDeadlines): Promise<DeskIncidentDetail | undefined> {
    return this.#serial(() => selectIncidentDetail(this.#statements, incidentId, now, deadlines));
  }

  report(reportId: string): Promise<DeskReport | undefined> {
    return this.#serial(() => selectReport(this.#statements, reportId));
  }

  reportOwner(reportId: string): Promise<{ incidentId: string; vehicleId: string } | undefined> {
    return this.#serial(() => {
      const row = this.#statements.get('SELECT incident_id, vehicle_id FROM reports WHERE id = ?').get(reportId) as
        { incident_id: string; vehicle_id: string } | undefined;
      return row ? { incidentId: row.incident_id, vehicleId: row.vehicle_id } : undefined;
    });
  }

  incidentOwner(incidentId: string): Promise<{ vehicleId: string | null; reporters: string[]; title: string | null } | undefined> {
    return this.#serial(() => {
      const row = this.#statements.get('SELECT vehicle_id, title FROM incidents WHERE id = ?').get(incidentId) as
        { vehicle_id: string | null; title: string | null } | undefined;
      if (!row) return undefined;
      const reporters = (
        this.#statements.get('SELECT DISTINCT vehicle_id FROM reports WHERE incident_id = ? ORDER BY vehicle_id').all(incidentId) as Array<{
          vehicle_id: string;
        }>
      ).map((r) => r.vehicle_id);
      return { vehicleId: row.vehicle_id, reporters, title: row.title };
    });
  }

  open(incident: NewCenterIncident): Promise<void> {
    return this.#serial(() => insertCenterIncident(this.#statements, incident));
  }

  ack(
    reportId: string,
    by: string,
    at: number,
    build: (vehicleId: string, seq: number) => NewDownlinkItem,
  ): Promise<QueuedDownlinkRecord | undefined> {
    return this.#serial(() =>
      this.#db
        .transaction(() => {
          const vehicleId = markReportAcked(this.#statements, reportId, by, at);
          return vehicleId === undefined ? undefined : insertNextDownlink(this.#statements, vehicleId, (seq) => build(vehicleId, seq));
        })
        .immediate(),
    );
  }

  incidentsOfItems(
    vehicleId: string,
    items: ReadonlyArray<{ kind: string; id: string; body: Record<string, unknown> }>,
  ): Promise<string[]> {
    return this.#serial(() => selectIncidentsOfItems(this.#statements, vehicleId, items));
  }
}
